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
  /** Counts the slices started: of several tasks waiting for one turn, the first to resume starts the slice. */
  private slice = 0;

  /** `budgetMs` Infinity (the default): one slice, never due (unless the signal aborts). */
  constructor(
    private readonly budgetMs = Number.POSITIVE_INFINITY,
    private readonly signal?: AbortSignal,
  ) {}

  get due(): boolean {
    if (this.signal?.aborted) return true;
    return this.budgetMs !== Number.POSITIVE_INFINITY && performance.now() - this.start >= this.budgetMs;
  }

  /**
   * Gives the event loop a turn, then starts a new slice. Tasks sharing the slices (a load's
   * concurrent reads) that wait for the same turn share the one slice it starts: the first to
   * resume starts it (true) and the others do not (false). Such tasks wait with `wait`.
   */
  async next(): Promise<boolean> {
    this.signal?.throwIfAborted();
    const waitedFor = this.slice;
    await nextTurn();
    this.signal?.throwIfAborted();
    if (this.slice !== waitedFor) return false;
    this.slice++;
    this.start = performance.now();
    return true;
  }

  /**
   * For tasks sharing the slices: gives the event loop turns until this task starts a slice, or
   * the slice another started is not used up. One turn of the event loop then runs one slice of
   * work, not one step per task.
   */
  async wait(): Promise<void> {
    while (!(await this.next()) && this.due) {
      // another task holds this turn's slice: the next turn
    }
  }
}
