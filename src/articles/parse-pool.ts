import { parentPort, Worker } from 'node:worker_threads';
import { TimeSlices } from '../time-slices.js';
import { workerScript } from '../worker-script.js';
import { type PackedOutcome, packOutcome, unpackOutcome } from './outcome-pieces.js';
import { type ParsedFile, parseArticle } from './parse.js';
import {
  contentHash,
  type FileStat,
  type ReadResult,
  readRegularFile,
  readRegularFileSync,
} from './read-file.js';
import { invalidOutcomeReason } from './record-shape.js';
import type { Article } from './types.js';

/**
 * One file to read, hash and parse: only its place (the seeds folder's real path and the file
 * under it, as listArticleFiles gives them), never its bytes, so a large file is never held, copied
 * or posted by the main thread.
 */
export interface FileJob {
  root: string;
  file: string;
  maxBytes: number;
  /** The content hash of the file's previous record: the same content is not parsed again. */
  previousHash: string | null;
}

/** What reading (readRegularFile), hashing (contentHash) and parsing (parseArticle) one file gave. */
export type FileOutcome =
  | ({ kind: 'refused'; reason: string } & FileStat)
  | ({ kind: 'unchanged'; hash: string } & FileStat)
  | ({
      kind: 'parsed';
      hash: string;
      parsed: ParsedFile;
      /**
       * What the worker's `analyse` gave for the parsed article (a worker script that analyses, see
       * serveParseJobs); absent when none was asked for or there is no article.
       */
      analysis?: string | null;
    } & FileStat);

/** Reads, hashes and parses one file in this thread (a load's main thread: the reads are asynchronous). */
export async function readAndParse(job: FileJob): Promise<FileOutcome> {
  return outcomeOf(job, await readRegularFile(job.root, job.file, job.maxBytes));
}

/**
 * readAndParse with synchronous reads, for a parse worker: a thread of its own, where waiting for a
 * read blocks nothing else, and the asynchronous read's five trips through libuv's thread pool a
 * file (open, fstat, readlink, read, close) each woke the worker's event loop again (see
 * hash-worker.ts for the same change there, and docs/performance.md, "The cold start's critical
 * path"). The outcome is the same.
 */
export function readAndParseSync(job: FileJob): FileOutcome {
  return outcomeOf(job, readRegularFileSync(job.root, job.file, job.maxBytes));
}

/** What a safe read of `job`'s file gave, hashed and (its content not the previous one) parsed. */
function outcomeOf(job: FileJob, read: ReadResult): FileOutcome {
  if (!read.ok) return { kind: 'refused', reason: read.reason, size: read.size, mtimeMs: read.mtimeMs };
  const { bytes, size, mtimeMs } = read;
  const hash = contentHash(bytes);
  if (hash === job.previousHash) return { kind: 'unchanged', hash, size, mtimeMs };
  return {
    kind: 'parsed',
    hash,
    size,
    mtimeMs,
    parsed: parseArticle(job.file, bytes, { maxBytes: job.maxBytes }),
  };
}

/**
 * What a parse worker computes from each article it parsed, beside it (a library's index analysis,
 * so the main thread need not: see library/analysing-parse-worker.ts); plain text or null.
 */
export type AnalyseArticle = (article: Article) => string | null;

/**
 * A parse worker's work: reads, hashes and parses each file it is sent (readAndParseSync) and sends
 * the outcome back packed (outcome-pieces.ts), with `analyse`'s result for a parsed article, until
 * terminated. A worker script calls it once, at the top.
 */
export function serveParseJobs(analyse?: AnalyseArticle): void {
  const port = parentPort!;
  port.on('message', ({ id, ...job }: ToParseWorker) => {
    let outcome: FileOutcome;
    try {
      outcome = readAndParseSync(job);
    } catch (error) {
      port.postMessage({
        id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies FromParseWorker);
      return;
    }
    if (analyse && outcome.kind === 'parsed' && outcome.parsed.article)
      outcome.analysis = analyse(outcome.parsed.article);
    const packed = packOutcome(outcome);
    port.postMessage({ id, packed } satisfies FromParseWorker, [packed.buffer]);
  });
}

/** The worker script of a ParsePool by default: parses, and analyses nothing (articles/parse-worker.ts). */
export const PARSE_WORKER_SCRIPT = 'articles/parse-worker.js';

/** Main thread -> parse worker: one file. */
export type ToParseWorker = FileJob & { id: number };

/** Parse worker -> main thread: what readAndParse gave (packed, see outcome-pieces.ts), or what it threw. */
export type FromParseWorker = { id: number; packed: PackedOutcome } | { id: number; error: string };

/**
 * Fewer files than this per worker and a worker is not worth starting: starting one (a thread,
 * and parse.ts with its rules compiled) costs about as much main-thread time as parsing this many
 * BBC articles (measured: about 60 ms of CPU per worker, 1-3 ms per article, 2-core machine),
 * so a reload that changed a handful of files parses them in the main thread.
 */
export const MIN_FILES_PER_PARSE_WORKER = 50;

/**
 * A file at least this large is parsed in a worker whenever there are parse workers, however few
 * files the load parses. Real articles are far smaller (the BBC and CNN corpora: 1-30 KB, none
 * over 64 KiB), while one parse step of a 1 MiB file (its quotation finding over
 * ANALYSED_BODY_MAX_CHARS) took 200-900 ms of the main thread in `npm run bench:hostile`, past the
 * 100 ms in which /healthz must answer during a reload.
 */
export const WORKER_PARSE_MIN_BYTES = 64 * 1024;

interface Pending {
  job: FileJob;
  /** The load's time slices: the outcome is deserialised in them. */
  slices: TimeSlices;
  resolve(outcome: FileOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker and not answered yet, by id. */
  pending: Map<number, Pending>;
}

/**
 * Reads, hashes and parses article files in worker threads (PARSE_WORKERS), so a cold start uses
 * every core and the main thread never holds a large file's bytes: each file goes, by its path, to
 * the worker with the fewest files outstanding, and its outcome comes back packed (outcome-pieces.ts:
 * a transferred buffer, deserialised here in the load's time slices), the same plain data as
 * readAndParse gives in this thread (the caller puts each result in its file's place, so the
 * order of the files is kept whatever order the workers finish in). A worker that cannot start or
 * dies costs no file: what it had (and everything after, once none is left) is read and parsed in
 * this thread; so is a file whose outcome does not check out (record-shape.ts) or whose parse threw
 * in the worker.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(
    workers: number,
    private readonly script: string,
  ) {
    for (let i = 0; i < workers; i++) this.startWorker();
  }

  /**
   * A pool of `workers` threads, or null for 0 (parse in this thread). `script`: the workers'
   * script by its path under src/ (see workerScript), one that calls serveParseJobs.
   */
  static create(workers: number, script: string = PARSE_WORKER_SCRIPT): ParsePool | null {
    return workers >= 1 ? new ParsePool(workers, script) : null;
  }

  /** How many workers are running. */
  get size(): number {
    return this.slots.length;
  }

  /**
   * readAndParse(job), in a worker when one runs, else in this thread. A worker's outcome arrives
   * packed and is deserialised in `slices` (the load's), so a large one never holds this thread
   * for long; by default in one go.
   */
  readAndParse(job: FileJob, slices: TimeSlices = new TimeSlices()): Promise<FileOutcome> {
    const slot = this.closed ? undefined : this.leastBusy();
    if (!slot) return readAndParse(job);
    const id = this.nextId++;
    return new Promise<FileOutcome>((resolve, reject) => {
      slot.pending.set(id, { job, slices, resolve, reject });
      slot.worker.postMessage({ id, ...job } satisfies ToParseWorker);
    });
  }

  /**
   * Ends the workers. A file still outstanding is not parsed: its promise rejects. A load closes
   * its pool once every file is answered, so a file is outstanding only when the load failed or
   * was aborted (a reload's deadline), and its result would be thrown away; parsing it here would
   * hold this thread for as long as the worker would have taken (seconds for a hostile 1 MiB file).
   */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot) => {
        slot.worker.removeAllListeners();
        for (const { job, reject } of slot.pending.values())
          reject(new Error(`${job.file}: the parse workers were closed before it was parsed`));
        slot.pending.clear();
        await slot.worker.terminate();
      }),
    );
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!best || slot.pending.size < best.pending.size) best = slot;
    return best;
  }

  private startWorker(): void {
    let worker: Worker;
    try {
      worker = new Worker(workerScript(this.script));
    } catch {
      return;
    }
    const slot: Slot = { worker, pending: new Map() };
    this.slots.push(slot);
    worker.on('message', (message: FromParseWorker) => {
      const job = typeof message === 'object' && message ? slot.pending.get(message.id) : undefined;
      if (!job) return;
      slot.pending.delete(message.id);
      // what crosses from the worker is checked before it becomes a record (issue 17): an outcome
      // that is not one readAndParse makes, or an error, costs the file nothing: it is read and
      // parsed in this thread, as when a worker is lost
      if ('packed' in message)
        unpackOutcome<unknown>(message.packed, job.slices).then((outcome) => {
          if (invalidOutcomeReason(outcome, job.job.file) === null) job.resolve(outcome as FileOutcome);
          else this.parseOneHere(job);
        }, job.reject);
      else this.parseOneHere(job);
    });
    const lost = () => {
      const at = this.slots.indexOf(slot);
      if (at < 0) return;
      this.slots.splice(at, 1);
      worker.removeAllListeners();
      void worker.terminate();
      this.parseHere(slot);
    };
    worker.on('error', lost);
    worker.on('exit', lost);
  }

  /** Reads and parses in this thread what `slot`'s worker was given and did not answer. */
  private parseHere(slot: Slot): void {
    for (const pending of slot.pending.values()) this.parseOneHere(pending);
    slot.pending.clear();
  }

  /** Reads and parses one file in this thread, for a worker that did not give its outcome. */
  private parseOneHere({ job, resolve, reject }: Pending): void {
    readAndParse(job).then(resolve, reject);
  }
}
