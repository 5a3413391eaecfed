// Long work (a reload of a large library) runs in slices with a turn of the event loop between
// them, so the replies in flight are never held up for long. Shared by loading and indexing.

/** A turn of the event loop: replies waiting to be sent go first. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Tells when the current slice has used its budget; `next` gives the event loop a turn and starts another. */
export class TimeSlices {
  private start = performance.now();

  /** `budgetMs` Infinity (the default): one slice, never due. */
  constructor(private readonly budgetMs = Number.POSITIVE_INFINITY) {}

  get due(): boolean {
    return this.budgetMs !== Number.POSITIVE_INFINITY && performance.now() - this.start >= this.budgetMs;
  }

  async next(): Promise<void> {
    await nextTurn();
    this.start = performance.now();
  }
}
