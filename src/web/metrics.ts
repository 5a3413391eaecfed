import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ReplyObserver, ReplyOutcome } from '../commands/types.js';
import type { LiveLibrary } from '../library/live.js';
import type { ProgressState } from '../library/progress.js';
import type { SearchPool } from '../search-pool/pool.js';

/**
 * Reply latency buckets, in seconds. `npm run bench` measures /news at 8-29 ms median and 36-240 ms
 * p99 on 21k-85k articles, /quote lower; Discord drops an interaction not acknowledged in 3 s. The
 * buckets are dense where replies are and end past that deadline.
 */
export const REPLY_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Queue wait buckets, in seconds: most searches find a free worker at once (the first bucket), a
 * full queue waits about 1-2 s (MAX_QUEUED_PER_WORKER, search-pool/pool.ts) and nothing waits
 * past SEARCH_TIMEOUT_MS (15 s).
 */
export const SEARCH_WAIT_SECONDS_BUCKETS = [0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15];

/** The search workers /metrics describes: how many were asked for, and the pool (null: none). */
export interface SearchMetricsSource {
  searchWorkers: number;
  pool: SearchPool | null;
}

/**
 * The bot's Prometheus metrics, in a registry of its own: replies by command and outcome with
 * their latency, what the live snapshot holds, reloads by result, and Node's process metrics
 * (CPU, memory, event-loop delay, GC).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly replies: Counter<'command' | 'outcome'>;
  private readonly replySeconds: Histogram<'command'>;
  private readonly reloads: Counter<'result'>;
  private readonly refusedConnections: Counter<'cap'>;

  constructor(
    live: LiveLibrary,
    search: SearchMetricsSource = { searchWorkers: 0, pool: null },
    replicas?: () => { generation: number },
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.replies = new Counter({
      name: 'newsbot_replies_total',
      help: 'Command replies by command and outcome (answered, refused: bad option or not an admin, failed: an error)',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.replySeconds = new Histogram({
      name: 'newsbot_reply_duration_seconds',
      help: 'Time to build a command reply, from the options to the payload',
      labelNames: ['command'],
      buckets: REPLY_SECONDS_BUCKETS,
      registers,
    });
    this.reloads = new Counter({
      name: 'newsbot_reloads_total',
      help: 'Reloads of the articles folder by result (ok, failed: the previous articles were kept)',
      labelNames: ['result'],
      registers,
    });
    this.refusedConnections = new Counter({
      name: 'newsbot_web_connections_refused_total',
      help: 'Web connections closed as they opened, by the cap they were over (address: one client over its share, total: the server full)',
      labelNames: ['cap'],
      registers,
    });
    this.refusedConnections.inc({ cap: 'address' }, 0);
    this.refusedConnections.inc({ cap: 'total' }, 0);
    this.reloads.inc({ result: 'ok' }, 0);
    this.reloads.inc({ result: 'failed' }, 0);
    // read from the snapshot when scraped, so they are never stale
    new Gauge({
      name: 'newsbot_articles',
      help: 'Articles in the live snapshot',
      registers,
      collect() {
        this.set(live.current.size);
      },
    });
    new Gauge({
      name: 'newsbot_article_problems',
      help: 'Files skipped or loaded with a warning in the live snapshot',
      labelNames: ['severity'],
      registers,
      collect() {
        const problems = live.current.problems;
        const skipped = problems.filter((p) => p.severity === 'skipped').length;
        this.set({ severity: 'skipped' }, skipped);
        this.set({ severity: 'warning' }, problems.length - skipped);
      },
    });
    new Gauge({
      name: 'newsbot_last_reload_timestamp_seconds',
      help: 'When the live snapshot was built (the start, or the last successful reload), in Unix seconds',
      registers,
      collect() {
        this.set(live.current.loadedAt.getTime() / 1000);
      },
    });
    if (replicas)
      new Gauge({
        name: 'newsbot_reload_generation',
        help: 'Reloads so far across the replicas (Redis), or in this process: every replica shows the same once it has reloaded',
        registers,
        collect() {
          this.set(replicas().generation);
        },
      });
    // long work (a reload) as it goes: absent series when none runs
    progressGauges(registers, () => live.progress?.state);
    live.onReload((report) => this.reloads.inc({ result: report.ok ? 'ok' : 'failed' }));
    this.watchSearches(search);
  }

  /** SEARCH_WORKERS, the workers ready and busy, the queue's depth and bound, waits and refusals. */
  private watchSearches({ searchWorkers, pool }: SearchMetricsSource): void {
    const registers = [this.registry];
    new Gauge({
      name: 'newsbot_search_workers_configured',
      help: 'SEARCH_WORKERS: worker threads for searches (0: searches run in the main thread)',
      registers,
    }).set(searchWorkers);
    const stat = (name: string, help: string, read: (s: ReturnType<SearchPool['stats']>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(pool ? read(pool.stats()) : 0);
        },
      });
    stat('newsbot_search_workers', 'Search worker threads ready to answer', (s) => s.workers);
    stat('newsbot_search_workers_busy', 'Search worker threads answering a search now', (s) => s.busy);
    stat('newsbot_search_queue_depth', 'Searches waiting for a free worker', (s) => s.queued);
    stat(
      'newsbot_search_queue_limit',
      'Searches that may wait; past it a search is answered busy',
      (s) => s.maxQueued,
    );
    const waits = new Histogram({
      name: 'newsbot_search_wait_seconds',
      help: 'Time a search waited in the queue for a worker',
      buckets: SEARCH_WAIT_SECONDS_BUCKETS,
      registers,
    });
    const refused = new Counter({
      name: 'newsbot_search_refused_total',
      help: 'Searches answered busy: the queue was full (busy) or the search ran out of time (timeout)',
      labelNames: ['reason'],
      registers,
    });
    refused.inc({ reason: 'busy' }, 0);
    refused.inc({ reason: 'timeout' }, 0);
    pool?.setObserver({
      waited: (seconds) => waits.observe(seconds),
      refused: (reason) => refused.inc({ reason }),
    });
  }

  /** For CommandContext.observe: counts and times each reply. */
  readonly observe: ReplyObserver = (command: string, outcome: ReplyOutcome, seconds: number) => {
    this.replies.inc({ command, outcome });
    this.replySeconds.observe({ command }, seconds);
  };

  /** For the web server's connection cap: one connection closed as it opened. */
  readonly connectionRefused = (cap: 'address' | 'total'): void => {
    this.refusedConnections.inc({ cap });
  };

  async text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * How far a start or a reload is, read when scraped: files found, read and parsed, the share of the
 * current phase done and its time left. No series while nothing runs (`read` gives undefined).
 * Used by the full pages' metrics (a reload) and by the starting face's (the first start).
 */
export function progressGauges(registers: Registry[], read: () => ProgressState | undefined): void {
  new Gauge({
    name: 'newsbot_progress_files',
    help: 'The running start or reload: article files found, read, and parsed (the rest were unchanged)',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      const s = read();
      if (!s) return;
      this.set({ state: 'found' }, s.files);
      this.set({ state: 'read' }, s.read);
      this.set({ state: 'parsed' }, s.parsed);
    },
  });
  new Gauge({
    name: 'newsbot_progress_phase_ratio',
    help: 'The running start or reload: share of its current phase done (0-1), by phase',
    labelNames: ['phase'],
    registers,
    collect() {
      this.reset();
      const s = read();
      if (s) this.set({ phase: s.phase }, s.fraction);
    },
  });
  new Gauge({
    name: 'newsbot_progress_eta_seconds',
    help: "The running start or reload: seconds left in its current phase at the phase's rate",
    registers,
    collect() {
      this.reset();
      const s = read();
      if (s?.etaSeconds != null) this.set(s.etaSeconds);
    },
  });
}
