import path from 'node:path';
import { type FileStamp, stampFiles } from '../articles/hash-files.js';
import {
  assemble,
  type FileRecord,
  type FollowLinks,
  type LoadResult,
  listArticleFiles,
  loadFolder,
  type SeedListing,
} from '../articles/load.js';
import { MIN_FILES_PER_PARSE_WORKER, ParsePool } from '../articles/parse-pool.js';
import type { Article } from '../articles/types.js';
import type { Config } from '../config.js';
import {
  collectGarbageNow,
  type HeapWatch,
  type HeldMemory,
  heldMemory,
  type ReloadReserve,
  reloadMemoryShortReason,
  sharedWatch,
} from '../heap.js';
import { nextTurn, TimeSlices } from '../time-slices.js';
import type { AnalysedText } from './analysed.js';
import {
  type CacheKey,
  type CacheRead,
  journalRecordsBound,
  type KnownAnalyses,
  loadSnapshotCache,
  type PartInfo,
  RecordJournal,
  recordPlaces,
  saveSnapshotCache,
  type TrustOptions,
} from './cache.js';
import { analyseArticle, Library } from './library.js';
import { Progress } from './progress.js';
import type { BuildOptions } from './slices.js';
import { inMemory, isTextOnDisk, TextShelf } from './text-on-disk.js';

export interface LiveLibraryOptions {
  seedsDir: string;
  maxArticleBytes: number;
  /** Where the warm-start cache lives; null or absent: no cache. */
  cacheDir?: string | null;
  /** Links inside the seeds folder: named (the default) or followed ('inside'). */
  followLinks?: FollowLinks;
  /** A reload still running after this long is abandoned; reloadDeadlineMs of the library's size by default. */
  reloadDeadlineMs?: number;
  /** Follows the start (the caller reports it: log lines, a bar); one is made when absent. */
  progress?: Progress;
  /** Stops long work with OutOfMemoryError when the heap is nearly full; the process's watch by default. */
  heapWatch?: HeapWatch;
  /** The owner the cache's folder and files must have (tests); the process's uid by default. */
  cacheOwnerUid?: number;
  /** PARSE_WORKERS: threads that parse the files (0 or absent: the main thread); see LoadOptions. */
  parseWorkers?: number;
  /**
   * A start that restores a whole snapshot from the cache leaves the articles' text in the cache's
   * parts, read back when a search, a reply or a page asks for it (text-on-disk.ts). A snapshot
   * built here (a start whose files changed since the save, a reload) holds its text in memory.
   * `keepAnalyses`: keep the parts' index analyses for such a build (the main thread); a search
   * worker, which never builds from the parts, drops them.
   */
  textOnDisk?: { keepAnalyses: boolean };
}

/**
 * After a start's save: the snapshot it built leaves its text in the parts it was saved to
 * (LiveLibrary.setTextAside), and the text in memory goes back now, in one compacting full
 * collection (a pause of the main thread before it answers, once), rather than at the heap's next
 * one, which a thread that only answers may not reach for a long time. Returns the pause (ms), or
 * null when nothing was set aside.
 */
export async function textAsideAfterSave(live: LiveLibrary): Promise<number | null> {
  if ((await live.setTextAside().catch(() => 0)) === 0) return null;
  // compacting: the text was among the articles' other objects (docs/performance.md)
  return collectGarbageNow({ compact: true });
}

/** The options a start takes from the settings (the folder, its limits, the cache), with its progress. */
export function openOptionsOf(
  config: Pick<
    Config,
    'seedsDir' | 'maxArticleBytes' | 'indexCacheDir' | 'seedsFollowLinks' | 'parseWorkers'
  >,
  progress: Progress,
): LiveLibraryOptions {
  return {
    seedsDir: config.seedsDir,
    maxArticleBytes: config.maxArticleBytes,
    cacheDir: config.indexCacheDir,
    followLinks: config.seedsFollowLinks,
    parseWorkers: config.parseWorkers,
    // a warm start's articles keep their text in the cache's parts: most of a snapshot's memory,
    // of which a reply, a page or a search reads a few dozen articles' (text-on-disk.ts)
    textOnDisk: { keepAnalyses: true },
    progress,
  };
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

/**
 * The parse workers' script for a library's loads: it sends each parsed article's index analysis
 * with it (see analysing-parse-worker.ts), which the build uses.
 */
export const LIBRARY_PARSE_WORKER_SCRIPT = 'library/analysing-parse-worker.js';

/**
 * Keeps the analyses a load's parse workers send (LoadWatcher.record's `analysis`) for the build,
 * and gives each once: the build lets it go as soon as the article is indexed.
 */
function analysesFor(known: KnownAnalyses): (article: Article) => AnalysedText | undefined {
  return (article) => {
    const analysis = known.get(article);
    known.delete(article);
    return analysis;
  };
}

/** A reload works in slices of about this many milliseconds, so replies in flight wait no longer. */
const RELOAD_SLICE_MS = 10;
/**
 * A start works in slices of this many milliseconds: nothing waits on it, but between slices the
 * progress reports and the heap watch get their turn (a setImmediate costs microseconds).
 */
const START_SLICE_MS = 200;
/**
 * A reload builds new indexes beside those in use (articles that did not change are shared): it
 * needs about this share of what the heap holds again. Measured with a heap snapshot at 21,280
 * articles: the indexes (MiniSearch maps, document frequencies, quotation index) are about half
 * of the heap; the rest is the articles. Rounded up for the articles that changed.
 */
export const RELOAD_HEAP_SHARE = 0.6;

/**
 * A reload still running after this long is abandoned and the old articles kept: the least a
 * reload gets, whatever the library's size. 85,120 articles build from nothing in about 140 s at
 * start (docs/performance.md); a reload works in slices alongside replies, so it gets four times
 * that, rounded up. Past it, something is wrong with the folder (or the disk), and the admin hears so.
 */
export const RELOAD_DEADLINE_MS = 10 * 60 * 1000;
/**
 * What a larger library adds to the reload deadline, per article it holds: the same four times a
 * cold build's cost, 140 s / 85,120 articles = 1.6 ms, so 6.6 ms, rounded up to 7. A reload
 * rebuilds both indexes whole, which takes time in proportion to the articles: at 212,800 (the
 * BBC corpus copied 100 times, 7 Dec, docs/performance.md) the main thread's indexing alone took
 * about 170 s of CPU, and on a loaded machine over 10 minutes, past the fixed deadline.
 */
export const RELOAD_DEADLINE_MS_PER_ARTICLE = 7;

/** The reload deadline for a library of `articles` articles: RELOAD_DEADLINE_MS, or more for a large one. */
export function reloadDeadlineMs(articles: number): number {
  return Math.max(RELOAD_DEADLINE_MS, articles * RELOAD_DEADLINE_MS_PER_ARTICLE);
}

/** Why a reload was stopped before it swapped anything in; its message is the report's error. */
export class ReloadStopped extends Error {
  override name = 'ReloadStopped';
}

/**
 * The parse workers of a start from the cache folder, started before the cache is read when the
 * start will parse enough files to repay them (MIN_FILES_PER_PARSE_WORKER a worker, of the
 * `files` listed less what the cache's journal parts may hold: journalRecordsBound), so their own
 * start (a thread each, their modules, the furniture patterns' compile: 0.5-0.8 s of CPU each)
 * overlaps the cache's reading and the files' hashing instead of following them. Null otherwise
 * (no workers; a cache that may start warm; few files left): loadFolder starts them when due.
 */
async function earlyParsePool(
  options: LiveLibraryOptions,
  files: number,
  key: CacheKey,
  trust: TrustOptions,
): Promise<ParsePool | null> {
  const workers = options.parseWorkers ?? 0;
  if (workers < 1 || !options.cacheDir) return null;
  const held = await journalRecordsBound(options.cacheDir, key, trust);
  if (held === null || files - held < MIN_FILES_PER_PARSE_WORKER * workers) return null;
  return ParsePool.create(workers, LIBRARY_PARSE_WORKER_SCRIPT);
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
 * The records whose file was just hashed to the same content (read files only), with the files'
 * current sizes and times: as loadFolder would make them after reading the files again.
 */
function unchangedRecords(
  records: ReadonlyMap<string, FileRecord>,
  stamps: readonly FileStamp[],
): Map<string, FileRecord> {
  const out = new Map<string, FileRecord>();
  for (const stamp of stamps) {
    const record = records.get(stamp.file);
    if (record && stamp.hash !== null && record.hash === stamp.hash)
      out.set(stamp.file, { ...record, size: stamp.size, mtimeMs: stamp.mtimeMs });
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
  /** The last reload's own work, which may outlive its report when abandoned (workStopped). */
  private lastWork: Promise<ReloadReport> | null = null;
  /**
   * Why the warm-start cache was not used at open (null: it was used, or no cache is kept);
   * `damaged`: there was a cache, and it could not be trusted.
   */
  readonly cacheNote: { reason: string; damaged: boolean } | null;
  /** True when the snapshot came from the warm cache rather than from parsing and indexing. */
  readonly fromCache: boolean;
  /**
   * The bytes of the cache's lines whose articles' text the current snapshot left on disk
   * (textOnDisk): about what it would hold more with the text in memory. 0 without textOnDisk, and
   * once a reload has built a snapshot here.
   */
  textOnDiskBytes = 0;
  /** The cache no longer matches the snapshot (first build, or a reload since). */
  private cacheStale: boolean;
  private readonly reloadListeners: ((report: ReloadReport) => void)[] = [];
  /** What other threads need for a reload (reserveForReload). */
  private readonly reloadReserves: (() => ReloadReserve)[] = [];
  /** The cache's record parts that hold current records: a save rewrites only the others. */
  private recordParts: PartInfo[];
  /** False when the cache folder is not the bot's own: nothing is written there. */
  private readonly cacheTrusted: boolean;
  /** How far the running start or reload is; null when none runs. */
  private running: Progress | null = null;
  /** What this thread held with its indexes when it last let them go (releaseIndexes), for the reload's memory check; null before. */
  private heldWithIndexes: HeldMemory | null = null;

  private constructor(
    initial: Library,
    records: Map<string, FileRecord>,
    fromCache: boolean,
    private readonly options: LiveLibraryOptions,
    cacheNote: LiveLibrary['cacheNote'] = null,
    cache: { parts: PartInfo[]; trusted: boolean } = { parts: [], trusted: true },
  ) {
    this.cacheNote = cacheNote;
    this.recordParts = cache.parts;
    this.cacheTrusted = cache.trusted;
    this.snapshot = initial;
    this.records = records;
    this.fromCache = fromCache;
    this.cacheStale = !fromCache;
  }

  /**
   * Loads the folder: from the warm cache when every file's content matches it, else by parsing
   * and indexing, reusing the records of the cache parts that check out (a start stopped halfway
   * resumes from them) and writing what it parses into new parts as it goes.
   */
  static async open(options: LiveLibraryOptions): Promise<LiveLibrary> {
    const key = cacheKey(options);
    const progress = options.progress ?? new Progress('start');
    const watch = options.heapWatch ?? sharedWatch();
    const trust: TrustOptions = 'cacheOwnerUid' in options ? { uid: options.cacheOwnerUid } : {};
    const shelf = options.textOnDisk ? new TextShelf(options.textOnDisk.keepAnalyses) : null;
    let cached: CacheRead | null = null;
    let note: LiveLibrary['cacheNote'] = null;
    let previous: Map<string, FileRecord> | undefined;
    let unchanged: Map<string, FileRecord> | undefined;
    let journal: RecordJournal | null = null;
    /** Index analyses of the articles to index (the parts', then each parsed one's): spares the build analysing them. */
    let analysed: KnownAnalyses | null = null;
    let parts: PartInfo[] = [];
    let trusted = true;
    /** Parse workers started before the cache is read (earlyParsePool), for loadFolder. */
    let earlyPool: ParsePool | null = null;
    /** The folder's listing, made to hash its files: the load takes it rather than walking again. */
    let listing: SeedListing | null = null;
    if (options.cacheDir) {
      // the files are hashed in a worker while this thread reads the cache
      listing = await listArticleFiles(options.seedsDir, { followLinks: options.followLinks }).catch(
        () => null,
      );
      const stopStamping = new AbortController();
      const stamping =
        listing && stampFiles(listing.root, listing.files, options.maxArticleBytes, stopStamping.signal);
      progress.listed(listing?.files.length ?? 0);
      progress.phase('restoring');
      earlyPool = listing && (await earlyParsePool(options, listing.files.length, key, trust));
      // nothing below throws (a bad cache costs time, never the start); were it to, the early
      // workers are closed rather than left to keep the process alive
      try {
        cached = await loadSnapshotCache(options.cacheDir, key, shelf ? { ...trust, shelf } : trust);
        // no snapshot and no record to reuse (a first start, another version's cache): the stamps
        // would be compared with nothing, and the parse below reads every file anyway
        if (!cached.ok && (!cached.trusted || cached.records.length === 0)) stopStamping.abort();
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
            const library = Library.restore(articles, problems, cached.parts);
            await earlyPool?.close();
            const live = new LiveLibrary(library, byFile, true, options, null, {
              parts: cached.recordParts,
              trusted,
            });
            live.textOnDiskBytes = shelf?.asideBytes ?? 0;
            return live;
          } catch (error) {
            // a cache that does not restore is rebuilt below, reusing its parsed (and checked) records
            note = {
              reason: `the cache does not restore (${error instanceof Error ? error.message : String(error)})`,
              damaged: true,
            };
          }
        }
        trusted = cached.ok || cached.trusted;
        if (trusted) {
          // built here: the text back in memory (a snapshot built here holds its own)
          const { records: reusable } = await recordsInMemory(
            cached.ok ? cached.parts.records : cached.records,
            new TimeSlices(START_SLICE_MS),
            cached.analysed,
          );
          previous = new Map(reusable.map((r) => [r.file, r]));
          // what the hashing worker just read need not be read again (a resumed start: half the files)
          if (stamps) unchanged = unchangedRecords(previous, stamps);
          parts = cached.recordParts;
          analysed = cached.analysed;
          journal = new RecordJournal(options.cacheDir, key);
        }
      } catch (error) {
        await earlyPool?.close();
        throw error;
      }
    }
    progress.phase('reading');
    // the parse workers' analyses, as the cache's: the build uses them instead of analysing again
    const known: KnownAnalyses = analysed ?? new Map();
    const loaded = await loadFolder(options.seedsDir, {
      maxBytes: options.maxArticleBytes,
      followLinks: options.followLinks,
      previous,
      unchanged,
      parseWorkers: options.parseWorkers,
      parseWorkerScript: LIBRARY_PARSE_WORKER_SCRIPT,
      parsePool: earlyPool,
      // a folder that could not be listed is walked again by the load, which says why
      ...(listing ? { listing } : {}),
      yieldEveryMs: START_SLICE_MS,
      watch: {
        listed: (files) => progress.listed(files),
        record: (record, fresh, given) => {
          progress.record(fresh);
          if (fresh && record.article) {
            // the parse worker's analysis; parsed in this thread, analysed now only for the
            // journal's part (a resumed start reads it instead). The build uses either
            const analysis =
              given !== undefined ? given : journal && analysed ? analyseArticle(record.article) : null;
            if (analysis) known.set(record.article, analysis);
            journal?.add(record, analysis);
          } else if (fresh) journal?.add(record, null);
          watch.check(
            () =>
              `${progress.state.read.toLocaleString('en-US')} of ${progress.state.files.toLocaleString('en-US')} files read`,
          );
        },
      },
    });
    // the parts still being written are waited for while the index is built
    const journaled = journal?.finish();
    const library = await Library.build(loaded.articles, loaded.problems, {
      yieldEveryMs: START_SLICE_MS,
      progress: buildProgress(progress, watch, loaded.articles.length),
      // each analysis is let go once used: they are not kept past the build
      analysed: analysesFor(known),
    });
    known.clear();
    await journaled;
    if (journal?.failure && !note) note = { reason: journal.failure, damaged: false };
    return new LiveLibrary(library, loaded.records, false, options, note, {
      parts: [...parts, ...(journal?.parts ?? [])],
      trusted,
    });
  }

  /** How far the running start or reload is; null when none runs. */
  get progress(): Progress | null {
    return this.running;
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
    if (!this.options.cacheDir || !this.cacheStale || !this.cacheTrusted) return false;
    // let go once the search workers held it: the worker that built it wrote it (search-pool/start.ts)
    if (!this.snapshot.hasIndexes) return false;
    const snapshot = this.snapshot;
    const parts = await saveSnapshotCache(
      this.options.cacheDir,
      cacheKey(this.options),
      this.records,
      this.recordParts,
      () => snapshot.exportIndexes(),
    );
    if (this.snapshot === snapshot) {
      this.cacheStale = false;
      this.recordParts = parts;
    }
    return true;
  }

  /**
   * Leaves the current snapshot's text in the cache's record parts it was saved to, as a warm start
   * does (textOnDisk; text-on-disk.ts): for a start that built the snapshot and saved it (a cold
   * start, a start whose files changed since the last save). The articles are swapped for copies
   * that read their text back (Library.withArticles), a few at a time; the text in memory goes
   * with the next full collection. Returns how many articles now have their text on disk: 0 when
   * the option is off, the snapshot is not saved as it is, a reload swapped it meanwhile, or the
   * parts do not hold what the save wrote (the text then stays in memory).
   */
  async setTextAside(): Promise<number> {
    const { cacheDir, textOnDisk } = this.options;
    if (!cacheDir || !textOnDisk || this.cacheStale || !this.cacheTrusted || this.reloading) return 0;
    const snapshot = this.snapshot;
    // a warm start's articles are on disk already: the parts are not read again
    if (snapshot.articles.every(isTextOnDisk)) return 0;
    const shelf = new TextShelf(textOnDisk.keepAnalyses);
    const trust = 'cacheOwnerUid' in this.options ? { uid: this.options.cacheOwnerUid } : {};
    const places = await recordPlaces(cacheDir, this.recordParts, shelf, trust).catch(() => null);
    if (!places) {
      await shelf.close();
      return 0;
    }
    const slices = new TimeSlices(RELOAD_SLICE_MS);
    const copies = new Map<Article, Article>();
    const records = new Map<string, FileRecord>();
    for (const [file, record] of this.records) {
      if (slices.due) await slices.next();
      if (this.snapshot !== snapshot || this.reloading) break;
      const article = record.article;
      const place = article && !isTextOnDisk(article) ? places.get(file) : undefined;
      if (!article || !place) {
        records.set(file, record);
        continue;
      }
      const aside = shelf.setAside(article, place.fd, place.start, place.length);
      copies.set(article, aside);
      records.set(file, { ...record, article: aside });
    }
    if (this.snapshot !== snapshot || this.reloading || copies.size === 0) {
      await shelf.close();
      return 0;
    }
    this.snapshot = snapshot.withArticles(snapshot.articles.map((a) => copies.get(a) ?? a));
    this.records = records;
    this.textOnDiskBytes += shelf.asideBytes;
    return copies.size;
  }

  /**
   * Lets go of the current snapshot's indexes, keeping its articles: for when every search runs in
   * the search workers, which hold their own copies (search-pool/start.ts), so that the process
   * does not keep one copy more than it searches with (about a third of a snapshot's memory:
   * docs/performance.md, "The main thread without indexes"). A reload builds the next snapshot
   * whole, as before, and its memory check counts what the thread held before this.
   * `savedElsewhere`: the cache already holds this snapshot's articles, written by another thread
   * (the search worker that built it after a reload). False when there is nothing to let go, or
   * when the snapshot is still to be saved to the cache from here (saveCache needs the indexes).
   */
  releaseIndexes(savedElsewhere = false): boolean {
    const snapshot = this.snapshot;
    if (!snapshot.hasIndexes) return false;
    if (savedElsewhere) this.cacheStale = false;
    if (this.options.cacheDir && this.cacheStale && this.cacheTrusted) return false;
    this.heldWithIndexes = heldMemory();
    this.snapshot = snapshot.withoutIndexes();
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
    const short = reloadMemoryShortReason(RELOAD_HEAP_SHARE, {
      reserves: this.reloadReserves.map((reserve) => reserve()),
      atLeast: this.heldWithIndexes,
      readBackBytes: this.textOnDiskBytes,
    });
    if (short) {
      const report = this.failedReport(new ReloadStopped(short), performance.now());
      for (const listener of this.reloadListeners) listener(report);
      return Promise.resolve(report);
    }
    const controller = new AbortController();
    const deadlineMs = this.options.reloadDeadlineMs ?? reloadDeadlineMs(this.snapshot.size);
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
    const work = this.runReload(controller.signal, started);
    this.lastWork = work;
    this.reloading = Promise.race([work, stopped])
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

  /**
   * Counts what another thread will need when a reload succeeds (the search workers' switch to the
   * new snapshot) in the reload's memory check: a reload refuses with a reason, before it starts,
   * when the machine cannot hold it all.
   */
  reserveForReload(reserve: () => ReloadReserve): void {
    this.reloadReserves.push(reserve);
  }

  /** Tells `listener` of every reload's report, whoever started it (/reload, SIGHUP): for metrics. */
  onReload(listener: (report: ReloadReport) => void): void {
    this.reloadListeners.push(listener);
  }

  /**
   * Resolves once the last reload's own work has ended. An abandoned reload reports at once, while
   * a file-system call it made may still be pending; this says when nothing of it runs any more.
   */
  async workStopped(): Promise<void> {
    await this.lastWork?.catch(() => undefined);
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
    const progress = new Progress('reload');
    this.running = progress;
    /** The parse workers' analyses of the articles they parsed, for the build. */
    const known: KnownAnalyses = new Map();
    try {
      loaded = await loadFolder(this.options.seedsDir, {
        maxBytes: this.options.maxArticleBytes,
        previous: this.records,
        parseWorkers: this.options.parseWorkers,
        parseWorkerScript: LIBRARY_PARSE_WORKER_SCRIPT,
        yieldEveryMs: RELOAD_SLICE_MS,
        followLinks: this.options.followLinks,
        signal,
        watch: {
          listed: (files) => progress.listed(files),
          record: (record, fresh, analysis) => {
            progress.record(fresh);
            if (analysis && record.article) known.set(record.article, analysis);
          },
        },
      });
      // the kept articles whose text is on disk (a snapshot restored from the cache): the build
      // reads their text, and the new snapshot must not keep the old parts open
      const { records, copies } = await recordsInMemory(
        loaded.records.values(),
        new TimeSlices(RELOAD_SLICE_MS, signal),
      );
      if (copies.size)
        loaded = {
          ...loaded,
          records: new Map(records.map((r) => [r.file, r])),
          articles: loaded.articles.map((a) => copies.get(a) ?? a),
        };
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
      const watch = this.options.heapWatch ?? sharedWatch();
      next = await Library.build(loaded.articles, loaded.problems, {
        yieldEveryMs: RELOAD_SLICE_MS,
        signal,
        progress: buildProgress(progress, watch, loaded.articles.length),
        analysed: analysesFor(known),
      });
      await nextTurn();
      signal.throwIfAborted();
    } catch (error) {
      return this.failedReport(error, started);
    } finally {
      known.clear();
      if (this.running === progress) this.running = null;
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
    // built here: every article's text is in memory (recordsInMemory)
    this.textOnDiskBytes = 0;
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

/**
 * `records` with their articles' text in memory (text-on-disk.ts, inMemory), in `slices`: a build
 * reads every article's text, and a snapshot built here must not keep the old parts open (a save
 * removes them). An article's known index analysis follows it to its copy; `copies` maps each
 * article copied to its copy.
 */
async function recordsInMemory(
  records: Iterable<FileRecord>,
  slices: TimeSlices,
  analyses?: KnownAnalyses,
): Promise<{ records: FileRecord[]; copies: Map<Article, Article> }> {
  const out: FileRecord[] = [];
  const copies = new Map<Article, Article>();
  for (const record of records) {
    if (slices.due) await slices.next();
    const article = record.article;
    if (!article || !isTextOnDisk(article)) {
      out.push(record);
      continue;
    }
    const copy = inMemory(article);
    copies.set(article, copy);
    const analysis = analyses?.get(article);
    if (analysis !== undefined) {
      analyses!.delete(article);
      analyses!.set(copy, analysis);
    }
    out.push({ ...record, article: copy });
  }
  return { records: out, copies };
}

/** Indexing progress for `progress`, checking the heap at every step (see HeapWatch). */
function buildProgress(progress: Progress, watch: HeapWatch, articles: number): BuildOptions['progress'] {
  return (stage, done, total) => {
    const phase = stage === 'articles' ? 'indexing articles' : 'indexing quotations';
    if (progress.state.phase !== phase) progress.phase(phase, total);
    progress.step(done, total);
    watch.check(
      () =>
        `${articles.toLocaleString('en-US')} articles read, ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${stage} indexed`,
    );
  };
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

function cacheKey(options: LiveLibraryOptions): CacheKey {
  return { seedsDir: path.resolve(options.seedsDir), maxBytes: options.maxArticleBytes };
}
