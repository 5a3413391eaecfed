import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsPlainObject } from 'minisearch';
import { type FileRecord, SAFE_OPEN_FLAGS } from '../articles/load.js';

/** Bump when the cache's layout changes (code changes are caught by codeVersion). */
export const CACHE_FORMAT = 4;
/**
 * The cache's last line: the sha256 of every byte before it. A cache whose contents do not match it
 * (damaged, truncated, or edited by hand) is not used: a cache is a speed-up and must never change
 * an answer.
 */
const DIGEST_LINE = '{"digest":';
const DIGEST_ALGORITHM = 'sha256';
const FILE_NAME = 'snapshot.ndjson';
/** Index entries per line: lines stay far below V8's string limit however large the library grows. */
const ENTRIES_PER_LINE = 2000;

/** What a cache must have been made for to be used. */
export interface CacheKey {
  seedsDir: string;
  maxBytes: number;
}

let codeVersionMemo: string | null = null;

/**
 * A hash of the code that parses and indexes articles (this folder and ../articles, with their
 * subfolders): a cache made by other code is ignored, so changing the parser can never serve
 * articles parsed the old way.
 */
export function codeVersion(): string {
  if (codeVersionMemo) return codeVersionMemo;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha1');
  for (const dir of [here, path.join(here, '..', 'articles')]) {
    // Recursive: the quotation rules live in articles/quotes/ and its rules/ folder.
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      if (/\.(js|ts)$/.test(name)) hash.update(name).update(readFileSync(path.join(dir, name)));
    }
  }
  codeVersionMemo = hash.digest('hex');
  return codeVersionMemo;
}

type IndexEntry = AsPlainObject['index'][number];

/**
 * A MiniSearch index as read back: its entries are parsed one line at a time while MiniSearch
 * loads them (it only iterates them), so the whole index never exists twice, as JSON objects and as
 * maps, at once. Iterable once; a corrupt or missing line throws while iterating.
 */
export type SavedIndex = Omit<AsPlainObject, 'index'> & { index: Iterable<IndexEntry> };

/** A snapshot to save: every file's record (with its parsed article) and the built indexes. */
export interface SnapshotParts {
  records: FileRecord[];
  index: AsPlainObject;
  df: [string, number][];
  quoteIndex: AsPlainObject;
}

/** A snapshot as read back from the cache. */
export interface LoadedSnapshot {
  records: FileRecord[];
  index: SavedIndex;
  df: [string, number][];
  quoteIndex: SavedIndex;
}

const INDEX_LINE = '{"indexEntries":';
const QUOTE_LINE = '{"quoteEntries":';

/** The entries of raw JSON lines, parsed as they are reached; exactly `expected` of them or it throws. */
function* entriesOf(
  lines: string[],
  key: 'indexEntries' | 'quoteEntries',
  expected: number,
): Generator<IndexEntry> {
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const entries = (JSON.parse(lines[i]!) as Record<string, unknown>)[key];
    lines[i] = ''; // the raw text is not needed again: let it go while the rest loads
    if (!Array.isArray(entries)) throw new Error('the cache has a corrupt index line');
    count += entries.length;
    yield* entries as IndexEntry[];
  }
  if (count !== expected) throw new Error('the cache has an incomplete index');
}

export function cacheFile(dir: string): string {
  return path.join(dir, FILE_NAME);
}

type Line =
  | { header: { format: number; code: string; key: CacheKey } }
  | { record: FileRecord }
  | { indexMeta: Omit<AsPlainObject, 'index'> }
  | { indexEntries: AsPlainObject['index'] }
  | { df: [string, number][] }
  | { quoteMeta: Omit<AsPlainObject, 'index'> }
  | { quoteEntries: AsPlainObject['index'] }
  | { end: { records: number; entries: number; quoteEntries: number; df: number } };

/**
 * Writes the snapshot as JSON lines to a temporary file, then renames it over the old cache, so a
 * crash mid-write never leaves a half cache that looks whole.
 */
export async function saveSnapshotCache(dir: string, key: CacheKey, parts: SnapshotParts): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = cacheFile(dir);
  const temp = `${target}.${process.pid}.tmp`;
  // a leftover temporary file of a crashed run with the same pid goes; then 'wx' creates it afresh,
  // so nothing already at that name (a FIFO, a link) is ever written through
  await rm(temp, { force: true });
  const out = createWriteStream(temp, { encoding: 'utf8', flags: 'wx' });
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  const digest = createHash(DIGEST_ALGORITHM);
  const writeText = async (text: string) => {
    if (failure) throw failure;
    // once() rejects when the stream errors while we wait for it to drain
    if (!out.write(text)) await once(out, 'drain');
  };
  const write = async (line: Line) => {
    const text = `${JSON.stringify(line)}\n`;
    digest.update(text);
    await writeText(text);
  };
  try {
    await write({ header: { format: CACHE_FORMAT, code: codeVersion(), key } });
    for (const record of parts.records) await write({ record });
    const { index, ...indexMeta } = parts.index;
    await write({ indexMeta });
    for (let i = 0; i < index.length; i += ENTRIES_PER_LINE)
      await write({ indexEntries: index.slice(i, i + ENTRIES_PER_LINE) });
    for (let i = 0; i < parts.df.length; i += ENTRIES_PER_LINE * 10)
      await write({ df: parts.df.slice(i, i + ENTRIES_PER_LINE * 10) });
    const { index: quoteEntries, ...quoteMeta } = parts.quoteIndex;
    await write({ quoteMeta });
    for (let i = 0; i < quoteEntries.length; i += ENTRIES_PER_LINE)
      await write({ quoteEntries: quoteEntries.slice(i, i + ENTRIES_PER_LINE) });
    await write({
      end: {
        records: parts.records.length,
        entries: index.length,
        quoteEntries: quoteEntries.length,
        df: parts.df.length,
      },
    });
    await writeText(`${DIGEST_LINE}${JSON.stringify(digest.digest('hex'))}}\n`);
    out.end();
    await once(out, 'finish');
    if (failure) throw failure;
    await rename(temp, target);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

/** `damaged`: the cache exists but cannot be trusted (not a regular file, unreadable, digest, corrupt). */
export type CacheRead = { ok: true; parts: LoadedSnapshot } | { ok: false; reason: string; damaged: boolean };

/**
 * The cache file's bytes when it is a regular file: not a link (lstat, then O_NOFOLLOW), and never
 * waited on (a FIFO is refused by lstat, and one swapped in after it by the fstat of a handle
 * opened with O_NONBLOCK). A reason otherwise.
 */
const NO_CACHE = 'no cache yet';

async function readCacheBytes(file: string): Promise<Buffer | string> {
  try {
    const entry = await lstat(file);
    if (!entry.isFile()) return 'the cache file is not a regular file; not read';
    const handle = await open(file, SAFE_OPEN_FLAGS);
    try {
      if (!(await handle.stat()).isFile()) return 'the cache file is not a regular file; not read';
      // one read and a scan for line ends: several times faster than a line reader over a stream
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    return failure.code === 'ENOENT' ? NO_CACHE : `cannot read the cache: ${failure.message}`;
  }
}

/** The cache's contents without its digest line, when the digest matches them; null otherwise. */
function verifiedContents(bytes: Buffer): Buffer | null {
  // the digest line is the last line: find the line end before it (the file ends with a newline)
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 10 ? bytes.length - 1 : bytes.length;
  const start = bytes.lastIndexOf(10, end - 1) + 1;
  const last = bytes.toString('utf8', start, end);
  if (!last.startsWith(DIGEST_LINE)) return null;
  let stored: unknown;
  try {
    stored = (JSON.parse(last) as { digest?: unknown }).digest;
  } catch {
    return null;
  }
  const contents = bytes.subarray(0, start);
  const actual = createHash(DIGEST_ALGORITHM).update(contents).digest('hex');
  return stored === actual ? contents : null;
}

/** Whether the first line is a header of this CACHE_FORMAT (older caches have no digest line). */
function isCurrentFormat(bytes: Buffer): boolean {
  const newline = bytes.indexOf(10);
  try {
    const line = JSON.parse(bytes.toString('utf8', 0, newline < 0 ? bytes.length : newline)) as Line;
    return 'header' in line && line.header.format === CACHE_FORMAT;
  } catch {
    return true; // no readable header: damage, not an older version
  }
}

/**
 * Reads a saved snapshot. Anything unexpected (no file, not a regular file, a digest that does not
 * match the contents, another format or folder, a truncated or corrupt line) gives a reason instead
 * of parts: the caller then builds from the files, so a bad cache can cost time but never give
 * wrong results.
 */
export async function loadSnapshotCache(dir: string, key: CacheKey): Promise<CacheRead> {
  const read = await readCacheBytes(cacheFile(dir));
  if (typeof read === 'string') return { ok: false, reason: read, damaged: read !== NO_CACHE };
  const bytes = verifiedContents(read);
  if (!bytes && !isCurrentFormat(read))
    return { ok: false, reason: 'the cache is from another version of newsbot', damaged: false };
  if (!bytes)
    return {
      ok: false,
      reason: "the cache's contents do not match its digest (damaged or edited)",
      damaged: true,
    };
  const records: FileRecord[] = [];
  let indexMeta: Omit<AsPlainObject, 'index'> | null = null;
  let quoteMeta: Omit<AsPlainObject, 'index'> | null = null;
  // index lines stay raw JSON until the index is restored (see SavedIndex)
  const indexLines: string[] = [];
  const quoteLines: string[] = [];
  const df: [string, number][] = [];
  let end: Extract<Line, { end: unknown }>['end'] | null = null;
  let first = true;
  try {
    for (let start = 0; start < bytes.length; ) {
      const newline = bytes.indexOf(10, start);
      const stop = newline < 0 ? bytes.length : newline;
      const text = bytes.toString('utf8', start, stop);
      start = stop + 1;
      if (!text) continue;
      if (!first && text.startsWith(INDEX_LINE)) {
        indexLines.push(text);
        continue;
      }
      if (!first && text.startsWith(QUOTE_LINE)) {
        quoteLines.push(text);
        continue;
      }
      const line = JSON.parse(text) as Line;
      if (first) {
        first = false;
        if (
          !('header' in line) ||
          line.header.format !== CACHE_FORMAT ||
          line.header.code !== codeVersion()
        ) {
          return { ok: false, reason: 'the cache is from another version of newsbot', damaged: false };
        }
        if (line.header.key.seedsDir !== key.seedsDir || line.header.key.maxBytes !== key.maxBytes) {
          return {
            ok: false,
            reason: 'the cache is for another folder or MAX_ARTICLE_BYTES',
            damaged: false,
          };
        }
      } else if ('record' in line) records.push(line.record);
      else if ('indexMeta' in line) indexMeta = line.indexMeta;
      else if ('df' in line) for (const e of line.df) df.push(e);
      else if ('quoteMeta' in line) quoteMeta = line.quoteMeta;
      else if ('end' in line) end = line.end;
    }
  } catch (error) {
    return {
      ok: false,
      reason: `the cache is corrupt (${error instanceof Error ? error.message : String(error)})`,
      damaged: true,
    };
  }
  if (!end || !indexMeta || !quoteMeta || end.records !== records.length || end.df !== df.length)
    return { ok: false, reason: 'the cache is incomplete', damaged: true };
  return {
    ok: true,
    parts: {
      records,
      index: { ...indexMeta, index: entriesOf(indexLines, 'indexEntries', end.entries) },
      df,
      quoteIndex: { ...quoteMeta, index: entriesOf(quoteLines, 'quoteEntries', end.quoteEntries) },
    },
  };
}
