// Reading one article file safely: shared by the load in the main thread (load.ts) and by the parse
// workers (parse-pool.ts), which read, hash and parse large files themselves so the main thread
// never holds their bytes. Every check lives here once: no link, no FIFO, nothing moved outside
// the folder, nothing over MAX_ARTICLE_BYTES.
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { type FileHandle, open, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { TimeSlices } from '../time-slices.js';
import { describeFsError, entryKind, isInside } from './walk.js';

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/**
 * How much of a large file is hashed between two looks at the time slice (contentHashInSlices):
 * sha1 runs at several hundred MB/s, so 64 KiB is well under a millisecond, and a 1 MiB file
 * (MAX_ARTICLE_BYTES's default) is 16 pieces instead of one uninterrupted run.
 */
export const HASH_CHUNK_BYTES = 64 * 1024;

/** contentHash, giving the event loop its turn between HASH_CHUNK_BYTES pieces whenever `slices` is due. */
export async function contentHashInSlices(bytes: Uint8Array, slices: TimeSlices): Promise<string> {
  if (bytes.length <= HASH_CHUNK_BYTES) return contentHash(bytes);
  const hash = createHash('sha1');
  for (let at = 0; at < bytes.length; at += HASH_CHUNK_BYTES) {
    hash.update(bytes.subarray(at, at + HASH_CHUNK_BYTES));
    if (slices.due) await slices.wait();
  }
  return hash.digest('hex');
}

/**
 * How an article file is opened: never through a link (the walk resolved every path already, so a
 * link here was swapped in since), and never waiting (a FIFO swapped in for the file opens at once
 * and is refused by the fstat of the handle, before any read).
 */
export const SAFE_OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The safe read below is written once, as generator functions over these file-system calls, and run
 * two ways: asynchronously (runAsync, fs/promises) by the load in the main thread, and
 * synchronously (runSync, the *Sync calls) by the hashing worker (hash-worker.ts) and the parse
 * workers (parse-pool.ts), threads of their own where blocking costs nothing. A step yields what
 * it waits for (a promise, in the asynchronous calls; nothing, in the synchronous ones) and gets
 * back its value.
 */
type Steps<T> = Generator<unknown, T, unknown>;

/** The calls the safe read makes; `H` is what an open file is (a FileHandle or a descriptor). */
interface FileCalls<H> {
  open(file: string, flags: number): Steps<H>;
  fstat(handle: H): Steps<Stats>;
  /**
   * Where an open handle really is, from the kernel (Linux's /proc): a folder on the way swapped for
   * a link between the walk and the open would show here. Null where /proc is not available; the
   * walk's checks and O_NOFOLLOW then stand alone.
   */
  openedPath(handle: H): Steps<string | null>;
  /** Reads into `bytes` from `at` (both in the buffer and in the file): how many bytes came. */
  read(handle: H, bytes: Buffer, at: number): Steps<number>;
  /** Closes, never failing (the read's outcome is already known). */
  close(handle: H): Steps<void>;
}

/** A promise as a step: runAsync sends back what it resolved to, or throws in what it rejected with. */
function* awaited<T>(promise: Promise<T>): Steps<T> {
  return (yield promise) as T;
}

const asyncCalls: FileCalls<FileHandle> = {
  open: (file, flags) => awaited(open(file, flags)),
  fstat: (handle) => awaited(handle.stat()),
  openedPath: (handle) => awaited(readlink(`/proc/self/fd/${handle.fd}`).catch(() => null)),
  read: (handle, bytes, at) =>
    awaited(handle.read(bytes, at, bytes.length - at, at).then(({ bytesRead }) => bytesRead)),
  close: (handle) => awaited(handle.close().catch(() => {})),
};

/** A value there already, as a step that never yields. */
// biome-ignore lint/correctness/useYield: a step whose value is there already has nothing to wait for; runSync relies on it
function* now<T>(value: T): Steps<T> {
  return value;
}

const syncCalls: FileCalls<number> = {
  open: (file, flags) => now(openSync(file, flags)),
  fstat: (fd) => now(fstatSync(fd)),
  openedPath(fd) {
    try {
      return now(readlinkSync(`/proc/self/fd/${fd}`));
    } catch {
      return now(null);
    }
  },
  read: (fd, bytes, at) => now(readSync(fd, bytes, at, bytes.length - at, at)),
  close(fd) {
    try {
      closeSync(fd);
    } catch {}
    return now(undefined);
  },
};

/** Runs steps made with asyncCalls, awaiting what each yields. */
async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = await next.value;
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}

/** Runs steps made with syncCalls: they never yield, so the first step is the last. */
function runSync<T>(steps: Steps<T>): T {
  const next = steps.next();
  if (!next.done) throw new Error('runSync: a step waited (asynchronous calls given to runSync)');
  return next.value;
}

/** Reads at most `size` bytes from the start: a file that grows while being read gives no more than its fstat said. */
function* readUpTo<H>(calls: FileCalls<H>, handle: H, size: number): Steps<Buffer> {
  const bytes = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const bytesRead = yield* calls.read(handle, bytes, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === size ? bytes : bytes.subarray(0, filled);
}

/** A file's size and modification time, as its handle's fstat gave them. */
export interface FileStat {
  size: number;
  mtimeMs: number;
}

/** A file opened and checked (openRegularFile): its stat, its bytes on demand, and the handle to close. */
export interface OpenedFile extends FileStat {
  ok: true;
  /** Reads the file: at most the `size` its fstat gave. */
  read(): Promise<Buffer>;
  close(): Promise<void>;
}

/** Why a file is not read, with what its fstat gave (zeros when it could not be opened). */
export interface Refused extends FileStat {
  ok: false;
  reason: string;
}

/** What openChecked gives: a checked file still open (its handle for the caller to read and close), or why not. */
type Checked<H> = (FileStat & { ok: true; handle: H }) | Refused;

/**
 * Opens a regular file under `root` safely (see SAFE_OPEN_FLAGS and FileCalls.openedPath) and
 * checks it, before any byte is read. A Refused file is closed already.
 */
function* openChecked<H>(
  calls: FileCalls<H>,
  root: string,
  file: string,
  maxBytes: number,
): Steps<Checked<H>> {
  let handle: H;
  try {
    handle = yield* calls.open(path.join(root, file), SAFE_OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ELOOP'
        ? 'replaced by a symbolic link while being read; not read'
        : `cannot read: ${describeFsError(error)}`;
    return { ok: false, reason, size: 0, mtimeMs: 0 };
  }
  function* refuse(reason: string, stamp: FileStat): Steps<Refused> {
    yield* calls.close(handle);
    return { ok: false, reason, ...stamp };
  }
  try {
    const info = yield* calls.fstat(handle);
    const stamp = { size: info.size, mtimeMs: info.mtimeMs };
    if (!info.isFile()) return yield* refuse(`not a regular file: ${entryKind(info)}`, stamp);
    const where = yield* calls.openedPath(handle);
    if (where !== null && !isInside(root, where))
      return yield* refuse('refused: moved outside the seeds folder while being read; not read', stamp);
    if (info.size > maxBytes)
      return yield* refuse(`too large (${info.size} bytes; MAX_ARTICLE_BYTES is ${maxBytes})`, stamp);
    return { ok: true, handle, ...stamp };
  } catch (error) {
    return yield* refuse(`cannot read: ${describeFsError(error)}`, { size: 0, mtimeMs: 0 });
  }
}

/** A regular file's bytes (openChecked, then readUpTo), or why not. */
export type ReadResult = ({ ok: true; bytes: Buffer } & FileStat) | Refused;

function* readChecked<H>(
  calls: FileCalls<H>,
  root: string,
  file: string,
  maxBytes: number,
): Steps<ReadResult> {
  const opened = yield* openChecked(calls, root, file, maxBytes);
  if (!opened.ok) return opened;
  try {
    const bytes = yield* readUpTo(calls, opened.handle, opened.size);
    return { ok: true, bytes, size: opened.size, mtimeMs: opened.mtimeMs };
  } catch (error) {
    return { ok: false, reason: `cannot read: ${describeFsError(error)}`, size: 0, mtimeMs: 0 };
  } finally {
    yield* calls.close(opened.handle);
  }
}

/**
 * Opens a regular file under `root` safely and checks it (openChecked), before any byte is read:
 * the caller then reads it, or (a large file, with parse workers) closes it and lets a worker read
 * it through readRegularFile, which makes the very same checks. The caller closes an OpenedFile; a
 * Refused one is closed already.
 */
export async function openRegularFile(
  root: string,
  file: string,
  maxBytes: number,
): Promise<OpenedFile | Refused> {
  const checked = await runAsync(openChecked(asyncCalls, root, file, maxBytes));
  if (!checked.ok) return checked;
  const { handle, size, mtimeMs } = checked;
  return {
    ok: true,
    size,
    mtimeMs,
    read: () => runAsync(readUpTo(asyncCalls, handle, size)),
    close: () => runAsync(asyncCalls.close(handle)),
  };
}

/**
 * A regular file's bytes, opened safely under `root` (openRegularFile's checks); a reason when it is
 * not one, is too large, or cannot be read.
 */
export function readRegularFile(root: string, file: string, maxBytes: number): Promise<ReadResult> {
  return runAsync(readChecked(asyncCalls, root, file, maxBytes));
}

/**
 * readRegularFile with synchronous calls, for a thread of its own (the hashing worker, a parse
 * worker): no trip through libuv's thread pool per call, which made the worker's stamping of
 * 5,131 files take about 1.6 times the CPU of these calls (see hash-worker.ts).
 */
export function readRegularFileSync(root: string, file: string, maxBytes: number): ReadResult {
  return runSync(readChecked(syncCalls, root, file, maxBytes));
}
