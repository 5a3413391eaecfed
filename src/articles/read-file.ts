// Reading one article file safely: shared by the load in the main thread (load.ts) and by the parse
// workers (parse-pool.ts), which read, hash and parse large files themselves so the main thread
// never holds their bytes. Every check lives here once: no link, no FIFO, nothing moved outside
// the folder, nothing over MAX_ARTICLE_BYTES.
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
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
 * Where an open handle really is, from the kernel (Linux's /proc): a folder on the way swapped for a
 * link between the walk and the open would show here. Null where /proc is not available; the walk's
 * checks and O_NOFOLLOW then stand alone.
 */
async function openedPath(handle: FileHandle): Promise<string | null> {
  return readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
}

/** Reads at most `size` bytes from the start: a file that grows while being read gives no more than its fstat said. */
async function readUpTo(handle: FileHandle, size: number): Promise<Buffer> {
  const bytes = Buffer.alloc(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
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

/**
 * Opens a regular file under `root` safely (see SAFE_OPEN_FLAGS and openedPath) and checks it,
 * before any byte is read: the caller then reads it, or (a large file, with parse workers) closes
 * it and lets a worker read it through readRegularFile, which makes the very same checks. The
 * caller closes an OpenedFile; a Refused one is closed already.
 */
export async function openRegularFile(
  root: string,
  file: string,
  maxBytes: number,
): Promise<OpenedFile | Refused> {
  let handle: FileHandle;
  try {
    handle = await open(path.join(root, file), SAFE_OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ELOOP'
        ? 'replaced by a symbolic link while being read; not read'
        : `cannot read: ${describeFsError(error)}`;
    return { ok: false, reason, size: 0, mtimeMs: 0 };
  }
  const refuse = async (reason: string, stamp: FileStat): Promise<Refused> => {
    await handle.close().catch(() => {});
    return { ok: false, reason, ...stamp };
  };
  try {
    const info = await handle.stat();
    const stamp = { size: info.size, mtimeMs: info.mtimeMs };
    if (!info.isFile()) return await refuse(`not a regular file: ${entryKind(info)}`, stamp);
    const where = await openedPath(handle);
    if (where !== null && !isInside(root, where))
      return await refuse('refused: moved outside the seeds folder while being read; not read', stamp);
    if (info.size > maxBytes)
      return await refuse(`too large (${info.size} bytes; MAX_ARTICLE_BYTES is ${maxBytes})`, stamp);
    return {
      ok: true,
      ...stamp,
      read: () => readUpTo(handle, info.size),
      close: () => handle.close().catch(() => {}),
    };
  } catch (error) {
    return refuse(`cannot read: ${describeFsError(error)}`, { size: 0, mtimeMs: 0 });
  }
}

/**
 * A regular file's bytes, opened safely under `root` (openRegularFile); a reason when it is not
 * one, is too large, or cannot be read.
 */
export async function readRegularFile(
  root: string,
  file: string,
  maxBytes: number,
): Promise<({ ok: true; bytes: Buffer } & FileStat) | Refused> {
  const opened = await openRegularFile(root, file, maxBytes);
  if (!opened.ok) return opened;
  try {
    return { ok: true, bytes: await opened.read(), size: opened.size, mtimeMs: opened.mtimeMs };
  } catch (error) {
    return { ok: false, reason: `cannot read: ${describeFsError(error)}`, size: 0, mtimeMs: 0 };
  } finally {
    await opened.close();
  }
}
