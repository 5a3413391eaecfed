// A search worker (SearchPool): opens the snapshot as a warm start does (LiveLibrary.open: the
// cache when it matches the files, else built from them), then answers operations (operations.ts,
// and the pages of web/search-render.ts) one at a time until it is terminated.
import { parentPort, workerData } from 'node:worker_threads';
import { collectGarbageNow } from '../heap.js';
import type { Library } from '../library/library.js';
import { LiveLibrary } from '../library/live.js';
import { PAGE_OPERATIONS, type PageOperationName, runPageOperation } from '../web/search-render.js';
import { toRefs } from './article-refs.js';
import { type OperationName, runOperation } from './operations.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import { osThreadId } from './thread-cpu.js';

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

/**
 * Tests only (SearchPoolOptions.testDelayMs): every operation first blocks this worker's thread
 * for this long, so a test can queue slow searches without sleeping in the test itself.
 */
const pause =
  init.testDelayMs > 0
    ? () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, init.testDelayMs)
    : () => {};

async function load(): Promise<{ library: Library; fromCache: boolean; textOnDiskBytes: number }> {
  // a worker that writes the cache holds the text it writes; the others leave it in the cache's
  // parts and read an article's back when a search asks for it (library/text-on-disk.ts)
  const live = await LiveLibrary.open({
    ...init,
    ...(init.save ? {} : { textOnDisk: { keepAnalyses: false } }),
  });
  // the first worker after a reload builds the snapshot and writes it; the others then restore it
  // (a cache that cannot be written costs time, not answers: the others then build it themselves)
  if (init.save) await live.saveCache().catch(() => false);
  return { library: live.current, fromCache: live.fromCache, textOnDiskBytes: live.textOnDiskBytes };
}

load().then(
  ({ library, fromCache, textOnDiskBytes }) => {
    port.on('message', (message: ToWorker) => {
      const { id, name, args, refs } = message;
      try {
        pause();
        // a page (web/search-render.ts) is rendered here too, so the main thread only sends it
        const result =
          name in PAGE_OPERATIONS
            ? runPageOperation(library, name as PageOperationName, args as never)
            : runOperation(library, name as OperationName, args as never);
        const isArticle = (value: Record<string, unknown>) =>
          typeof value.id === 'string' && (library.get(value.id) as unknown) === value;
        post({ type: 'done', id, result: refs ? toRefs(result, isArticle) : result });
      } catch (error) {
        post({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
      }
    });
    // this thread's own (a worker's figures but rss are its isolate's): the heap, and the memory
    // outside it that its objects hold (the compact postings' typed arrays), as the load left them,
    // with the text it left on disk, which the worker that builds the next snapshot holds: what the
    // next switch's new copy takes at its peak (pool.ts, switchReserveBytes)
    const { heapTotal, external } = process.memoryUsage();
    // what the load left behind (the cache's text, the build's garbage) goes before the first
    // search rather than when the heap next grows, which a worker that only answers may never do
    collectGarbageNow({ compact: true });
    post({
      type: 'ready',
      articles: library.size,
      fromCache,
      thread: osThreadId(),
      memoryBytes: heapTotal + external + textOnDiskBytes,
    });
  },
  (error: unknown) =>
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
);
