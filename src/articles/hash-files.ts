import { Worker } from 'node:worker_threads';

/** A file's size, modification time and content hash (null when it was not read: too large or unreadable). */
export interface FileStamp {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
}

// Plain JavaScript run as the worker's script (eval), so it works the same from the built code and
// from the sources under test. The hash is load.ts's contentHash: sha1 of the bytes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync, statSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { join } = require('node:path');
const { dir, files, maxBytes } = workerData;
parentPort.postMessage(files.map((file) => {
  try {
    const full = join(dir, file);
    const info = statSync(full);
    const hash = info.size <= maxBytes ? createHash('sha1').update(readFileSync(full)).digest('hex') : null;
    return { file, size: info.size, mtimeMs: info.mtimeMs, hash };
  } catch {
    return { file, size: 0, mtimeMs: 0, hash: null };
  }
}));
`;

/**
 * Stamps `files` (paths under `dir`) in a worker thread, so the main thread can meanwhile read the
 * warm cache: at start both take about a second for 20,000 articles, and the machine has two cores.
 * Null when the worker could not run; the caller then reads the files itself.
 */
export async function stampFiles(
  dir: string,
  files: readonly string[],
  maxBytes: number,
): Promise<FileStamp[] | null> {
  try {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dir, files, maxBytes } });
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
