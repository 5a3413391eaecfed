// The worker thread of stampFiles (hash-files.ts): stamps the files it is given with load.ts's own
// reading and hashing (read-file.ts's safe read, run with synchronous calls, and contentHash), so a
// file the load would refuse (a link, a FIFO, moved outside the folder, too large, unreadable) gets
// a null hash, which never matches a cached article, and every other file the very hash its load
// record has.
//
// Synchronous, one file after another: this thread has nothing else to do, and the asynchronous
// read (five trips through libuv's thread pool a file: open, fstat, readlink, read, close) cost
// more. The three corpora (5,131 files), alternating runs on the shared 2-core machine at load
// ~20: asynchronous, 32 at once, 1.17-1.34 s of CPU; these synchronous calls 0.73-0.78 s, the same
// as the former copy of its own (wall times at that load were noise: 3.4-7.6 s either way).
import { parentPort, workerData } from 'node:worker_threads';
import type { FileStamp, ToHashWorker } from './hash-files.js';
import { contentHash, readRegularFileSync } from './read-file.js';

const { root, files, maxBytes } = workerData as ToHashWorker;
const stamps = files.map((file): FileStamp => {
  const read = readRegularFileSync(root, file, maxBytes);
  return { file, size: read.size, mtimeMs: read.mtimeMs, hash: read.ok ? contentHash(read.bytes) : null };
});
parentPort!.postMessage(stamps);
