import type { Library } from '../library/library.js';
import { type OperationArgs, type OperationName, type OperationResult, runOperation } from './operations.js';

/**
 * Where searches run: the boundary between the transports (Discord, console, web) and the work
 * that grows with the library. Every method takes and returns plain data, so an implementation may
 * run the operation here (InProcessSearcher, SEARCH_WORKERS=0) or in worker threads (SearchPool).
 */
export interface Searcher {
  /**
   * Runs the named operation (operations.ts) on the searcher's snapshot. Rejects with SearchBusy
   * when the queue is full and with SearchTimeout when the answer did not come within
   * `timeoutMs` (the searcher's own limit when absent), so nothing waits forever.
   */
  run<K extends OperationName>(
    name: K,
    args: OperationArgs<K>,
    options?: { timeoutMs?: number },
  ): Promise<OperationResult<K>>;
}

/** The queue is full: answer "busy, try again" now rather than after a long wait. */
export class SearchBusy extends Error {
  override name = 'SearchBusy';
  constructor(readonly retryAfterSeconds: number) {
    super('the searches are busy right now');
  }
}

/** A search waited and ran past its time limit: the caller answers "busy" rather than wait on. */
export class SearchTimeout extends Error {
  override name = 'SearchTimeout';
  constructor(
    readonly retryAfterSeconds: number,
    readonly timeoutMs: number,
  ) {
    super(`the search took longer than ${timeoutMs} ms`);
  }
}

/** True for the errors that mean "too busy to answer now" (full queue, or a search past its time). */
export function isSearchBusy(error: unknown): error is SearchBusy | SearchTimeout {
  return error instanceof SearchBusy || error instanceof SearchTimeout;
}

/**
 * An autocomplete answer waits at most this long for a search: Discord drops a suggestion list not
 * sent within 3 s of the keystroke, and sending it takes a round trip of its own.
 */
export const AUTOCOMPLETE_TIMEOUT_MS = 2000;

/** What a person reads when the searches are too busy (Discord, privately; the console). */
export const BUSY_MESSAGE = 'Busy right now, try again in a few seconds.';

/**
 * Runs operations in this thread, on the snapshot it is given: SEARCH_WORKERS=0, the tests, and
 * command contexts without a searcher. The work is synchronous, as it was before the pool.
 */
export class InProcessSearcher implements Searcher {
  constructor(private readonly snapshot: () => Library) {}

  async run<K extends OperationName>(name: K, args: OperationArgs<K>): Promise<OperationResult<K>> {
    return runOperation(this.snapshot(), name, args);
  }
}

/** A searcher over one snapshot (a command context's, taken once per interaction). */
export function inProcess(library: Library): Searcher {
  return new InProcessSearcher(() => library);
}
