// How far along a start or a reload is: files read (and how many of them parsed rather than reused),
// articles and quotations indexed, with the rate of the current phase and the time it has left.
// Read by the log (every few seconds), the console's progress bar, /readyz and /metrics.

export type ProgressPhase = 'reading' | 'indexing articles' | 'indexing quotations' | 'restoring' | 'saving';

export interface ProgressState {
  work: 'start' | 'reload';
  phase: ProgressPhase;
  /** Article files found. */
  files: number;
  /** Files read so far, and how many of them were parsed (the rest were unchanged and reused). */
  read: number;
  parsed: number;
  /** Items of the current indexing phase done, out of `toIndex`. */
  indexed: number;
  toIndex: number;
  seconds: number;
  /** Items per second in the current phase. */
  rate: number;
  /** Seconds left in the current phase at that rate; null until there is a rate. */
  etaSeconds: number | null;
  /** Share of the current phase done, 0 to 1. */
  fraction: number;
}

/**
 * The rate is measured over the phase so far: phases run at a steady pace, and a rate over all of
 * it does not jump with the disk cache or a pause for garbage collection.
 */
export class Progress {
  private phaseName: ProgressPhase = 'reading';
  private files = 0;
  private read = 0;
  private parsed = 0;
  private indexed = 0;
  private toIndex = 0;
  private readonly started = performance.now();
  private phaseStarted = performance.now();
  /** Set when the work ends; the state stays readable. */
  done = false;

  constructor(
    readonly work: 'start' | 'reload',
    private readonly now: () => number = () => performance.now(),
  ) {
    this.phaseStarted = this.started = now();
  }

  listed(files: number): void {
    this.files = files;
  }

  record(fresh: boolean): void {
    this.read++;
    if (fresh) this.parsed++;
  }

  phase(name: ProgressPhase, total = 0): void {
    this.phaseName = name;
    this.phaseStarted = this.now();
    this.indexed = 0;
    this.toIndex = total;
  }

  step(done: number, total: number): void {
    this.indexed = done;
    this.toIndex = total;
  }

  get state(): ProgressState {
    const now = this.now();
    const reading = this.phaseName === 'reading';
    const done = reading ? this.read : this.indexed;
    const total = reading ? this.files : this.toIndex;
    const phaseSeconds = (now - this.phaseStarted) / 1000;
    const rate = phaseSeconds > 0 ? done / phaseSeconds : 0;
    return {
      work: this.work,
      phase: this.phaseName,
      files: this.files,
      read: this.read,
      parsed: this.parsed,
      indexed: this.indexed,
      toIndex: this.toIndex,
      seconds: (now - this.started) / 1000,
      rate,
      etaSeconds: rate > 0 && total >= done ? (total - done) / rate : null,
      fraction: total > 0 ? Math.min(1, done / total) : 0,
    };
  }
}

const count = (n: number) => n.toLocaleString('en-US');

/** One line for the log or the console: "start: reading 12,000/21,280 files (11,500 parsed), 230/s, about 40 s left". */
export function describeProgress(s: ProgressState): string {
  const eta = s.etaSeconds === null ? '' : `, about ${Math.ceil(s.etaSeconds)} s left`;
  const rate = `${count(Math.round(s.rate))}/s`;
  if (s.phase === 'reading')
    return `${s.work}: reading ${count(s.read)}/${count(s.files)} files (${count(s.parsed)} parsed, the rest unchanged), ${rate}${eta}`;
  if (s.phase === 'indexing articles' || s.phase === 'indexing quotations')
    return `${s.work}: ${s.phase} ${count(s.indexed)}/${count(s.toIndex)}, ${rate}${eta}`;
  return `${s.work}: ${s.phase} (${count(s.files)} files)`;
}

/** Width of the console's progress bar, in characters. */
const BAR_WIDTH = 24;

/** The console's bar: "[#########...............] 38% start: reading …". */
export function progressBar(s: ProgressState): string {
  const filled = Math.round(s.fraction * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(s.fraction * 100)).padStart(3)}% ${describeProgress(s)}`;
}

/**
 * How often progress is written: to the log (LOG_EVERY_MS: often enough to see a start move, rare
 * enough that a 10-minute start logs about a hundred lines) and to a terminal's bar.
 */
export const PROGRESS_LOG_EVERY_MS = 5000;
export const PROGRESS_BAR_EVERY_MS = 250;

/**
 * Writes `progress` every `everyMs` until the returned stop is called: as a bar redrawn in place
 * (a terminal) or as lines. The timer never keeps the process alive.
 */
export function reportProgress(
  progress: Progress,
  write: (text: string) => void,
  options: { bar: boolean; everyMs?: number },
): () => void {
  const everyMs = options.everyMs ?? (options.bar ? PROGRESS_BAR_EVERY_MS : PROGRESS_LOG_EVERY_MS);
  let drawn = false;
  let ticks = 0;
  const timer = setInterval(() => {
    // lines start at the second tick: a start of a few seconds needs no report
    if (!options.bar && ++ticks < 2) return;
    const s = progress.state;
    if (options.bar) {
      // \r and a clear to the end of the line: the bar is redrawn in place
      write(`\r${progressBar(s)}\u001b[K`);
      drawn = true;
    } else write(`${describeProgress(s)}\n`);
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (drawn) write('\r\u001b[K');
  };
}

/**
 * Writes a line every PROGRESS_LOG_EVERY_MS while a reload runs on `live` (whoever started it:
 * /reload, SIGHUP). The timer never keeps the process alive; the returned function stops it.
 */
export function logReloadProgress(
  live: { readonly progress: Progress | null },
  write: (line: string, state: ProgressState) => void,
  everyMs = PROGRESS_LOG_EVERY_MS,
): () => void {
  const timer = setInterval(() => {
    const running = live.progress;
    if (running && running.state.seconds * 1000 >= everyMs)
      write(describeProgress(running.state), running.state);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
