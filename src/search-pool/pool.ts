import { Worker } from 'node:worker_threads';
import type { Article } from '../articles/types.js';
import type { PageOperationArgs, PageOperationName } from '../web/search-render.js';
import { workerScript } from '../worker-script.js';
import { fromRefs, UnknownArticle } from './article-refs.js';
import type { OperationArgs, OperationName, OperationResult } from './operations.js';
import type { FromWorker, SnapshotSource, WorkerInit } from './protocol.js';
import { SearchBusy, type Searcher, SearchTimeout } from './searcher.js';

/**
 * Searches waiting for a free worker, per worker, before new ones get "busy". Measured with
 * `npm run bench` at 21,280 articles on a 2-core machine (docs/performance.md, "Under load"): a
 * worker answers a /search in 40-120 ms depending on the machine's load, so 16 waiting per worker
 * start within about 1-2 s, well inside Discord's patience with a deferred "thinking…" and a web
 * reader's; a deeper queue would only make everyone wait longer for the same throughput.
 */
export const MAX_QUEUED_PER_WORKER = 16;

/**
 * A search that has not answered this long after it was asked (waiting and running) is answered
 * "busy" instead: about ten times the longest full queue's wait above (MAX_QUEUED_PER_WORKER
 * searches at the slowest 120 ms), so it only fires when something is wrong, and well under the
 * 30-60 s a browser or a proxy waits for a page.
 */
export const SEARCH_TIMEOUT_MS = 15_000;

/**
 * A worker still on one search this many times SEARCH_TIMEOUT_MS after it was asked is stuck (no
 * search is unbounded: docs/operations.md "Large libraries"): it is ended and replaced, so a slot is never lost.
 */
const STUCK_FACTOR = 4;

/**
 * What a staged switch (switchTo) with two or more workers adds at its peak, as a share of a
 * worker's memory once loaded (its heap as committed and what its objects hold outside it):
 * `npm run bench:reload-memory` at 85,120 articles (docs/performance.md, "A reload's peak memory"):
 * with 2 workers the switch peaked 1,001 MB over the RSS before it, and the building worker
 * reported 1,390 MB (0.72), rounded up. With one worker a switch adds a whole copy: 1,390 MB
 * reported against 1,024-1,412 MB measured.
 */
export const STAGED_SWITCH_COPY_SHARE = 0.75;

/** Retry-After is at least this and at most MAX_RETRY_AFTER_S seconds. */
const MIN_RETRY_AFTER_S = 1;
const MAX_RETRY_AFTER_S = 30;

/**
 * The running average of search time before any search has run (for Retry-After): a guess, about
 * the slowest of a usual search's times at 21,280 articles (`/news` p50 9-17 ms, p99 26-55 ms,
 * docs/performance.md). The first answered search moves it (RUN_TIME_SMOOTHING).
 */
const FIRST_RUN_SECONDS_GUESS = 0.05;

/** Weight of the latest search in the running average of search time (for Retry-After). */
const RUN_TIME_SMOOTHING = 0.1;

export interface SearchPoolOptions {
  /** Worker threads, at least 1. */
  workers: number;
  /** Searches that may wait for a worker (default MAX_QUEUED_PER_WORKER per worker). */
  maxQueued?: number;
  /** Default SEARCH_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Tests only: each search blocks its worker this long first (worker.ts). */
  testDelayMs?: number;
  /** Told of each search's wait and of each refusal (for /metrics). */
  observer?: SearchObserver;
  /** Where a worker that fails or dies is reported. */
  onProblem?: (message: string) => void;
  /**
   * The main thread's own copy of an article by id (the live snapshot): given, the workers send
   * articles as references and they are looked up here (article-refs.ts); absent, as copies.
   */
  article?: (id: string) => Article | undefined;
}

/** What /metrics counts about the searches. */
export interface SearchObserver {
  /** A search left the queue for a worker after waiting this long. */
  waited(seconds: number): void;
  /** A search was answered "busy": the queue was full, or it ran out of time. */
  refused(reason: 'busy' | 'timeout'): void;
}

export interface SearchPoolStats {
  /** Workers ready to search. */
  workers: number;
  /** Of them, searching now. */
  busy: number;
  /** Searches waiting for a worker. */
  queued: number;
  maxQueued: number;
  /**
   * Worker threads alive, each holding (or loading) a copy of a snapshot: the ready ones, those
   * loading and those ending after a switch. What the pool's memory grows with.
   */
  threads: number;
}

interface Job {
  id: number;
  name: string;
  args: unknown;
  enqueued: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  slot: Slot | null;
  /** Answered "timeout" already: a late result is dropped. */
  settled: boolean;
  /** Articles as references: false once one did not resolve (the search is then asked again, with copies). */
  refs: boolean;
  /** This run of it was sent asking for references (refs, and the worker's snapshot was the main thread's). */
  sentRefs: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** Replaced by a newer snapshot's worker: ends once its search is done. */
  retiring: boolean;
  startedJobAt: number;
  /** The worker's thread id in the operating system, once ready (null: unknown). */
  thread: number | null;
  /** The pool's generation (refreshes asked) when this worker was started: its snapshot's. */
  generation: number;
  /** Settles when the worker's thread has ended (its copy of the snapshot is freed). */
  ended: Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Searches in worker threads. Each worker holds a copy of the snapshot (restored from the file the
 * main thread wrote) and runs one search at a time; searches wait in a bounded queue for a free
 * worker, and past its bound are refused at once (SearchBusy), so the main thread only ever does
 * I/O and a flood of searches cannot hold up anything else. A new snapshot (refresh) replaces the
 * workers in stages (switchTo), so the pool never holds two copies per worker.
 */
export class SearchPool implements Searcher {
  private slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private source: SnapshotSource;
  /** Counts refreshes: a worker started for an older one is not kept. */
  private generation = 0;
  private swapping: Promise<unknown> = Promise.resolve();
  private readiness: Promise<void> = Promise.resolve();
  private started = false;
  /** Workers loading a snapshot, not ready yet: ended too by close(). */
  private readonly loading = new Set<Worker>();
  /** The most memory a worker reported once loaded (switchReserveBytes). */
  private copyBytes = 0;
  /** Worker threads started and not yet ended (stats().threads). */
  private alive = 0;
  /** Running average of a search's time in a worker, seconds (for Retry-After). */
  private averageRunSeconds = FIRST_RUN_SECONDS_GUESS;
  readonly maxQueued: number;
  readonly timeoutMs: number;

  private constructor(
    source: SnapshotSource,
    private readonly options: SearchPoolOptions,
  ) {
    this.source = source;
    this.maxQueued = options.maxQueued ?? MAX_QUEUED_PER_WORKER * options.workers;
    this.timeoutMs = options.timeoutMs ?? SEARCH_TIMEOUT_MS;
  }

  /** Starts `options.workers` workers on the snapshot at `source`; resolves once all are ready. */
  static async start(source: SnapshotSource, options: SearchPoolOptions): Promise<SearchPool> {
    const pool = SearchPool.create(source, options);
    await pool.whenReady();
    return pool;
  }

  /**
   * A pool whose workers start now: it answers once they are ready (whenReady), so a start need not
   * wait for them; searches asked before then wait in the queue.
   */
  static create(source: SnapshotSource, options: SearchPoolOptions): SearchPool {
    if (!(options.workers >= 1)) throw new Error('a search pool needs at least one worker');
    const pool = new SearchPool(source, options);
    pool.readiness = pool.spawnAll(source).then((slots) => {
      if (pool.closed) for (const slot of slots) void slot.worker.terminate();
      else {
        pool.slots = slots;
        pool.pump();
        // ready once any reload asked meanwhile has reached the workers too
        void pool.swapping.then(() => {
          pool.started = !pool.closed;
        });
      }
    });
    // a refresh asked before the first workers are ready follows them
    pool.swapping = pool.readiness.catch(() => {});
    return pool;
  }

  /** Resolves when the first workers are ready; rejects when they could not start. */
  whenReady(): Promise<void> {
    return this.readiness;
  }

  /** True once the first workers were ready, with every reload asked before then. */
  get isReady(): boolean {
    return this.started;
  }

  run<K extends OperationName>(
    name: K,
    args: OperationArgs<K>,
    options?: { timeoutMs?: number },
  ): Promise<OperationResult<K>>;
  /** A page rendered in a worker (web/search-render.ts): the main thread only sends the string. */
  run<K extends PageOperationName>(
    name: K,
    args: PageOperationArgs<K>,
    options?: { timeoutMs?: number },
  ): Promise<string>;
  run(
    name: OperationName | PageOperationName,
    args: unknown,
    options: { timeoutMs?: number } = {},
  ): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the search pool is closed'));
    if (!this.idleSlot() && this.queue.length >= this.maxQueued) {
      this.options.observer?.refused('busy');
      return Promise.reject(new SearchBusy(this.retryAfterSeconds()));
    }
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise<unknown>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        name,
        args,
        enqueued: performance.now(),
        resolve,
        reject,
        slot: null,
        settled: false,
        refs: this.options.article !== undefined,
        sentRefs: false,
        timer: setTimeout(() => this.expire(job, timeoutMs), timeoutMs),
      };
      this.queue.push(job);
      this.pump();
    });
  }

  /**
   * Moves the workers to the snapshot at `source` (after a reload: the main thread has it already),
   * one copy at a time, so the pool never holds two whole sets of copies (issue 23: at 212,800
   * articles each copy is about 3 GB). One switch at a time; resolves when this one is done (true:
   * every worker is on the new snapshot, or as many as could start; false: the old ones stayed,
   * or a newer refresh follows). See switchTo for the stages.
   */
  refresh(source: SnapshotSource): Promise<boolean> {
    this.source = source;
    const generation = ++this.generation;
    const run = this.swapping.then(() => this.switchTo(source, generation));
    this.swapping = run;
    return run;
  }

  /**
   * The staged switch. Every question is answered by one worker, from one snapshot; until stage 3
   * every answer is the old snapshot's, from then on the new one's.
   * 1. With more than one worker, one old worker is taken out (it ends after the search it is on)
   *    and the others go on answering: its copy is freed before the new one is made.
   * 2. A new worker builds the new snapshot (and writes it to the cache for the others).
   * 3. Once it is ready it answers alone; the remaining old workers end after their searches.
   * 4. Once they have ended, the other new workers restore the snapshot from the cache and join.
   * So the pool holds at most one copy per worker, or, with one worker, two for the switch's
   * length (the old one answers while the new one loads), where a switch of a whole new set beside
   * the old one held two per worker. If the new worker cannot start, the old ones stay (less the
   * one of stage 1, which the next refresh brings back).
   */
  private async switchTo(source: SnapshotSource, generation: number): Promise<boolean> {
    const stale = () => this.closed || generation !== this.generation; // a newer one follows
    if (stale()) return false;
    if (this.slots.length > 1) {
      // an idle one if there is one: its copy is freed at once
      const dropped = this.slots.find((slot) => !slot.job) ?? this.slots.at(-1)!;
      this.slots = this.slots.filter((slot) => slot !== dropped);
      await this.retire(dropped);
      if (stale()) return false;
    }
    let fresh: Slot;
    try {
      fresh = await this.spawn(source, true, generation);
    } catch (error) {
      if (!this.closed)
        this.options.onProblem?.(`the search workers kept the previous articles: ${message(error)}`);
      return false;
    }
    if (stale()) {
      void fresh.worker.terminate();
      return false;
    }
    const old = this.slots;
    this.slots = [fresh];
    this.pump();
    await Promise.all(old.map((slot) => this.retire(slot)));
    if (stale()) return true;
    const rest = await Promise.allSettled(
      Array.from({ length: this.options.workers - 1 }, () => this.spawn(source, false, generation)),
    );
    for (const outcome of rest) {
      if (outcome.status === 'rejected') {
        if (!this.closed)
          this.options.onProblem?.(`a search worker could not start: ${message(outcome.reason)}`);
      } else if (stale()) void outcome.value.worker.terminate();
      else this.slots.push(outcome.value);
    }
    this.pump();
    return true;
  }

  /**
   * The memory a switch to a new snapshot takes at its peak beyond what the pool holds before it
   * (for the reload's memory check): a share of a copy (STAGED_SWITCH_COPY_SHARE) with two or more
   * workers, a whole one with one (its old copy answers while the new one loads). A copy is the
   * most a worker reported once loaded; the first after a reload, which builds the snapshot,
   * reports the most. 0 until a worker has loaded.
   */
  switchReserveBytes(): number {
    return this.copyBytes * (this.options.workers === 1 ? 1 : STAGED_SWITCH_COPY_SHARE);
  }

  /** Settles when the refreshes asked for so far are done (switched, or the old workers kept). */
  whenRefreshed(): Promise<unknown> {
    return this.swapping;
  }

  /** Tells `observer` of each search's wait and each refusal from now on (for /metrics). */
  setObserver(observer: SearchObserver): void {
    this.options.observer = observer;
  }

  stats(): SearchPoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      maxQueued: this.maxQueued,
      threads: this.alive,
    };
  }

  /** The operating system's ids of the ready workers' threads (`npm run bench`: CPU per thread). */
  workerThreads(): number[] {
    return this.slots.flatMap((s) => (s.thread === null ? [] : [s.thread]));
  }

  /** Ends every worker; searches still waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new Error('the search pool is closed'));
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) if (slot.job) this.settle(slot.job, new Error('the search pool is closed'));
    await Promise.all([
      ...slots.map((s) => s.worker.terminate()),
      ...[...this.loading].map((w) => w.terminate()),
    ]);
  }

  private idleSlot(): Slot | undefined {
    return this.slots.find((s) => !s.job && !s.retiring);
  }

  private retryAfterSeconds(): number {
    const waiting = this.queue.length + this.slots.length;
    const seconds = (waiting * this.averageRunSeconds) / Math.max(1, this.slots.length);
    return Math.min(MAX_RETRY_AFTER_S, Math.max(MIN_RETRY_AFTER_S, Math.ceil(seconds)));
  }

  /** Hands waiting searches to idle workers, oldest first. */
  private pump(): void {
    for (let slot = this.idleSlot(); slot && this.queue.length; slot = this.idleSlot()) {
      const job = this.queue.shift()!;
      job.slot = slot;
      slot.job = job;
      slot.startedJobAt = performance.now();
      this.options.observer?.waited((slot.startedJobAt - job.enqueued) / 1000);
      slot.worker.ref(); // a search in flight keeps the process alive, an idle worker does not
      // references name the main thread's articles: only a worker on its snapshot may send them
      // (an old worker during a switch sends copies, so an answer is never half old, half new)
      job.sentRefs = job.refs && slot.generation === this.generation;
      try {
        slot.worker.postMessage({ id: job.id, name: job.name, args: job.args, refs: job.sentRefs });
      } catch (error) {
        // arguments that cannot cross to a worker (a function, say): the caller's mistake
        this.free(slot);
        this.settle(job, error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private free(slot: Slot): void {
    slot.job = null;
    slot.worker.unref();
    if (slot.retiring) void slot.worker.terminate();
  }

  private settle(job: Job, error: Error | null, value?: unknown): void {
    clearTimeout(job.timer);
    if (job.settled) return;
    job.settled = true;
    if (error) job.reject(error);
    else job.resolve(value);
  }

  private expire(job: Job, timeoutMs: number): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.options.observer?.refused('timeout');
    this.settle(job, new SearchTimeout(this.retryAfterSeconds(), timeoutMs));
    const slot = job.slot;
    if (!slot) return;
    // the worker goes on with it (its answer is dropped); one that never finishes is replaced
    const stuck = setTimeout(
      () => {
        if (slot.job === job) {
          this.options.onProblem?.(`a search worker was stuck on ${job.name} and was replaced`);
          void slot.worker.terminate();
        }
      },
      timeoutMs * (STUCK_FACTOR - 1),
    );
    stuck.unref();
  }

  /** Ends `slot`'s worker once its search in flight is done; settles when it has ended. */
  private retire(slot: Slot): Promise<void> {
    slot.retiring = true;
    if (!slot.job) void slot.worker.terminate();
    return slot.ended;
  }

  /**
   * The first set of workers on `source`: the first one alone (it builds and writes the snapshot
   * when the cache does not match the files), then the others together (they restore what it
   * wrote), so a snapshot is built once however many workers there are.
   */
  private async spawnAll(source: SnapshotSource): Promise<Slot[]> {
    const generation = this.generation;
    const first = await this.spawn(source, true, generation);
    const rest = await Promise.allSettled(
      Array.from({ length: this.options.workers - 1 }, () => this.spawn(source, false, generation)),
    );
    const slots = [first, ...rest.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))];
    const failed = rest.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) {
      for (const slot of slots) void slot.worker.terminate();
      throw failed.reason;
    }
    return slots;
  }

  /** One worker on `source`, once it has loaded it. */
  private spawn(source: SnapshotSource, save: boolean, generation: number): Promise<Slot> {
    const init: WorkerInit = { ...source, save, testDelayMs: this.options.testDelayMs ?? 0 };
    const worker = new Worker(workerScript('search-pool/worker.js'), { workerData: init });
    this.alive++;
    const ended = new Promise<void>((resolve) =>
      worker.once('exit', () => {
        this.alive--;
        resolve();
      }),
    );
    const slot: Slot = {
      worker,
      job: null,
      retiring: false,
      startedJobAt: 0,
      thread: null,
      generation,
      ended,
    };
    this.loading.add(worker);
    return new Promise<Slot>((resolve, reject) => {
      let ready = false;
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') {
          ready = true;
          slot.thread = m.thread;
          this.copyBytes = Math.max(this.copyBytes, m.memoryBytes);
          this.loading.delete(worker);
          worker.unref();
          resolve(slot);
        } else if (m.type === 'failed') reject(new Error(m.message));
        else this.answered(slot, m);
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
        else this.options.onProblem?.(`a search worker failed: ${message(error)}`);
      });
      worker.on('exit', (code) => {
        this.loading.delete(worker);
        if (!ready) reject(new Error(`the search worker exited with code ${code} before it was ready`));
        else this.exited(slot);
      });
    });
  }

  private answered(slot: Slot, m: Extract<FromWorker, { type: 'done' | 'error' }>): void {
    const job = slot.job;
    if (!job || job.id !== m.id) return;
    const seconds = (performance.now() - slot.startedJobAt) / 1000;
    this.averageRunSeconds += RUN_TIME_SMOOTHING * (seconds - this.averageRunSeconds);
    this.free(slot);
    if (m.type === 'error') this.settle(job, new Error(m.message));
    else if (!job.sentRefs || !this.options.article) this.settle(job, null, m.result);
    else {
      try {
        // the main thread took in a reload while this search ran: its articles are not the worker's
        if (slot.generation !== this.generation) throw new UnknownArticle('the snapshot changed');
        this.settle(job, null, fromRefs(m.result, this.options.article));
      } catch (error) {
        if (!(error instanceof UnknownArticle)) throw error;
        // the workers answer from the articles before a reload the main thread has already taken
        // in: asked again with copies, the answer is the workers' as it stands
        job.refs = false;
        job.slot = null;
        this.queue.unshift(job);
      }
    }
    this.pump();
  }

  /** A worker ended: retired ones are done; any other is replaced from the current snapshot. */
  private exited(slot: Slot): void {
    const job = slot.job;
    slot.job = null;
    if (job) this.settle(job, new Error('the search worker ended during the search'));
    const i = this.slots.indexOf(slot);
    if (i < 0 || this.closed) return;
    this.slots.splice(i, 1);
    const generation = this.generation;
    this.spawn(this.source, false, generation).then(
      (fresh) => {
        if (this.closed || generation !== this.generation) void fresh.worker.terminate();
        else {
          this.slots.push(fresh);
          this.pump();
        }
      },
      (error: unknown) =>
        this.options.onProblem?.(`a search worker could not be replaced: ${message(error)}`),
    );
  }
}
