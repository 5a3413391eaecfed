import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsPlainObject } from 'minisearch';
import type { FileRecord } from '../articles/load.js';

/** Bump when the cache's layout changes (code changes are caught by codeVersion). */
export const CACHE_FORMAT = 3;
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
  const out = createWriteStream(temp, { encoding: 'utf8' });
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  const write = async (line: Line) => {
    if (failure) throw failure;
    // once() rejects when the stream errors while we wait for it to drain
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
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

export type CacheRead = { ok: true; parts: LoadedSnapshot } | { ok: false; reason: string };

/**
 * Reads a saved snapshot. Anything unexpected (no file, another format or folder, a truncated or
 * corrupt line) gives a reason instead of parts: the caller then builds from the files, so a bad
 * cache can cost time but never give wrong results.
 */
export async function loadSnapshotCache(dir: string, key: CacheKey): Promise<CacheRead> {
  let bytes: Buffer;
  try {
    // one read and a scan for line ends: several times faster than a line reader over a stream
    bytes = await readFile(cacheFile(dir));
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    return {
      ok: false,
      reason: failure.code === 'ENOENT' ? 'no cache yet' : `cannot read the cache: ${failure.message}`,
    };
  }
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
          return { ok: false, reason: 'the cache is from another version of newsbot' };
        }
        if (line.header.key.seedsDir !== key.seedsDir || line.header.key.maxBytes !== key.maxBytes) {
          return { ok: false, reason: 'the cache is for another folder or MAX_ARTICLE_BYTES' };
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
    };
  }
  if (!end || !indexMeta || !quoteMeta || end.records !== records.length || end.df !== df.length)
    return { ok: false, reason: 'the cache is incomplete' };
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
