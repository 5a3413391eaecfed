// Long work (a reload of a large library) runs in slices with a turn of the event loop between
// them, so the replies in flight are never held up for long. Shared by loading and indexing.

/** A turn of the event loop: replies waiting to be sent go first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Tells when the current slice has used its budget; `next` gives the event loop a turn and starts
 * another. With a signal, the work can be cancelled between slices: once the signal is aborted the
 * slice is due at once and `next` throws the signal's reason, so the work stops at its next check.
 */
export class TimeSlices {
  private start = performance.now();

  /** `budgetMs` Infinity (the default): one slice, never due (unless the signal aborts). */
  constructor(
    private readonly budgetMs = Number.POSITIVE_INFINITY,
    private readonly signal?: AbortSignal,
  ) {}

  get due(): boolean {
    if (this.signal?.aborted) return true;
    return this.budgetMs !== Number.POSITIVE_INFINITY && performance.now() - this.start >= this.budgetMs;
  }

  async next(): Promise<void> {
    this.signal?.throwIfAborted();
    await nextTurn();
    this.signal?.throwIfAborted();
    this.start = performance.now();
  }
}
