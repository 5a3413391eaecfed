import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, readlink } from 'node:fs/promises';
import path from 'node:path';
import { TimeSlices } from '../time-slices.js';
import { type ParsedFile, parseSteps } from './parse.js';
import { MIN_FILES_PER_PARSE_WORKER, ParsePool, WORKER_PARSE_MIN_BYTES } from './parse-pool.js';
import type { Article, Problem } from './types.js';
import { describeFsError, entryKind, type FollowLinks, isInside, listArticleFiles } from './walk.js';

export {
  ARTICLE_EXTENSIONS,
  describeFsError,
  type FollowLinks,
  listArticleFiles,
  SeedsFolderError,
} from './walk.js';

export interface LoadOptions {
  maxBytes: number;
  /** The records of the previous load: a file whose content hash is unchanged is not parsed again. */
  previous?: ReadonlyMap<string, FileRecord>;
  /**
   * Records known to match their files as they are now (the content hashed a moment ago, as a
   * start does while it reads the cache): used as they are, with that size and time, without
   * reading the file again. A file not here is read as usual.
   */
  unchanged?: ReadonlyMap<string, FileRecord>;
  /**
   * Give the event loop back after this many milliseconds of reading and parsing (a reload, while
   * replies are being served); by default the files are read as fast as they come.
   */
  yieldEveryMs?: number;
  /** Links inside the folder: named (the default) or followed ('inside'); see listArticleFiles. */
  followLinks?: FollowLinks;
  /** Checked at every slice: an aborted load throws the signal's reason and changes nothing. */
  signal?: AbortSignal;
  /** Told how many files there are, then of each file's record as it is made (for progress and the cache). */
  watch?: LoadWatcher;
  /**
   * PARSE_WORKERS: parse in this many worker threads (0 or absent: in this thread). They start
   * once MIN_FILES_PER_PARSE_WORKER files were parsed here, so a reload that changed a few files
   * never starts one; the outcome is the same either way.
   */
  parseWorkers?: number;
}

/** Follows a load: the number of files once listed, then every record (`fresh`: parsed, not reused). */
export interface LoadWatcher {
  listed(files: number): void;
  record(record: FileRecord, fresh: boolean): void;
}

/** What one file gave at the last load, keyed by its content hash so a reload can reuse it. */
export interface FileRecord {
  file: string;
  size: number;
  mtimeMs: number;
  /** sha1 of the bytes; null when the file was not read (too large, unreadable). */
  hash: string | null;
  article: Article | null;
  problems: Problem[];
}

export interface LoadResult {
  /** Loaded articles, sorted by id. */
  articles: Article[];
  /** Skipped files and warnings, sorted by file. */
  problems: Problem[];
  /** How many article files were found (loaded or not). */
  fileCount: number;
  /** Every article file found, by path. */
  records: Map<string, FileRecord>;
  /** How many files were parsed (the rest were unchanged since the previous load). */
  parsed: number;
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** How many files are read at once: enough to keep the disk busy, few enough not to exhaust file handles. */
const READ_CONCURRENCY = 32;

/**
 * Reads and parses every article file under `dir`. One bad file never stops the load: it becomes a
 * Problem naming the file and the reason, as does every entry of the folder that is not an article
 * (see listArticleFiles). Byte-identical files are loaded once.
 */
export async function loadFolder(dir: string, options: LoadOptions): Promise<LoadResult> {
  const listing = await listArticleFiles(dir, options);
  const { root, files } = listing;
  const records = new Array<FileRecord>(files.length);
  let next = 0;
  let parsed = 0;
  const slices = new TimeSlices(options.yieldEveryMs, options.signal);
  options.watch?.listed(files.length);
  const parser = new Parser(options.parseWorkers ?? 0);
  async function worker(): Promise<void> {
    while (next < files.length) {
      if (slices.due) await slices.wait();
      const i = next++;
      const file = files[i]!;
      const record = await readOne(root, file, options, parser, slices);
      if (record.fresh) parsed++;
      // each record in its file's place: the order is the files', whichever parse finished first
      records[i] = record.record;
      options.watch?.record(record.record, record.fresh);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  } finally {
    await parser.close();
  }
  options.signal?.throwIfAborted();

  return {
    ...(await assemble(records, { ...options, folderProblems: listing.problems })),
    fileCount: files.length,
    parsed,
  };
}

const byFile = (a: Problem, b: Problem) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/**
 * The articles and problems of a set of file records, with the problems of the folder's walk
 * (`folderProblems`): byte-identical files are loaded once (the first by path), and named as
 * duplicates. With `yieldEveryMs` it gives the event loop back that often: at 85,000 files one pass
 * takes tens of milliseconds.
 */
export async function assemble(
  records: readonly FileRecord[],
  options: { yieldEveryMs?: number; signal?: AbortSignal; folderProblems?: readonly Problem[] } = {},
): Promise<Pick<LoadResult, 'articles' | 'problems' | 'records'>> {
  const slices = new TimeSlices(options.yieldEveryMs, options.signal);
  const articles: Article[] = [];
  const problems: Problem[] = [...(options.folderProblems ?? [])];
  const byFileName = new Map<string, FileRecord>();
  const firstWithHash = new Map<string, string>();
  // the path as found (Article.file has backslashes as slashes: "a\\b.txt" is named as it is)
  const fileOf = new Map<Article, string>();
  for (let i = 0; i < records.length; i++) {
    if (i % 1000 === 999 && slices.due) await slices.next();
    const record = records[i]!;
    byFileName.set(record.file, record);
    if (record.problems.length) problems.push(...record.problems);
    if (!record.article) continue;
    if (record.hash) {
      const original = firstWithHash.get(record.hash);
      if (original) {
        problems.push({
          file: record.file,
          reason: `duplicate of ${original}; loaded once`,
          severity: 'skipped',
        });
        continue;
      }
      firstWithHash.set(record.hash, record.file);
    }
    articles.push(record.article);
    fileOf.set(record.article, record.file);
  }
  const pathOf = (a: Article) => fileOf.get(a) ?? a.file;
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (pathOf(a) < pathOf(b) ? -1 : 1));
  return {
    articles: withoutSharedIds(articles, pathOf, problems),
    problems: problems.sort(byFile),
    records: byFileName,
  };
}

/**
 * One id, one article: files that map to the same id (`x.md` and `x.txt`, `a\b.txt` and `a/b.txt`)
 * and differ are all left out, each named in `problems` with the others. Loading one of them would
 * let a new file take over another's id (its page, links and place in replies), and which one is
 * the real article cannot be told from the folder. `articles` is sorted by id.
 */
function withoutSharedIds(
  articles: readonly Article[],
  pathOf: (article: Article) => string,
  problems: Problem[],
): Article[] {
  const kept: Article[] = [];
  for (let i = 0; i < articles.length; ) {
    let j = i + 1;
    while (j < articles.length && articles[j]!.id === articles[i]!.id) j++;
    if (j - i === 1) kept.push(articles[i]!);
    else {
      const files = articles.slice(i, j).map(pathOf);
      for (const file of files)
        problems.push({
          file,
          reason: `same id "${articles[i]!.id}" as ${files.filter((f) => f !== file).join(', ')}; none of them loaded (rename all but one)`,
          severity: 'skipped',
        });
    }
    i = j;
  }
  return kept;
}

/**
 * How an article file is opened: never through a link (the walk resolved every path already, so a
 * link here was swapped in since), and never waiting (a FIFO swapped in for the file opens at once
 * and is refused by the fstat of the handle, before any read).
 */
export const SAFE_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Where an open handle really is, from the kernel (Linux's /proc): a folder on the way swapped for a
 * link between the walk and the open would show here. Null where /proc is not available; the walk's
 * checks and O_NOFOLLOW then stand alone.
 */
async function openedPath(handle: FileHandle): Promise<string | null> {
  return readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
}

/** Reads at most `size` bytes from the start: a file that grows while being read gives no more than its fstat said. */
async function readUpTo(handle: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

/**
 * A regular file's bytes, opened safely under `root` (see SAFE_OPEN_FLAGS and openedPath); a reason when
 * it is not one, is too large, or cannot be read.
 */
export async function readRegularFile(
  root: string,
  file: string,
  maxBytes: number,
): Promise<
  | { ok: true; bytes: Buffer; size: number; mtimeMs: number }
  | { ok: false; reason: string; size: number; mtimeMs: number }
> {
  let handle: FileHandle;
  try {
    handle = await open(path.join(root, file), SAFE_OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ELOOP'
        ? 'replaced by a symbolic link while being read; not read'
        : `cannot read: ${describeFsError(error)}`;
    return { ok: false, reason, size: 0, mtimeMs: 0 };
  }
  try {
    const info = await handle.stat();
    const stamp = { size: info.size, mtimeMs: info.mtimeMs };
    if (!info.isFile()) return { ok: false, reason: `not a regular file: ${entryKind(info)}`, ...stamp };
    const where = await openedPath(handle);
    if (where !== null && !isInside(root, where))
      return {
        ok: false,
        reason: 'refused: moved outside the seeds folder while being read; not read',
        ...stamp,
      };
    if (info.size > maxBytes)
      return {
        ok: false,
        reason: `too large (${info.size} bytes; MAX_ARTICLE_BYTES is ${maxBytes})`,
        ...stamp,
      };
    return { ok: true, bytes: await readUpTo(handle, info.size), ...stamp };
  } catch (error) {
    return { ok: false, reason: `cannot read: ${describeFsError(error)}`, size: 0, mtimeMs: 0 };
  } finally {
    await handle.close().catch(() => {});
  }
}

/**
 * Parses files in this thread until MIN_FILES_PER_PARSE_WORKER have been, then (with `workers`) in
 * a ParsePool: a load that parses few files (a reload) starts no worker for them, unless one of
 * them is large (WORKER_PARSE_MIN_BYTES).
 */
class Parser {
  private pool: ParsePool | null = null;
  private parsedHere = 0;

  constructor(private readonly workers: number) {}

  async parse(
    file: string,
    bytes: Uint8Array,
    options: LoadOptions,
    slices: TimeSlices,
  ): Promise<ParsedFile> {
    const large = bytes.length >= WORKER_PARSE_MIN_BYTES;
    if (this.workers > 0 && !this.pool && (large || this.parsedHere >= MIN_FILES_PER_PARSE_WORKER))
      this.pool = ParsePool.create(this.workers);
    if (this.pool) return this.pool.parse(file, bytes, options);
    this.parsedHere++;
    // in this thread: parsed in steps, with the event loop's turn between them when the slice is due
    const steps = parseSteps(file, bytes, options);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      if (slices.due) await slices.wait();
    }
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}

async function readOne(
  root: string,
  file: string,
  options: LoadOptions,
  parser: Parser,
  slices: TimeSlices,
): Promise<{ record: FileRecord; fresh: boolean }> {
  const known = options.unchanged?.get(file);
  if (known) return { fresh: false, record: known };
  const read = await readRegularFile(root, file, options.maxBytes);
  if (!read.ok) {
    const problems = [{ file, reason: read.reason, severity: 'skipped' as const }];
    return {
      fresh: true,
      record: { file, size: read.size, mtimeMs: read.mtimeMs, hash: null, article: null, problems },
    };
  }
  const { bytes, size, mtimeMs } = read;
  const hash = contentHash(bytes);
  const before = options.previous?.get(file);
  if (before && before.hash === hash) {
    return { fresh: false, record: { ...before, size, mtimeMs } };
  }
  const result = await parser.parse(file, bytes, options, slices);
  return { fresh: true, record: { file, size, mtimeMs, hash, ...result } };
}
