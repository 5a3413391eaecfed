// The worker thread of stampFiles (hash-files.ts): stamps the files it is given with load.ts's own
// reading and hashing (readRegularFile, contentHash), so a file the load would refuse (a link, a
// FIFO, moved outside the folder, too large, unreadable) gets a null hash, which never matches a
// cached article, and every other file the very hash its load record has.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileStamp, ToHashWorker } from './hash-files.js';
import { contentHash, readRegularFile } from './read-file.js';

/**
 * Files read at once. load.ts's reads are asynchronous, so one at a time each file waits its turn in
 * libuv's thread pool five times (open, fstat, readlink, read, close). Measured on the three corpora
 * (7,444 files) on the shared 2-core machine under load, alternating runs: one at a time 10.3-11.7 s,
 * 32 at once 4.1-8.4 s (median 4.6 s), the former synchronous reads of its own 1.7-2.5 s (median
 * 2.0 s). The start it runs beside (reading the warm cache, 6,107 articles) took 10.4-14.5 s either
 * way, so it stays hidden there. 32 is load.ts's READ_CONCURRENCY.
 */
const HASH_CONCURRENCY = 32;

const { root, files, maxBytes } = workerData as ToHashWorker;
const stamps = new Array<FileStamp>(files.length);
let next = 0;
async function stampNext(): Promise<void> {
  for (let i = next++; i < files.length; i = next++) {
    const file = files[i]!;
    const read = await readRegularFile(root, file, maxBytes);
    stamps[i] = {
      file,
      size: read.size,
      mtimeMs: read.mtimeMs,
      hash: read.ok ? contentHash(read.bytes) : null,
    };
  }
}
await Promise.all(Array.from({ length: HASH_CONCURRENCY }, stampNext));
parentPort!.postMessage(stamps);
