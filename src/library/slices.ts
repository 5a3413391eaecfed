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
  /** Told how far each indexing stage is, every PROGRESS_EVERY documents (and may throw to stop it). */
  progress?: (stage: IndexStage, done: number, total: number) => void;
}

export type IndexStage = 'articles' | 'quotations';

/** Documents between two progress calls: a few milliseconds of indexing. */
const PROGRESS_EVERY = 256;

/**
 * Adds `count` documents, made one at a time by `make` (so their text is not all held at once), in
 * slices of at most `yieldEveryMs`, with a turn of the event loop between slices.
 */
export function addInSlices<T>(
  index: MiniSearch<T>,
  count: number,
  make: (i: number) => T,
  options: BuildOptions = {},
  stage: IndexStage = 'articles',
): Promise<void> {
  return eachInSlices(count, (i) => index.add(make(i)), options, stage);
}

/** Runs `step` for 0 to `count` - 1 in slices, as addInSlices adds documents. */
export async function eachInSlices(
  count: number,
  step: (i: number) => void,
  options: BuildOptions = {},
  stage: IndexStage = 'articles',
): Promise<void> {
  const slices = new TimeSlices(options.yieldEveryMs, options.signal);
  options.progress?.(stage, 0, count);
  for (let i = 0; i < count; i++) {
    step(i);
    if (slices.due) await slices.next();
    if (i % PROGRESS_EVERY === PROGRESS_EVERY - 1) options.progress?.(stage, i + 1, count);
  }
  options.progress?.(stage, count, count);
}
