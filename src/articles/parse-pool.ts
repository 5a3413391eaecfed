import { Worker } from 'node:worker_threads';
import { type ParsedFile, type ParseOptions, parseArticle } from './parse.js';

/** Main thread -> parse worker: one file to parse. */
export interface ToParseWorker {
  id: number;
  file: string;
  bytes: Uint8Array;
  maxBytes: number;
}

/** Parse worker -> main thread: what parseArticle gave, or what it threw. */
export type FromParseWorker = { id: number; result: ParsedFile } | { id: number; error: string };

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

/** The worker's script: the built one next to this file, or the build's when this runs from the sources (tests). */
function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts')
    ? new URL('../../dist/articles/parse-worker.js', here)
    : new URL('./parse-worker.js', here);
}

interface Pending {
  file: string;
  bytes: Uint8Array;
  options: ParseOptions;
  resolve(result: ParsedFile): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker and not answered yet, by id. */
  pending: Map<number, Pending>;
}

/**
 * Parses article files in worker threads (PARSE_WORKERS), so a cold start uses every core: each
 * file goes to the worker with the fewest files outstanding, and its result comes back as plain
 * data, the same as parseArticle gives in this thread (the caller puts each result in its file's
 * place, so the order of the files is kept whatever order the workers finish in). A worker that
 * cannot start or dies costs no file: what it had (and everything after, once none is left) is
 * parsed in this thread.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(workers: number) {
    for (let i = 0; i < workers; i++) this.startWorker();
  }

  /** A pool of `workers` threads, or null for 0 (parse in this thread). */
  static create(workers: number): ParsePool | null {
    return workers >= 1 ? new ParsePool(workers) : null;
  }

  /** How many workers are running. */
  get size(): number {
    return this.slots.length;
  }

  /** parseArticle(file, bytes, options), in a worker when one runs, else in this thread. */
  parse(file: string, bytes: Uint8Array, options: ParseOptions): Promise<ParsedFile> {
    const slot = this.closed ? undefined : this.leastBusy();
    if (!slot) return Promise.resolve().then(() => parseArticle(file, bytes, options));
    const id = this.nextId++;
    return new Promise<ParsedFile>((resolve, reject) => {
      slot.pending.set(id, { file, bytes, options, resolve, reject });
      slot.worker.postMessage({ id, file, bytes, maxBytes: options.maxBytes } satisfies ToParseWorker);
    });
  }

  /** Ends the workers; a file still outstanding is parsed in this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot) => {
        slot.worker.removeAllListeners();
        this.parseHere(slot);
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
      worker = new Worker(workerScript());
    } catch {
      return;
    }
    const slot: Slot = { worker, pending: new Map() };
    this.slots.push(slot);
    worker.on('message', (message: FromParseWorker) => {
      const job = slot.pending.get(message.id);
      if (!job) return;
      slot.pending.delete(message.id);
      if ('result' in message) job.resolve(message.result);
      else job.reject(new Error(message.error));
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

  /** Parses in this thread what `slot`'s worker was given and did not answer. */
  private parseHere(slot: Slot): void {
    for (const job of slot.pending.values()) {
      try {
        job.resolve(parseArticle(job.file, job.bytes, job.options));
      } catch (error) {
        job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    slot.pending.clear();
  }
}
