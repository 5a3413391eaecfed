import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { osThreadId } from './search-pool/thread-cpu.js';

/**
 * How far below the thread that starts it a parse worker runs (niceness added to that thread's:
 * 0 = as the main thread; at 10 a worker weighs about a tenth of it): parsing a reload's
 * files is background work, while the main thread answers /healthz, the gateway's heartbeats and
 * every interaction's acknowledgement. On a machine with fewer cores than threads wanting one (two
 * parse workers and the main thread on this 2-core machine), Linux shares the cores by weight,
 * so the main thread gets a core when it wants one and the workers still use every idle cycle (a
 * reload alone is not slowed).
 * Evidence, `npm run bench:hostile` on a quiet machine, alternated (docs/performance.md, "Large
 * files and the main thread"): /healthz max during the reload at 0 was 73-144 ms (median 101 of 8
 * runs), at 10 64-101 ms (median 90 of 10, one over 100 ms); p99 28-51 ms against 22-31 ms; the
 * reload's wall time 5.5-5.9 s against 5.3-6.6 s (within the runs' spread). 19 (the lowest) gave
 * 70-91 ms in 5 runs alternated with 10's last 5 (89-98 ms): within the noise, and at 19 a reload
 * would all but stop while search workers (at 0) keep both cores busy, so 10.
 * It is added to the starting thread's niceness, not set as it is: set as it is, a bot started
 * with `nice -n 19` by root (allowed to raise a priority) ran its parse workers at 10, ahead of the
 * main thread at 19 (docs/performance.md, "issue 17, 7 Dec, h17c").
 */
export const BACKGROUND_NICENESS = 10;

/** Linux's lowest priority (the largest niceness). */
export const MAX_NICENESS = 19;

/**
 * The niceness of a background thread started by a thread at `niceness`: BACKGROUND_NICENESS
 * lower in priority, at most MAX_NICENESS, and never ahead of it.
 */
export function backgroundNiceness(niceness: number): number {
  return Math.max(niceness, Math.min(MAX_NICENESS, niceness + BACKGROUND_NICENESS));
}

/**
 * Lowers the calling thread's priority to `niceness` (Linux: setpriority on the thread's own id,
 * which affects that thread only); backgroundNiceness of its own by default. Never raises it: a
 * niceness below the thread's own is left as it is. False where it cannot (another system, no
 * /proc): the thread then runs as before.
 */
export function lowerThisThreadPriority(niceness?: number): boolean {
  try {
    const tid = osThreadId();
    if (tid === null) return false;
    const own = thisThreadNiceness() ?? 0;
    setPriority(tid, Math.max(own, niceness ?? backgroundNiceness(own)));
    return true;
  } catch {
    return false;
  }
}

/** The calling thread's niceness as the kernel reports it, or null where it cannot be read. */
export function thisThreadNiceness(): number | null {
  try {
    // /proc/thread-self/stat: field 19 is the nice value; the command name (field 2) may hold
    // spaces, so count from after its closing bracket
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    return Number.isInteger(nice) ? nice : null;
  } catch {
    return null;
  }
}
