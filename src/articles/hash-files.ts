import { Worker } from 'node:worker_threads';
import { workerScript } from '../worker-script.js';

/** A file's size, modification time and content hash (null when it was not read: too large or unreadable). */
export interface FileStamp {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
}

/** What the hashing worker (hash-worker.ts) is given: the folder's real path, its files, MAX_ARTICLE_BYTES. */
export interface ToHashWorker {
  root: string;
  files: readonly string[];
  maxBytes: number;
}

/** Whether `stamps` are what hash-worker.ts posts for `files`: one stamp per file, in the same order. */
export function areStamps(stamps: unknown, files: readonly string[]): stamps is FileStamp[] {
  return (
    Array.isArray(stamps) &&
    stamps.length === files.length &&
    stamps.every(
      (s: Partial<FileStamp> | null, i) =>
        typeof s === 'object' &&
        s !== null &&
        s.file === files[i] &&
        Number.isSafeInteger(s.size) &&
        (s.size as number) >= 0 &&
        Number.isFinite(s.mtimeMs) &&
        (s.hash === null || (typeof s.hash === 'string' && /^[0-9a-f]{40}$/.test(s.hash))),
    )
  );
}

/**
 * Stamps `files` (paths under `root`, the seeds folder's real path, as listArticleFiles gives them) in a worker thread, so the main thread can meanwhile read the
 * warm cache: at start both take about a second for 20,000 articles, and the machine has two cores.
 * Null when the worker could not run or gave something other than one stamp per file (areStamps;
 * the caller then reads the files itself), or when `signal`
 * aborted it: the worker is ended at once, so a start that finds nothing to compare the stamps
 * with does not wait for every file to be read and hashed (212,800 files: a minute, measured).
 */
export async function stampFiles(
  root: string,
  files: readonly string[],
  maxBytes: number,
  signal?: AbortSignal,
): Promise<FileStamp[] | null> {
  if (signal?.aborted) return null;
  try {
    const worker = new Worker(workerScript('articles/hash-worker.js'), {
      workerData: { root, files, maxBytes } satisfies ToHashWorker,
    });
    return await new Promise<FileStamp[] | null>((resolve, reject) => {
      signal?.addEventListener(
        'abort',
        () => {
          resolve(null);
          void worker.terminate();
        },
        { once: true },
      );
      worker.once('message', (stamps: unknown) => {
        // checked as everything that crosses a thread (issue 17): stamps that are not one per file,
        // in order, are no stamps (as when the worker could not run)
        resolve(areStamps(stamps, files) ? stamps : null);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the hashing worker exited with code ${code}`)));
    });
  } catch {
    return null;
  }
}
