import { TimeSlices } from '../time-slices.js';
import { type ParsedFile, parseSteps } from './parse.js';
import {
  type FileOutcome,
  MIN_FILES_PER_PARSE_WORKER,
  ParsePool,
  WORKER_PARSE_MIN_BYTES,
} from './parse-pool.js';
import { contentHashInSlices, openRegularFile } from './read-file.js';
import { shareArticleText } from './shared-text.js';
import type { Article, Problem } from './types.js';
import { describeFsError, type FollowLinks, listArticleFiles, type SeedListing } from './walk.js';

export { contentHash, readRegularFile, SAFE_OPEN_FLAGS } from './read-file.js';

export {
  ARTICLE_EXTENSIONS,
  describeFsError,
  type FollowLinks,
  listArticleFiles,
  type SeedListing,
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
   * once MIN_FILES_PER_PARSE_WORKER files were parsed here (unless given started: parsePool), so a
   * reload that changed a few files never starts one; the outcome is the same either way.
   */
  parseWorkers?: number;
  /**
   * The parse workers' script by its path under src/ (PARSE_WORKER_SCRIPT by default): one that
   * also analyses each article gives its analysis to `watch.record`.
   */
  parseWorkerScript?: string;
  /**
   * Parse workers the caller started already (a start that will parse many files starts them
   * before it reads the cache: see live.ts, earlyParsePool): every file goes to them from the
   * first. The load closes them at its end, as it closes those it starts.
   */
  parsePool?: ParsePool | null;
  /**
   * The folder's listing (listArticleFiles, with the same followLinks), when the caller made it a
   * moment ago: not walked again. A start lists the folder to hash its files while it reads the
   * cache (live.ts), and its load takes that listing: the files hashed are the files loaded, and the
   * walk (about 40-60 ms of the main thread at 8,904 files) is not repeated before the first file.
   */
  listing?: SeedListing;
}

/**
 * Follows a load: the number of files once listed, then every record (`fresh`: parsed, not
 * reused), with what the parse worker's script analysed of its article, if it did (see
 * LoadOptions.parseWorkerScript; undefined when it was not asked or the file was parsed in this thread).
 */
export interface LoadWatcher {
  listed(files: number): void;
  record(record: FileRecord, fresh: boolean, analysis?: string | null): void;
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

/** How many files are read at once: enough to keep the disk busy, few enough not to exhaust file handles. */
const READ_CONCURRENCY = 32;

/**
 * assemble asks its time slice whether it is due once per this many records, not per record. At
 * 85,000 files its whole pass takes tens of milliseconds (see assemble), well under a microsecond a
 * record, so 1,000 records between checks are well under a millisecond. Chosen from that figure,
 * not swept.
 */
const RECORDS_PER_SLICE_CHECK = 1000;

/**
 * Reads and parses every article file under `dir`. One bad file never stops the load: it becomes a
 * Problem naming the file and the reason, as does every entry of the folder that is not an article
 * (see listArticleFiles). Byte-identical files are loaded once.
 */
export async function loadFolder(dir: string, options: LoadOptions): Promise<LoadResult> {
  const listing =
    options.listing ??
    (await listArticleFiles(dir, options).catch(async (error: unknown) => {
      await options.parsePool?.close();
      throw error;
    }));
  const { root, files } = listing;
  const records = new Array<FileRecord>(files.length);
  let next = 0;
  let parsed = 0;
  const slices = new TimeSlices(options.yieldEveryMs, options.signal);
  options.watch?.listed(files.length);
  const parser = new Parser(options.parseWorkers ?? 0, options.parseWorkerScript, options.parsePool);
  // the first read that fails fails the load; the others stop at their next file (see below)
  let failure: { error: unknown } | null = null;
  async function worker(): Promise<void> {
    while (next < files.length && !failure) {
      if (slices.due) await slices.wait();
      // looked at again after the wait: the reads that waited for the same turn all resume in it,
      // and the file that was left before the wait may have been taken by another since (a read
      // that went past the end read the file `undefined`: issue 17's crash in check)
      const i = next++;
      const file = files[i];
      if (file === undefined) return;
      const record = await readOne(root, file, options, parser, slices);
      if (record.fresh) parsed++;
      // each record in its file's place: the order is the files', whichever parse finished first
      records[i] = record.record;
      options.watch?.record(record.record, record.fresh, record.analysis);
    }
  }
  // Every read is waited for, failed or not, before the load settles: a read still in flight when
  // another failed (an abort) went on after the load had closed its pool and could start the pool
  // then (its MIN_FILES_PER_PARSE_WORKER-th file), whose idle workers nobody closed and which kept
  // the process alive (issue 17). The pool is closed at the first failure, so the reads waiting on
  // a worker end at once instead of after their parse.
  const reads = Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, () =>
    worker().catch((error: unknown) => {
      failure ??= { error };
      return parser.close();
    }),
  );
  try {
    await Promise.all(reads);
  } finally {
    await parser.close();
  }
  if (failure) throw (failure as { error: unknown }).error;
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
  /** The names repeated across these articles, one copy each (shared-text.ts). */
  const names = new Map<string, string>();
  for (let i = 0; i < records.length; i++) {
    if (i % RECORDS_PER_SLICE_CHECK === RECORDS_PER_SLICE_CHECK - 1 && slices.due) await slices.next();
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
    shareArticleText(record.article, names);
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
 * Parses files in this thread until MIN_FILES_PER_PARSE_WORKER have been, then (with `workers`) in
 * a ParsePool: a load that parses few files (a reload) starts no worker for them, unless one of
 * them is large (WORKER_PARSE_MIN_BYTES), or the caller started the pool (`started`). Once the
 * pool runs, every file goes to it by path: the worker reads, hashes and parses it, and this
 * thread never holds its bytes.
 */
class Parser {
  private pool: ParsePool | null;
  private parsedHere = 0;
  /** Once closed (the load ended or failed), no pool is started: what is left is parsed here. */
  private closed = false;

  constructor(
    private readonly workers: number,
    private readonly script?: string,
    started?: ParsePool | null,
  ) {
    this.pool = started ?? null;
  }

  /** The pool to send a file of `size` bytes to (starting it if due), or null: read and parse here. */
  poolFor(size: number): ParsePool | null {
    const large = size >= WORKER_PARSE_MIN_BYTES;
    if (
      this.workers > 0 &&
      !this.pool &&
      !this.closed &&
      (large || this.parsedHere >= MIN_FILES_PER_PARSE_WORKER)
    )
      this.pool = ParsePool.create(this.workers, this.script);
    return this.pool;
  }

  /** A pool already running, for a file of any size. */
  get running(): ParsePool | null {
    return this.pool;
  }

  /** Parses in this thread, in steps, with the event loop's turn between them when the slice is due. */
  async parseHere(
    file: string,
    bytes: Uint8Array,
    options: LoadOptions,
    slices: TimeSlices,
  ): Promise<ParsedFile> {
    this.parsedHere++;
    const steps = parseSteps(file, bytes, options);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      if (slices.due) await slices.wait();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.pool?.close();
  }
}

/** What reading one file gave: its record, whether it was parsed, and its worker's analysis if any. */
interface ReadOne {
  record: FileRecord;
  fresh: boolean;
  analysis?: string | null;
}

/** A file's record from what reading, hashing and parsing it gave (`before`: its previous record). */
function recordOf(file: string, outcome: FileOutcome, before: FileRecord | undefined): ReadOne {
  const { size, mtimeMs } = outcome;
  switch (outcome.kind) {
    case 'refused': {
      const problems = [{ file, reason: outcome.reason, severity: 'skipped' as const }];
      return { fresh: true, record: { file, size, mtimeMs, hash: null, article: null, problems } };
    }
    case 'unchanged':
      return { fresh: false, record: { ...before!, size, mtimeMs } };
    case 'parsed': {
      const record = { file, size, mtimeMs, hash: outcome.hash, ...outcome.parsed };
      return outcome.analysis === undefined
        ? { fresh: true, record }
        : { fresh: true, record, analysis: outcome.analysis };
    }
  }
}

async function readOne(
  root: string,
  file: string,
  options: LoadOptions,
  parser: Parser,
  slices: TimeSlices,
): Promise<ReadOne> {
  const known = options.unchanged?.get(file);
  if (known) return { fresh: false, record: known };
  const before = options.previous?.get(file);
  const job = { root, file, maxBytes: options.maxBytes, previousHash: before?.hash ?? null };
  if (parser.running) return recordOf(file, await parser.running.readAndParse(job, slices), before);
  const opened = await openRegularFile(root, file, options.maxBytes);
  if (!opened.ok) return recordOf(file, { kind: 'refused', ...opened }, before);
  const pool = parser.poolFor(opened.size);
  if (pool) {
    // the worker opens the file again, with the same checks, and reads it
    await opened.close();
    return recordOf(file, await pool.readAndParse(job, slices), before);
  }
  const { size, mtimeMs } = opened;
  let bytes: Buffer;
  try {
    bytes = await opened.read();
  } catch (error) {
    return recordOf(
      file,
      { kind: 'refused', reason: `cannot read: ${describeFsError(error)}`, size: 0, mtimeMs: 0 },
      before,
    );
  } finally {
    await opened.close();
  }
  const hash = await contentHashInSlices(bytes, slices);
  if (hash === job.previousHash) return recordOf(file, { kind: 'unchanged', hash, size, mtimeMs }, before);
  const parsed = await parser.parseHere(file, bytes, options, slices);
  return recordOf(file, { kind: 'parsed', hash, size, mtimeMs, parsed }, before);
}
