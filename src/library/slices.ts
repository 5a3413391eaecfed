import type MiniSearch from 'minisearch';
import { TimeSlices } from '../time-slices.js';

export interface BuildOptions {
  /**
   * Give the event loop back after this many milliseconds of indexing. Infinity (the default)
   * builds in one go, which is right before the bot accepts commands; a reload uses a few ms.
   */
  yieldEveryMs?: number;
  /** Checked at every slice: an aborted build throws the signal's reason (see TimeSlices). */
  signal?: AbortSignal;
}

/**
 * Adds `count` documents, made one at a time by `make` (so their text is not all held at once), in
 * slices of at most `yieldEveryMs`, with a turn of the event loop between slices.
 */
export async function addInSlices<T>(
  index: MiniSearch<T>,
  count: number,
  make: (i: number) => T,
  options: BuildOptions = {},
): Promise<void> {
  const slices = new TimeSlices(options.yieldEveryMs, options.signal);
  for (let i = 0; i < count; i++) {
    index.add(make(i));
    if (slices.due) await slices.next();
  }
}
