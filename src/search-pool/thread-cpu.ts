import { readFileSync, readlinkSync } from 'node:fs';

/**
 * CPU time per thread of this process, for `npm run bench` (which thread a /search costs: the main
 * thread or a search worker). Linux only (/proc); elsewhere every answer is null and the bench says
 * so. process.cpuUsage() cannot tell the threads apart (it counts the whole process) and
 * eventLoopUtilization counts the time a thread was busy on the wall clock, which on a loaded
 * machine includes the time it waited for a core.
 */

/** The calling thread's id in the operating system (`/proc/self/task/<id>`), or null. */
export function osThreadId(): number | null {
  try {
    // "<pid>/task/<tid>": the link is resolved by the thread that reads it
    const id = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    return Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

/** Milliseconds of CPU the thread `id` of this process has used, or null when it cannot be read. */
export function threadCpuMs(id: number): number | null {
  try {
    // schedstat's first field: nanoseconds on a CPU (finer than stat's 10 ms ticks)
    const ns = Number(readFileSync(`/proc/self/task/${id}/schedstat`, 'utf8').split(' ')[0]);
    return Number.isFinite(ns) ? ns / 1e6 : null;
  } catch {
    return null;
  }
}
