// The heap the bot may use, and what happens near its end. Node's default old-space limit (about
// 4 GB on a 64-bit machine of any size) is not the machine: a 212,800-article archive died there
// with 19 GB free (issue 23). So the CLI starts the bot with a limit that is a share of the
// machine's memory (HEAP_LIMIT_MB), and long work stops with one clear line when the heap is
// nearly full instead of ending in V8's abort.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * The heap's share of the machine's memory (or of the container's limit). The rest is for what
 * lives outside the V8 heap (file buffers, the cache parts being read, code: about 1 GB at 212,800
 * articles), the page cache that makes reading the archive fast, and the machine's other work.
 */
export const HEAP_SHARE_OF_MEMORY = 0.6;
/**
 * A relaunch is worth its fraction of a second only when it raises the limit by at least this
 * factor; on a small machine Node's own limit is already about the share.
 */
const RELAUNCH_MIN_GAIN = 1.25;
/**
 * Long work stops when the heap still holds this share of its limit right after a full garbage
 * collection: V8 aborts the process a little past it (it spends ever longer collecting, then gives
 * up), and stopping here leaves room to say why and to write what was done.
 */
export const HEAP_STOP_SHARE = 0.9;
/**
 * And never closer to the limit than this: the watch learns the live data only after a full
 * collection, between turns of the event loop, and one turn's work (a large file parsed, a slice of
 * indexing) allocates a few MB. With a 24 MB old space (heap-process.test.ts) the 10% left by
 * HEAP_STOP_SHARE was 2.4 MB, and V8 aborted in 2 of 5 runs before the watch saw the heap full
 * (live data 22-23 MB at the abort). 8 MB is about three such turns; from an 80 MB limit upwards
 * HEAP_STOP_SHARE leaves more and decides alone.
 */
export const HEAP_STOP_MIN_HEADROOM_BYTES = 8 * 1024 * 1024;

/**
 * But work never stops below this share of the limit, whatever HEAP_STOP_MIN_HEADROOM_BYTES asks:
 * under 16 MB the headroom would leave nothing to work in (the bot itself holds about 9 MB).
 */
export const HEAP_STOP_FLOOR_SHARE = 0.5;

/** The live data past which long work stops, for an old generation limited to `limitBytes`. */
export function heapStopBytes(limitBytes: number): number {
  return Math.max(
    limitBytes * HEAP_STOP_FLOOR_SHARE,
    Math.min(limitBytes * HEAP_STOP_SHARE, limitBytes - HEAP_STOP_MIN_HEADROOM_BYTES),
  );
}
/**
 * The heap an article needs at the peak of a cold start, to tell whether Node's own limit will do:
 * issue 23's 85,120-article start peaked at 3.4 GB (40 KB an article) before postings were made
 * compact, which is kept as a margin.
 */
export const PEAK_HEAP_BYTES_PER_ARTICLE = 40 * 1024;
/**
 * A relaunch costs a second process's start (it doubles the CLI's start-up on a small folder): it
 * is done only when the archive's estimated peak passes this share of the current limit.
 */
const RELAUNCH_WHEN_SHARE = 0.5;

/** Whether `files` articles may need more heap than `currentLimitBytes` gives (see PEAK_HEAP_BYTES_PER_ARTICLE). */
export function archiveNeedsMoreHeap(files: number, currentLimitBytes: number): boolean {
  return files * PEAK_HEAP_BYTES_PER_ARTICLE > currentLimitBytes * RELAUNCH_WHEN_SHARE;
}

/** Marks the relaunched process, so it never relaunches again. */
const RELAUNCHED = 'NEWSBOT_HEAP_RELAUNCHED';

const MB = 1024 * 1024;

/** The machine's memory, or the container's limit when lower (cgroups). */
export function memoryBytes(): number {
  const constrained =
    (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.() ?? 0;
  const total = os.totalmem();
  return constrained > 0 && constrained < total ? constrained : total;
}

export type HeapSetting = number | 'auto' | 'off';

/** What the CLI should do about the heap limit: nothing (and why), or relaunch with `mb`. */
export function heapPlan(input: {
  setting: HeapSetting;
  nodeOptions: string | undefined;
  execArgv: readonly string[];
  relaunched: boolean;
  memoryBytes: number;
  currentLimitBytes: number;
}): { relaunch: false; why: string } | { relaunch: true; mb: number } {
  if (input.relaunched) return { relaunch: false, why: 'already relaunched' };
  if (input.setting === 'off') return { relaunch: false, why: 'HEAP_LIMIT_MB is off' };
  const operatorSet = [input.nodeOptions ?? '', ...input.execArgv].some((a) =>
    /--max[-_]old[-_]space[-_]size/.test(a),
  );
  if (operatorSet) return { relaunch: false, why: 'the heap limit was set with --max-old-space-size' };
  const mb =
    input.setting === 'auto' ? Math.floor((input.memoryBytes * HEAP_SHARE_OF_MEMORY) / MB) : input.setting;
  if (input.setting === 'auto' && mb * MB < input.currentLimitBytes * RELAUNCH_MIN_GAIN)
    return { relaunch: false, why: "Node's own limit is about the share already" };
  return { relaunch: true, mb };
}

/**
 * Runs this same command again in a child process with `--max-old-space-size=mb`, its stdin,
 * stdout and stderr the same, and passes signals on (SIGINT only when not at a terminal, where
 * Ctrl-C reaches both processes anyway). Resolves with the exit code to use.
 */
export function relaunchWithHeap(mb: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, `--max-old-space-size=${mb}`, process.argv[1]!, ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, [RELAUNCHED]: String(mb) } },
  );
  const signals: NodeJS.Signals[] = [
    'SIGTERM',
    'SIGHUP',
    ...(process.stdin.isTTY ? [] : ['SIGINT' as const]),
  ];
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of signals) process.on(signal, forward);
  if (process.stdin.isTTY) process.on('SIGINT', () => {});
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`newsbot: could not relaunch with a larger heap: ${error.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

export function wasRelaunched(): boolean {
  return Boolean(process.env[RELAUNCHED]);
}

/** Why the work cannot go on: the heap is nearly full. Its message is the one line the operator reads. */
export class OutOfMemoryError extends Error {
  override name = 'OutOfMemoryError';
}

/** The whole heap's limit: the old generation's plus the young generation's (YOUNG_GENERATION_BYTES). */
export function heapLimitBytes(): number {
  return v8.getHeapStatistics().heap_size_limit;
}

/**
 * V8's young generation: three semi-spaces (two that scavenges copy between, and the same again for
 * new large objects) of 16 MB each on a 64-bit machine. heap_size_limit counts it beside the old
 * generation: Node 20 with --max-old-space-size=60, 200 and 2000 reports 108, 248 and 2,048 MB,
 * 48 MB more each time, and its default 4,096 MB old space reports 4,144.
 */
export const SEMI_SPACE_BYTES = 16 * MB;
export const YOUNG_GENERATION_BYTES = 3 * SEMI_SPACE_BYTES;

/** The spaces of the young generation, which a full collection empties; the rest is the old generation. */
const YOUNG_SPACES = new Set(['new_space', 'new_large_object_space']);

/**
 * The old generation's limit: what V8 aborts at when the live data does not fit (the young
 * generation only holds what was allocated since the last scavenge). `--max-old-space-size` when
 * it was given (the command line's over NODE_OPTIONS', the last of each), else the whole heap's
 * limit less the young generation.
 */
export function oldSpaceLimitBytes(
  input: { execArgv: readonly string[]; nodeOptions: string | undefined; heapSizeLimit: number } = {
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    heapSizeLimit: heapLimitBytes(),
  },
): number {
  const flags = [...(input.nodeOptions ?? '').split(/\s+/), ...input.execArgv];
  let mb: number | null = null;
  for (let i = 0; i < flags.length; i++) {
    const m = /^--max[-_]old[-_]space[-_]size(?:=(\d+))?$/.exec(flags[i]!);
    if (!m) continue;
    const value = m[1] ?? flags[i + 1];
    if (value && /^\d+$/.test(value)) mb = Number(value);
  }
  if (mb !== null && mb > 0) return mb * MB;
  const derived = input.heapSizeLimit - YOUNG_GENERATION_BYTES;
  return derived > 0 ? derived : input.heapSizeLimit;
}

let fullCollection: (() => void) | null = null;

/**
 * Runs a full garbage collection now, in this thread, and says how long it took (ms). For one
 * moment only: when this thread has just let go of much of its heap (the snapshot's indexes, once
 * the search workers hold theirs). Left to itself, V8 collects when the heap grows, and a thread
 * that only answers Discord and the pages never grows it: the memory would stay taken.
 * `--expose-gc` is the process's flag, set on first use: contexts made after it (a search worker
 * started later) have a `gc` global too, which nothing else here calls. `compact`: move what stays
 * together so the emptied pages go back, where little stays and nothing waits on this thread.
 */
export function collectGarbageNow(options: { compact?: boolean } = {}): number {
  if (!fullCollection) {
    v8.setFlagsFromString('--expose-gc');
    fullCollection = vm.runInNewContext('gc') as () => void;
  }
  const started = performance.now();
  // V8 gives back only the pages a collection leaves empty: text let go among objects that stay
  // leaves most pages part full, the heap as large as before. Compacting moves what stays together
  // (a longer pause, in proportion to what stays): at 21,280 articles, a built snapshot's text let
  // go, the heap 290 -> 121 MB and RSS 2 s after 467-477 -> 299-304 MB, the pause 51-54 -> 105-111
  // ms; a search worker once loaded, RSS 234-244 -> 212-220 MB (docs/performance.md)
  // (V8's flags are the process's: a collection another thread runs meanwhile compacts too, which
  // costs it a longer pause, never a wrong result)
  if (options.compact) v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    fullCollection();
  } finally {
    if (options.compact) v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return performance.now() - started;
}

/** What the old generation holds now: the heap's use less the young generation's. */
export function oldGenerationUsedBytes(): number {
  let used = 0;
  for (const space of v8.getHeapSpaceStatistics())
    if (!YOUNG_SPACES.has(space.space_name)) used += space.space_used_size;
  return used;
}

const mb = (bytes: number) => `${Math.round(bytes / MB).toLocaleString('en-US')} MB`;

/** The setting that raises the limit, for messages. */
export const HEAP_ADVICE =
  'raise HEAP_LIMIT_MB (or NODE_OPTIONS=--max-old-space-size=<MB>), give the machine more memory, or split the archive';

/**
 * Watches full garbage collections: `liveBytes` is what the old generation held right after the
 * last one (the live data, not garbage waiting), and `short` says it passed heapStopBytes of the
 * old generation's limit (oldSpaceLimitBytes). The whole heap's limit would not do: it counts the
 * young generation too (48 MB), which a small heap never fills with live data, so with
 * --max-old-space-size=60 the old generation filled and V8 aborted before the heap reached 90% of
 * its 108 MB. The observer runs between turns of the event loop: long work gives turns (see TimeSlices).
 */
export class HeapWatch {
  liveBytes = 0;
  private readonly observer: PerformanceObserver;

  constructor(private readonly limitBytes = oldSpaceLimitBytes()) {
    this.observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
        if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) this.liveBytes = oldGenerationUsedBytes();
      }
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  get short(): boolean {
    return this.liveBytes > heapStopBytes(this.limitBytes);
  }

  /** Throws OutOfMemoryError naming `doing` (e.g. "12,000 of 212,800 files read") when short. */
  check(doing: () => string): void {
    if (!this.short) return;
    throw new OutOfMemoryError(
      `stopped: the articles do not fit in memory (${doing()}; heap ${mb(this.liveBytes)} of its ${mb(this.limitBytes)} limit): ${HEAP_ADVICE}`,
    );
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/**
 * Memory the machine (or the container) can still give: what the kernel counts as available
 * (free, plus caches it can drop). Node 20.13 and later read the container's limit too.
 */
export function availableMemoryBytes(): number {
  const available = (process as { availableMemory?: () => number }).availableMemory?.() ?? 0;
  return available > 0 ? available : os.freemem();
}

/** What other threads need for a reload, beside the main thread's heap (the search workers' switch). */
export interface ReloadReserve {
  bytes: number;
  /** For the message: "the search workers' new copy". */
  what: string;
}

/** What a machine short of memory for a reload can do (HEAP_ADVICE is for the heap's own limit). */
export const MACHINE_ADVICE = 'give the machine more memory, lower SEARCH_WORKERS, or split the archive';

/** What this thread's heap holds: what the last full collection left, or the old generation's use now if less (or no collection yet). */
export function heapHeldBytes(): number {
  const now = oldGenerationUsedBytes();
  // what the last full collection left is the live data; the figure now also counts garbage
  const live = sharedWatch().liveBytes;
  return live > 0 ? Math.min(now, live) : now;
}

/** What a snapshot holds in this thread: its heap (heapHeldBytes) and its typed arrays outside it. */
export interface HeldMemory {
  usedBytes: number;
  externalBytes: number;
}

/** This thread's memory now, as reloadMemoryShortReason counts it. */
export function heldMemory(): HeldMemory {
  return { usedBytes: heapHeldBytes(), externalBytes: process.memoryUsage().external };
}

/**
 * Why a reload would not fit, or null. It builds new indexes beside the ones in use (the articles
 * that did not change are shared), so it needs about `share` of what the heap holds now again,
 * inside the heap's limit; and the machine must have that, plus what the other threads need for
 * the reload (`reserves`: the search workers each hold their own copy, outside this heap's limit),
 * available.
 */
export function reloadMemoryShortReason(
  share: number,
  input: {
    limitBytes?: number;
    reserves?: readonly ReloadReserve[];
    availableBytes?: number;
    /** Tests: the heap's live data (default: heapHeldBytes). */
    usedBytes?: number;
    /** Tests: the memory this thread's objects hold outside the heap (default: process.memoryUsage's external). */
    externalBytes?: number;
    /**
     * Counted as held at least: what the thread held with the snapshot's indexes, before it let them
     * go (Library.withoutIndexes). A reload builds them again, so it needs what it needed then.
     */
    atLeast?: HeldMemory | null;
    /**
     * Counted as held too: the articles' text the thread left in the cache's parts
     * (library/text-on-disk.ts), which the reload's build reads back into the heap.
     */
    readBackBytes?: number;
  } = {},
): string | null {
  const limitBytes = input.limitBytes ?? oldSpaceLimitBytes();
  const used =
    Math.max(input.usedBytes ?? heapHeldBytes(), input.atLeast?.usedBytes ?? 0) + (input.readBackBytes ?? 0);
  const need = used * share;
  if (used + need > heapStopBytes(limitBytes))
    return `not enough memory for a reload (the heap holds ${mb(used)} of its ${mb(limitBytes)} limit and a reload needs about ${mb(need)} more): ${HEAP_ADVICE}`;
  // on the machine the new indexes also take their share of what lives outside the heap (typed arrays)
  const external = Math.max(
    input.externalBytes ?? process.memoryUsage().external,
    input.atLeast?.externalBytes ?? 0,
  );
  const machineNeed = need + external * share;
  const reserves = (input.reserves ?? []).filter((r) => r.bytes > 0);
  const available = input.availableBytes ?? availableMemoryBytes();
  const total = machineNeed + reserves.reduce((sum, r) => sum + r.bytes, 0);
  if (total <= available) return null;
  const parts = [
    `${mb(machineNeed)} for the new indexes`,
    ...reserves.map((r) => `${mb(r.bytes)} for ${r.what}`),
  ];
  return `not enough memory for a reload (the machine has ${mb(available)} available and a reload needs about ${parts.join(' and ')}): ${MACHINE_ADVICE}`;
}

let shared: HeapWatch | null = null;

/** One watch for the process, started at first use. */
export function sharedWatch(): HeapWatch {
  shared ??= new HeapWatch();
  return shared;
}
