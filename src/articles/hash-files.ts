import { Worker } from 'node:worker_threads';
import { SAFE_OPEN_FLAGS } from './read-file.js';

/** A file's size, modification time and content hash (null when it was not read: too large or unreadable). */
export interface FileStamp {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
}

// Plain JavaScript run as the worker's script (eval), so it works the same from the built code and
// from the sources under test. The hash is load.ts's contentHash: sha1 of the bytes. The files are
// opened as load.ts's readRegularFile opens them (the flags are passed in): never through a link,
// never waiting on a FIFO, and only a regular file under the folder is read; anything else gets a
// null hash, which never matches a cached article.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, fstatSync, readSync, closeSync, readlinkSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { join, sep } = require('node:path');
const { root, files, maxBytes, flags } = workerData;
const inside = (where) => where === root || where.startsWith(root + sep);
const openedPath = (fd) => { try { return readlinkSync('/proc/self/fd/' + fd); } catch { return null; } };
parentPort.postMessage(files.map((file) => {
  let fd = -1;
  try {
    fd = openSync(join(root, file), flags);
    const info = fstatSync(fd);
    const stamp = { file, size: info.size, mtimeMs: info.mtimeMs, hash: null };
    const where = openedPath(fd);
    if (!info.isFile() || (where !== null && !inside(where)) || info.size > maxBytes) return stamp;
    const bytes = Buffer.alloc(info.size);
    let filled = 0;
    for (let n = 1; filled < info.size && n > 0; filled += n) n = readSync(fd, bytes, filled, info.size - filled, filled);
    return { ...stamp, hash: createHash('sha1').update(bytes.subarray(0, filled)).digest('hex') };
  } catch {
    return { file, size: 0, mtimeMs: 0, hash: null };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}));
`;

/**
 * Stamps `files` (paths under `root`, the seeds folder's real path, as listArticleFiles gives them) in a worker thread, so the main thread can meanwhile read the
 * warm cache: at start both take about a second for 20,000 articles, and the machine has two cores.
 * Null when the worker could not run; the caller then reads the files itself.
 */
export async function stampFiles(
  root: string,
  files: readonly string[],
  maxBytes: number,
): Promise<FileStamp[] | null> {
  try {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { root, files, maxBytes, flags: SAFE_OPEN_FLAGS },
    });
    return await new Promise<FileStamp[]>((resolve, reject) => {
      worker.once('message', (stamps: FileStamp[]) => {
        resolve(stamps);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the hashing worker exited with code ${code}`)));
    });
  } catch {
    return null;
  }
}
