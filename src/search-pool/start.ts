import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FollowLinks } from '../articles/load.js';
import { collectGarbageNow } from '../heap.js';
import type { LiveLibrary, ReloadReport } from '../library/live.js';
import { type PageRenderer, pagesInProcess } from '../web/search-render.js';
import { SearchPool, type SearchPoolOptions } from './pool.js';
import { inProcess, type Searcher } from './searcher.js';

/** A running search pool, the searcher to give the transports, and what it takes to stop it. */
export interface RunningPool {
  pool: SearchPool;
  /** The pool once its workers are ready; until then (or if they cannot start) this thread, on the live snapshot. */
  searcher: Searcher;
  /** Pages rendered by the workers (web/search-render.ts), with the same fallback as `searcher`. */
  pages: PageRenderer;
  close(): Promise<void>;
}

export interface PoolSettings {
  seedsDir: string;
  maxArticleBytes: number;
  seedsFollowLinks: FollowLinks;
  /** INDEX_CACHE_DIR: the workers restore the warm cache the start wrote (no second copy on disk). */
  indexCacheDir: string | null;
  searchWorkers: number;
}

/**
 * /reload with search workers: the report comes once the searches see its articles (the workers
 * have switched to them, or kept the old ones and said why), so "Reloaded" means the next question
 * finds what was added. `reloading` is the live library, or the bot's fan-out that also reloads
 * the other replicas (replicas.ts).
 */
export function reloadAndSwitch(
  reloading: Pick<LiveLibrary, 'reload'>,
  pool: SearchPool | null,
): () => Promise<ReloadReport> | null {
  return () => {
    const running = reloading.reload();
    if (!running || !pool) return running;
    return running.then(async (report) => {
      // before the workers are ready the searches run on the live snapshot, which has it already
      if (report.ok && pool.isReady) await pool.whenRefreshed();
      return report;
    });
  };
}

/**
 * Starts SEARCH_WORKERS search workers (null for 0: searches stay in the main thread) without
 * waiting for them: until they are ready, and if they cannot start, the searches run in this
 * thread. Each worker restores the snapshot from the warm cache (INDEX_CACHE_DIR, else a temporary
 * folder of the pool's own), as a restart would; after each successful reload a new set of
 * workers takes the new snapshot (the first builds and writes it, off the main thread, the others
 * restore it) and they all switch together, the old ones answering until then.
 */
export async function startSearchPool(
  settings: PoolSettings,
  live: LiveLibrary,
  options: Omit<SearchPoolOptions, 'workers'> = {},
): Promise<RunningPool | null> {
  if (settings.searchWorkers < 1) return null;
  const own = settings.indexCacheDir ? null : await mkdtemp(path.join(tmpdir(), 'newsbot-search-'));
  const source = {
    seedsDir: settings.seedsDir,
    maxArticleBytes: settings.maxArticleBytes,
    followLinks: settings.seedsFollowLinks,
    cacheDir: settings.indexCacheDir ?? own!,
  };
  const pool = SearchPool.create(source, {
    article: (id) => live.current.get(id),
    ...options,
    workers: settings.searchWorkers,
  });
  let closing = false;
  // from the moment the workers are ready every search runs in them (`searcher` below), each with its
  // own copy of the indexes: this thread keeps the articles only (LiveLibrary.releaseIndexes)
  pool.whenReady().then(
    async () => {
      // isReady (every search to the workers) waits for a reload asked while they loaded: until
      // then the searches still run here
      await pool.whenRefreshed();
      // and the memory goes back now, once per process (a full collection: 0.3-0.5 s of this thread
      // at 212,800 articles, 70 ms at 21,280; docs/performance.md), where a thread that only answers
      // would not grow its heap enough to collect it for a long time
      if (pool.isReady && live.releaseIndexes()) collectGarbageNow();
    },
    (error: unknown) =>
      // ended on purpose while loading (a start that failed, a shutdown): nothing to report
      closing
        ? undefined
        : options.onProblem?.(
            `the search workers could not start (${error instanceof Error ? error.message : String(error)}); searching in the main thread`,
          ),
  );
  live.onReload((report) => {
    if (!report.ok) return;
    // switched: the new workers hold the new snapshot, and the first of them wrote it to the cache
    // (no collection forced here, unlike at the start: a pause of up to half a second after every
    // reload would recur while the bot answers; V8's next full collection frees them)
    void pool.refresh(source).then((switched) => switched && pool.isReady && live.releaseIndexes(true));
  });
  live.reserveForReload(() => ({ bytes: pool.switchReserveBytes(), what: "the search workers' new copy" }));
  const searcher: Searcher = {
    run: (name, args, limits) =>
      pool.isReady ? pool.run(name, args, limits) : inProcess(live.current).run(name, args),
  };
  const pages: PageRenderer = {
    run: (name, args, limits) =>
      pool.isReady ? pool.run(name, args, limits) : pagesInProcess(live.current).run(name, args),
  };
  return {
    pool,
    searcher,
    pages,
    close: async () => {
      closing = true;
      await pool.close();
      if (own) await rm(own, { recursive: true, force: true });
    },
  };
}
