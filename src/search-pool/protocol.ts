import type { FollowLinks } from '../articles/load.js';

/**
 * Where a worker gets its snapshot: the articles folder and the warm cache, as LiveLibrary.open
 * reads them. A worker finds the cache matching the files and restores it; the first worker of a
 * new set (`save`) builds it when it does not match (after a reload), reusing the parse of every
 * unchanged file, and writes it for the others.
 */
export interface SnapshotSource {
  seedsDir: string;
  maxArticleBytes: number;
  followLinks: FollowLinks;
  /** INDEX_CACHE_DIR, or the pool's own temporary folder when the cache is off. */
  cacheDir: string;
}

/** What a worker is started with. */
export interface WorkerInit extends SnapshotSource {
  /** Write the cache when it did not match (the first worker of a set). */
  save: boolean;
  /** Tests only: each operation first blocks the worker this long (0: never). */
  testDelayMs: number;
}

/** Main thread -> worker: one operation to run. */
export interface ToWorker {
  id: number;
  name: string;
  args: unknown;
  /** Send the answer's articles as references (article-refs.ts) rather than copies. */
  refs: boolean;
}

/** Worker -> main thread. */
export type FromWorker =
  /**
   * `thread`: the worker's id in the operating system (thread-cpu.ts), for the bench's CPU per
   * thread. `memoryBytes`: its memory once loaded (its heap as committed, and what its objects
   * hold outside it): what a copy of the snapshot costs (SearchPool.switchReserveBytes).
   */
  | { type: 'ready'; articles: number; fromCache: boolean; thread: number | null; memoryBytes: number }
  | { type: 'failed'; message: string }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string };
