import path from 'node:path';
import { type FileStamp, stampFiles } from '../articles/hash-files.js';
import {
  assemble,
  type FileRecord,
  type FollowLinks,
  type LoadResult,
  listArticleFiles,
  loadFolder,
} from '../articles/load.js';
import { nextTurn } from '../time-slices.js';
import { type CacheKey, type CacheRead, loadSnapshotCache, saveSnapshotCache } from './cache.js';
import { Library } from './library.js';

export interface LiveLibraryOptions {
  seedsDir: string;
  maxArticleBytes: number;
  /** Where the warm-start cache lives; null or absent: no cache. */
  cacheDir?: string | null;
  /** Links inside the seeds folder: named (the default) or followed ('inside'). */
  followLinks?: FollowLinks;
  /** A reload still running after this long is abandoned; RELOAD_DEADLINE_MS by default. */
  reloadDeadlineMs?: number;
}

/** A summary of what a reload changed, for the reply and the log. */
export interface ReloadReport {
  ok: boolean;
  /** Why the previous articles were kept, when ok is false. */
  error?: string;
  before: number;
  after: number;
  added: string[];
  changed: string[];
  removed: string[];
  problems: { file: string; reason: string }[];
  seconds: number;
  /**
   * With replicas sharing Redis: how many other replicas said they reloaded within the time the
   * reply waited, of how many were listening.
   */
  replicas?: { reloaded: number; listening: number; waitedSeconds: number };
}

/** A reload works in slices of about this many milliseconds, so replies in flight wait no longer. */
const RELOAD_SLICE_MS = 10;

/**
 * A reload still running after this long is abandoned and the old articles kept. The largest
 * library measured (85,120 articles, README "Large libraries") builds from nothing in about 140 s
 * at start; a reload works in slices alongside replies, so it gets four times that, rounded up.
 * Past it, something is wrong with the folder (or the disk), and the admin hears so.
 */
export const RELOAD_DEADLINE_MS = 10 * 60 * 1000;

/** Why a reload was stopped before it swapped anything in; its message is the report's error. */
export class ReloadStopped extends Error {
  override name = 'ReloadStopped';
}

/** How an article's content is identified across loads: its file's content hash. */
function hashesById(records: ReadonlyMap<string, FileRecord>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const r of records.values()) if (r.article) out.set(r.article.id, r.hash);
  return out;
}

/**
 * The cached records, with the files' current sizes and times, when they describe exactly these
 * files: the same paths with the same content hashes (files that were not read, too large or
 * unreadable, by the same size and time). Null when anything differs.
 */
function matchingRecords(records: readonly FileRecord[], stamps: readonly FileStamp[]): FileRecord[] | null {
  if (records.length !== stamps.length) return null;
  const byFile = new Map(records.map((r) => [r.file, r]));
  const out: FileRecord[] = [];
  for (const stamp of stamps) {
    const record = byFile.get(stamp.file);
    if (!record) return null;
    const same =
      stamp.hash !== null
        ? record.hash === stamp.hash
        : record.hash === null && record.size === stamp.size && record.mtimeMs === stamp.mtimeMs;
    if (!same) return null;
    out.push({ ...record, size: stamp.size, mtimeMs: stamp.mtimeMs });
  }
  return out;
}

/**
 * The one piece of state behind every reply: the current snapshot. A reload reads the folder (files
 * whose content is unchanged are not parsed again) and builds the new index in small slices while
 * queries keep using the old snapshot, then swaps it in one assignment. A reload that finds no
 * loadable article, or cannot read the folder, keeps the old snapshot. One reload at a time.
 */
export class LiveLibrary {
  private snapshot: Library;
  private records: Map<string, FileRecord>;
  private reloading: Promise<ReloadReport> | null = null;
  /** Cancels the running reload (shutdown, deadline). */
  private cancelRunning: AbortController | null = null;
  /**
   * Why the warm-start cache was not used at open (null: it was used, or no cache is kept);
   * `damaged`: there was a cache, and it could not be trusted.
   */
  readonly cacheNote: { reason: string; damaged: boolean } | null;
  /** True when the snapshot came from the warm cache rather than from parsing and indexing. */
  readonly fromCache: boolean;
  /** The cache no longer matches the snapshot (first build, or a reload since). */
  private cacheStale: boolean;
  private readonly reloadListeners: ((report: ReloadReport) => void)[] = [];

  private constructor(
    initial: Library,
    records: Map<string, FileRecord>,
    fromCache: boolean,
    private readonly options: LiveLibraryOptions,
    cacheNote: LiveLibrary['cacheNote'] = null,
  ) {
    this.cacheNote = cacheNote;
    this.snapshot = initial;
    this.records = records;
    this.fromCache = fromCache;
    this.cacheStale = !fromCache;
  }

  /** Loads the folder: from the warm cache when every file's content matches it, else by parsing and indexing. */
  static async open(options: LiveLibraryOptions): Promise<LiveLibrary> {
    const key = cacheKey(options);
    let cached: CacheRead | null = null;
    let note: LiveLibrary['cacheNote'] = null;
    if (options.cacheDir) {
      // the files are hashed in a worker while this thread reads the cache
      const listing = await listArticleFiles(options.seedsDir, { followLinks: options.followLinks }).catch(
        () => null,
      );
      const stamping = listing && stampFiles(listing.root, listing.files, options.maxArticleBytes);
      cached = await loadSnapshotCache(options.cacheDir, key);
      const stamps = await stamping;
      const records = cached.ok && stamps ? matchingRecords(cached.parts.records, stamps) : null;
      if (!cached.ok) note = { reason: cached.reason, damaged: cached.damaged };
      else if (!records) note = { reason: 'the files changed since the cache was saved', damaged: false };
      if (cached.ok && records && listing) {
        const {
          articles,
          problems,
          records: byFile,
        } = await assemble(records, {
          folderProblems: listing.problems,
        });
        try {
          return new LiveLibrary(Library.restore(articles, problems, cached.parts), byFile, true, options);
        } catch (error) {
          // a cache that does not restore is rebuilt below, reusing its parsed articles
          note = {
            reason: `the cache does not restore (${error instanceof Error ? error.message : String(error)})`,
            damaged: true,
          };
        }
      }
    }
    const previous = cached?.ok ? new Map(cached.parts.records.map((r) => [r.file, r])) : undefined;
    const loaded = await loadFolder(options.seedsDir, {
      maxBytes: options.maxArticleBytes,
      followLinks: options.followLinks,
      previous,
    });
    const library = await Library.build(loaded.articles, loaded.problems);
    return new LiveLibrary(library, loaded.records, false, options, note);
  }

  get current(): Library {
    return this.snapshot;
  }

  /**
   * Saves the snapshot for the next start when it changed since the cache was written. Serialising
   * a large index takes a moment of the main thread, so callers do it when no one is waiting for a
   * reply: after the first build, before connecting, and on shutdown.
   */
  async saveCache(): Promise<boolean> {
    if (!this.options.cacheDir || !this.cacheStale) return false;
    const snapshot = this.snapshot;
    const records = [...this.records.values()];
    await saveSnapshotCache(this.options.cacheDir, cacheKey(this.options), {
      records,
      ...snapshot.exportIndexes(),
    });
    if (this.snapshot === snapshot) this.cacheStale = false;
    return true;
  }

  /**
   * Reloads the folder; a second call while one runs gets null (the caller says "wait"). The reload
   * is abandoned, keeping the old articles, after the reload deadline or on cancelReload; its promise
   * then settles at once, even if a file-system call it made has not returned, so the next reload
   * (or the shutdown) never waits on it.
   */
  reload(): Promise<ReloadReport> | null {
    if (this.reloading) return null;
    const controller = new AbortController();
    const deadlineMs = this.options.reloadDeadlineMs ?? RELOAD_DEADLINE_MS;
    const deadline = setTimeout(
      () =>
        controller.abort(
          new ReloadStopped(`the reload took longer than ${formatSeconds(deadlineMs)} and was abandoned`),
        ),
      deadlineMs,
    );
    deadline.unref();
    this.cancelRunning = controller;
    const started = performance.now();
    const stopped = new Promise<ReloadReport>((resolve) => {
      controller.signal.addEventListener('abort', () =>
        resolve(this.failedReport(controller.signal.reason, started)),
      );
    });
    this.reloading = Promise.race([this.runReload(controller.signal, started), stopped])
      .then((report) => {
        for (const listener of this.reloadListeners) listener(report);
        return report;
      })
      .finally(() => {
        clearTimeout(deadline);
        this.cancelRunning = null;
        this.reloading = null;
      });
    return this.reloading;
  }

  /** Tells `listener` of every reload's report, whoever started it (/reload, SIGHUP): for metrics. */
  onReload(listener: (report: ReloadReport) => void): void {
    this.reloadListeners.push(listener);
  }

  /** Stops the running reload, if any (it reports `why` and keeps the old articles); true when one was running. */
  cancelReload(why: string): boolean {
    if (!this.cancelRunning) return false;
    this.cancelRunning.abort(new ReloadStopped(why));
    return true;
  }

  private failedReport(error: unknown, started: number): ReloadReport {
    const old = this.snapshot;
    return {
      ok: false,
      before: old.size,
      after: old.size,
      added: [],
      changed: [],
      removed: [],
      error: `${error instanceof Error ? error.message : String(error)}; kept the ${old.size} articles already loaded`,
      problems: [],
      seconds: (performance.now() - started) / 1000,
    };
  }

  private async runReload(signal: AbortSignal, started: number): Promise<ReloadReport> {
    const old = this.snapshot;
    const base = { before: old.size, added: [], changed: [], removed: [] };
    const seconds = () => (performance.now() - started) / 1000;
    let loaded: LoadResult;
    let next: Library;
    try {
      loaded = await loadFolder(this.options.seedsDir, {
        maxBytes: this.options.maxArticleBytes,
        previous: this.records,
        yieldEveryMs: RELOAD_SLICE_MS,
        followLinks: this.options.followLinks,
        signal,
      });
      if (loaded.articles.length === 0) {
        return {
          ...base,
          ok: false,
          after: old.size,
          error: `no article could be loaded from ${this.options.seedsDir}; kept the ${old.size} articles already loaded`,
          problems: loaded.problems.map(({ file, reason }) => ({ file, reason })),
          seconds: seconds(),
        };
      }
      await nextTurn();
      next = await Library.build(loaded.articles, loaded.problems, { yieldEveryMs: RELOAD_SLICE_MS, signal });
      await nextTurn();
      signal.throwIfAborted();
    } catch (error) {
      return this.failedReport(error, started);
    }
    // each pass below is a few milliseconds per 10,000 articles: a turn between them keeps a
    // large library's reload from holding replies up
    const before = hashesById(this.records);
    await nextTurn();
    const after = hashesById(loaded.records);
    await nextTurn();
    const added: string[] = [];
    const changed: string[] = [];
    for (const article of next.articles) {
      if (!before.has(article.id)) added.push(article.id);
      else if (before.get(article.id) !== after.get(article.id)) changed.push(article.id);
    }
    await nextTurn();
    const removed = old.articles.filter((a) => !next.get(a.id)).map((a) => a.id);
    // the last check before the swap: a reload stopped by now changes nothing
    if (signal.aborted) return this.failedReport(signal.reason, started);
    this.snapshot = next;
    this.records = loaded.records;
    this.cacheStale = true;
    return {
      ok: true,
      before: old.size,
      after: next.size,
      added,
      changed,
      removed,
      problems: next.problems.map(({ file, reason }) => ({ file, reason })),
      seconds: seconds(),
    };
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

function cacheKey(options: LiveLibraryOptions): CacheKey {
  return { seedsDir: path.resolve(options.seedsDir), maxBytes: options.maxArticleBytes };
}
