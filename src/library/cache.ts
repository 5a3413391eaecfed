import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AsPlainObject } from 'minisearch';
import { type FileRecord, SAFE_OPEN_FLAGS } from '../articles/load.js';
import { invalidRecordReason } from '../articles/record-shape.js';
import type { Article } from '../articles/types.js';
import type { AnalysedText } from './analysed.js';
import type { SavedCompactIndex, SavedEntry } from './postings.js';
import type { TextShelf } from './text-on-disk.js';

// The warm-start cache is a folder of parts (INDEX_CACHE_DIR), not one file:
// - records-*.ndjson: the parsed file records, written in parts as a cold start goes, so a start
//   stopped halfway resumes from them, each article's with its index analysis (analysed.ts), so the
//   resumed start need not analyse it again; a snapshot save reuses every part whose records are all
//   still current (a reload rewrites only the parts that changed);
// - index-*.ndjson: the built indexes of one snapshot, rolled over to a new part past PART_TARGET_BYTES;
// - manifest.json: written last (to a temporary name, then renamed), naming the parts of a whole
//   snapshot with each part's digest. No manifest, or one that does not match: no warm start, but
//   the record parts that check out still spare their files' parsing.
// Each part starts with a header (format, code version, folder) and ends with the sha256 of every
// byte before it. The folder and every file must be the bot's own and writable by no one else (as
// SSH treats its keys): anything else is not read, and the start builds from the files and says why.

/** Bump when the cache's layout changes (code changes are caught by codeVersion). */
export const CACHE_FORMAT = 7;
const DIGEST_LINE = '{"digest":';
const DIGEST_ALGORITHM = 'sha256';
export const MANIFEST_NAME = 'manifest.json';
const RECORDS_PREFIX = 'records-';
const INDEX_PREFIX = 'index-';
const PART_SUFFIX = '.ndjson';
/**
 * A part is closed once it passes this size: far below the 2 GiB Node reads in one piece and the
 * ~512 MiB of V8's longest string, whatever the archive's size (about 10 parts at 212,800 articles).
 */
export const PART_TARGET_BYTES = 64 * 1024 * 1024;
/**
 * A part larger than this was not written by newsbot (parts close at PART_TARGET_BYTES plus one
 * line, and one line is at most a record of a MAX_ARTICLE_BYTES file, a few MB, or 2,000 index
 * entries): it is refused unread, so a planted file with a huge last line costs nothing.
 */
export const MAX_PART_BYTES = 4 * PART_TARGET_BYTES;
/** The manifest lists part names and digests: a few KB even at a million articles. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Index entries per line: lines stay far below V8's string limit however large the library grows. */
const ENTRIES_PER_LINE = 2000;
/** Records per part written while a start parses: a part every few seconds of parsing on this machine. */
export const JOURNAL_PART_RECORDS = 1000;
/** Group and others may not write the folder or its files (mode bits 0o020 and 0o002). */
const GROUP_OTHER_WRITE = 0o022;

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

type IndexEntry = SavedEntry;

/**
 * A MiniSearch index as read back: its entries are parsed one line at a time while MiniSearch
 * loads them (it only iterates them), so the whole index never exists twice, as JSON objects and as
 * maps, at once. Iterable once; a corrupt or missing line throws while iterating.
 */
export type SavedIndex = Omit<AsPlainObject, 'index'> & { index: Iterable<IndexEntry> };

/** The built indexes of a snapshot, to save. */
export interface SavedIndexes {
  index: SavedCompactIndex;
  df: [string, number][];
  quoteIndex: SavedCompactIndex;
}

/** A snapshot as read back from the cache. */
export interface LoadedSnapshot {
  records: FileRecord[];
  index: SavedIndex;
  df: [string, number][];
  quoteIndex: SavedIndex;
}

/** Who the cache's folder and files must belong to; undefined where the platform has no uids. */
export interface TrustOptions {
  /** The owner every file must have: the process's uid by default. */
  uid?: number | undefined;
  /** Parts larger than this are refused unread (MAX_PART_BYTES by default). */
  maxPartBytes?: number;
  /**
   * Leave the articles' text of the snapshot's own record parts (those its manifest lists) in the
   * parts, kept open on this shelf (text-on-disk.ts). Without a manifest (a start stopped halfway)
   * every part is read as usual: the start builds from them.
   */
  shelf?: TextShelf;
}

/** What a record part holds, so a later save can tell whether it is still current. */
export interface PartInfo {
  name: string;
  /** file, hash, size, mtimeMs of each record. */
  records: [string, string | null, number, number][];
}

/** The index analyses the record parts hold, by article (library.ts: analyseArticle). */
export type KnownAnalyses = Map<Article, AnalysedText>;

export type CacheRead =
  | { ok: true; parts: LoadedSnapshot; recordParts: PartInfo[]; analysed: KnownAnalyses }
  | {
      ok: false;
      reason: string;
      damaged: boolean;
      /** False when the folder is not the bot's own: nothing is read from it or written to it. */
      trusted: boolean;
      /** Records from parts that checked out (a start stopped halfway, an older snapshot): not parsed again. */
      records: FileRecord[];
      recordParts: PartInfo[];
      analysed: KnownAnalyses;
    };

const NO_CACHE = 'no cache yet';
const OTHER_VERSION = 'the cache is from another version of newsbot';
const OTHER_FOLDER = 'the cache is for another folder or MAX_ARTICLE_BYTES';
/** Reasons that are no sign of damage: the cache is simply not for this run. */
const isBenign = (reason: string) =>
  reason === NO_CACHE || reason === OTHER_VERSION || reason === OTHER_FOLDER;

function uidOf(options: TrustOptions): number | undefined {
  return 'uid' in options ? options.uid : process.getuid?.();
}

/**
 * Why the folder cannot be trusted, or null when it can: it must be a folder owned by `uid` that
 * neither group nor others may write (a folder someone else can write lets them plant parts).
 * A missing folder is created, private to the bot.
 */
export async function untrustedFolderReason(dir: string, options: TrustOptions = {}): Promise<string | null> {
  const uid = uidOf(options);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const info = await stat(dir);
    if (!info.isDirectory()) return 'INDEX_CACHE_DIR is not a folder';
    if (uid !== undefined && info.uid !== uid)
      return `INDEX_CACHE_DIR belongs to another user (uid ${info.uid}, not ${uid})`;
    if ((info.mode & GROUP_OTHER_WRITE) !== 0)
      return `INDEX_CACHE_DIR may be written by others (mode ${(info.mode & 0o777).toString(8)}; chmod go-w it)`;
    return null;
  } catch (error) {
    return `cannot use INDEX_CACHE_DIR: ${(error as Error).message}`;
  }
}

/**
 * A file's bytes when it is a regular file of the bot's own that no one else may write, no larger
 * than `maxBytes`: never through a link (lstat, then O_NOFOLLOW), never waited on (a FIFO is
 * refused by lstat, and one swapped in after it by the fstat of a handle opened with O_NONBLOCK),
 * and never more than its fstat size. A reason otherwise.
 */
async function readTrusted(
  file: string,
  maxBytes: number,
  options: TrustOptions,
  keep?: (handle: FileHandle) => void,
): Promise<Buffer | string> {
  const uid = uidOf(options);
  const name = path.basename(file);
  const check = (info: { isFile(): boolean; uid: number; mode: number; size: number }) => {
    if (!info.isFile()) return `${name} is not a regular file; not read`;
    if (uid !== undefined && info.uid !== uid) return `${name} belongs to another user; not read`;
    if ((info.mode & GROUP_OTHER_WRITE) !== 0) return `${name} may be written by others; not read`;
    if (info.size > maxBytes) return `${name} is larger than newsbot writes (${info.size} bytes); not read`;
    return null;
  };
  try {
    const entry = await lstat(file);
    const early = check(entry);
    if (early) return early;
    const handle = await open(file, SAFE_OPEN_FLAGS);
    let kept = false;
    try {
      const info = await handle.stat();
      const late = check(info);
      if (late) return late;
      if (info.ino !== entry.ino || info.dev !== entry.dev) return `${name} was replaced while being read`;
      const bytes = Buffer.alloc(info.size);
      let filled = 0;
      while (filled < info.size) {
        const { bytesRead } = await handle.read(bytes, filled, info.size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled !== info.size) return `${name} changed while being read`;
      keep?.(handle);
      kept = keep !== undefined;
      return bytes;
    } finally {
      if (!kept) await handle.close();
    }
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    if (failure.code === 'ENOENT') return NO_CACHE;
    if (failure.code === 'ELOOP') return `${name} is not a regular file; not read`;
    return `cannot read ${name}: ${failure.message}`;
  }
}

/**
 * A part's contents without its digest line, with the sha256 of the whole part (what the manifest
 * names), when the digest line matches the contents; null otherwise. One pass of hashing gives
 * both: the contents' digest from a copy of the hash, then the digest line added for the whole.
 */
function verifiedContents(bytes: Buffer): { contents: Buffer; whole: string } | null {
  // the digest line is the last line: find the line end before it (the file ends with a newline)
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 10 ? bytes.length - 1 : bytes.length;
  const start = bytes.lastIndexOf(10, end - 1) + 1;
  // a digest line is 76 bytes: a longer last line is not one, and is not turned into a string
  if (end - start > 200) return null;
  const last = bytes.toString('utf8', start, end);
  if (!last.startsWith(DIGEST_LINE)) return null;
  let stored: unknown;
  try {
    stored = (JSON.parse(last) as { digest?: unknown }).digest;
  } catch {
    return null;
  }
  const contents = bytes.subarray(0, start);
  const hash = createHash(DIGEST_ALGORITHM).update(contents);
  const actual = hash.copy().digest('hex');
  if (stored !== actual) return null;
  return { contents, whole: hash.update(bytes.subarray(start)).digest('hex') };
}

/** Where each line of a part starts and how many bytes it has, blank lines left out. */
function* lineSpans(bytes: Buffer): Generator<{ start: number; length: number }> {
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(10, start);
    const stop = newline < 0 ? bytes.length : newline;
    if (stop > start) yield { start, length: stop - start };
    start = stop + 1;
  }
}

/** The lines of a verified part with their spans (a part is at most MAX_PART_BYTES, so each line fits in a string). */
function* placedLinesOf(bytes: Buffer): Generator<{ line: string; start: number; length: number }> {
  for (const { start, length } of lineSpans(bytes))
    yield { line: bytes.toString('utf8', start, start + length), start, length };
}

/** The lines of a verified part, as strings. */
function* linesOf(bytes: Buffer): Generator<string> {
  for (const { line } of placedLinesOf(bytes)) yield line;
}

/** Where a record's line stands in a part kept open on a shelf (text-on-disk.ts). */
export interface RecordPlace {
  fd: number;
  start: number;
  length: number;
}

/**
 * Where each record of `parts` (a snapshot just saved: PartInfo lists a part's records in the
 * order of its lines) has its line, each part kept open on `shelf`, by file. Only the lines' ends
 * are looked for, and each line's start is checked to name its record's file (records are written
 * with `file` first): null when a part cannot be read or does not hold what `parts` says, and the
 * text then stays in memory. What is read back is checked again (TextShelf.read).
 */
export async function recordPlaces(
  dir: string,
  parts: readonly PartInfo[],
  shelf: TextShelf,
  options: TrustOptions = {},
): Promise<Map<string, RecordPlace> | null> {
  const places = new Map<string, RecordPlace>();
  for (const part of parts) {
    let fd = -1;
    const bytes = await readTrusted(path.join(dir, part.name), MAX_PART_BYTES, options, (handle) => {
      fd = shelf.keep(handle);
    });
    if (typeof bytes === 'string') return null;
    const spans = lineSpans(bytes);
    spans.next(); // the header
    for (const [file] of part.records) {
      const span = spans.next();
      if (span.done) return null;
      const { start, length } = span.value;
      const expected = Buffer.from(`{"r":{"file":${JSON.stringify(file)},`);
      if (length < expected.length || !bytes.subarray(start, start + expected.length).equals(expected))
        return null;
      places.set(file, { fd, start, length });
    }
  }
  return places;
}

interface PartHeader {
  format: number;
  code: string;
  key: CacheKey;
  kind: 'records' | 'index';
}

/** Why a part's header does not fit this code and folder, or null when it does. */
function headerMismatch(line: string | undefined, key: CacheKey, kind: PartHeader['kind']): string | null {
  let header: PartHeader | undefined;
  try {
    header = (JSON.parse(line ?? '') as { part?: PartHeader }).part;
  } catch {
    return 'the cache is corrupt (a part has no header)';
  }
  if (!header || typeof header !== 'object' || header.kind !== kind)
    return 'the cache is corrupt (a part has no header)';
  if (header.format !== CACHE_FORMAT || header.code !== codeVersion()) return OTHER_VERSION;
  if (header.key?.seedsDir !== key.seedsDir || header.key?.maxBytes !== key.maxBytes) return OTHER_FOLDER;
  return null;
}

/** A record part read back: its records (each validated), or why it was not used. */
async function readRecordPart(
  dir: string,
  name: string,
  key: CacheKey,
  options: TrustOptions,
): Promise<
  | { records: FileRecord[]; analysed: (AnalysedText | null)[]; digest: string }
  | { reason: string; damaged: boolean }
> {
  const shelf = options.shelf;
  let fd = -1;
  const keep =
    shelf &&
    ((handle: FileHandle) => {
      fd = shelf.keep(handle);
    });
  const bytes = await readTrusted(
    path.join(dir, name),
    options.maxPartBytes ?? MAX_PART_BYTES,
    options,
    keep,
  );
  if (typeof bytes === 'string') return { reason: bytes, damaged: bytes !== NO_CACHE };
  const verified = verifiedContents(bytes);
  if (!verified)
    return { reason: "the cache's contents do not match its digest (damaged or edited)", damaged: true };
  const lines = placedLinesOf(verified.contents);
  const mismatch = headerMismatch(lines.next().value?.line, key, 'records');
  if (mismatch) return { reason: mismatch, damaged: !isBenign(mismatch) };
  const records: FileRecord[] = [];
  const analysed: (AnalysedText | null)[] = [];
  try {
    for (const { line, start, length } of lines) {
      const { r: record, a } = JSON.parse(line) as { r?: unknown; a?: unknown };
      const invalid = invalidRecordReason(record);
      if (invalid) return { reason: `the cache has a broken record (${invalid})`, damaged: true };
      if (a !== undefined && typeof a !== 'string')
        return { reason: 'the cache has a broken record (an index analysis)', damaged: true };
      const checked = record as FileRecord;
      // the text goes before anything keeps it, so it never reaches the old generation's heap
      if (shelf && checked.article) checked.article = shelf.setAside(checked.article, fd, start, length);
      records.push(checked);
      // its form is checked where it is used (analysed.ts: countedFields), once
      analysed.push(shelf && !shelf.keepsAnalyses ? null : (a ?? null));
    }
  } catch (error) {
    return { reason: `the cache is corrupt (${(error as Error).message})`, damaged: true };
  }
  return { records, analysed, digest: verified.whole };
}

interface Manifest {
  format: number;
  code: string;
  key: CacheKey;
  /** Part name -> sha256 of the whole part file. */
  records: Record<string, string>;
  index: Record<string, string>;
  counts: { records: number; entries: number; quoteEntries: number; df: number };
}

function isDigestMap(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([name, digest]) => /^[a-z0-9.-]+\.ndjson$/.test(name) && typeof digest === 'string',
  );
}

/** The manifest, when it is well formed and for this code and folder; a reason otherwise. */
async function readManifest(dir: string, key: CacheKey, options: TrustOptions): Promise<Manifest | string> {
  const bytes = await readTrusted(path.join(dir, MANIFEST_NAME), MAX_MANIFEST_BYTES, options);
  if (typeof bytes === 'string') return bytes;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch {
    return 'the cache is corrupt (its manifest is not JSON)';
  }
  if (!manifest || typeof manifest !== 'object') return 'the cache is corrupt (its manifest is not JSON)';
  if (manifest.format !== CACHE_FORMAT || manifest.code !== codeVersion()) return OTHER_VERSION;
  if (manifest.key?.seedsDir !== key.seedsDir || manifest.key?.maxBytes !== key.maxBytes) return OTHER_FOLDER;
  const counts = manifest.counts as Partial<Manifest['counts']> | undefined;
  if (
    !isDigestMap(manifest.records) ||
    !isDigestMap(manifest.index) ||
    !counts ||
    ![counts.records, counts.entries, counts.quoteEntries, counts.df].every(
      (n) => Number.isSafeInteger(n) && (n as number) >= 0,
    )
  )
    return 'the cache is corrupt (its manifest is incomplete)';
  return manifest;
}

const INDEX_LINE = '{"indexEntries":';
const QUOTE_LINE = '{"quoteEntries":';

/**
 * An index entry as the cache saves it (postings.ts, savedIndexOf): [term, {fieldId: [shortId,
 * frequency, ...]}]. Its postings (every shortId a whole number below the index's nextId, in
 * ascending order, every frequency a whole number) are checked as they are loaded
 * (Postings.fromSaved): one pass over them, not two.
 */
function isIndexEntry(entry: unknown): boolean {
  if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') return false;
  const fields = entry[1] as unknown;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return false;
  for (const postings of Object.values(fields)) if (!Array.isArray(postings)) return false;
  return true;
}

/** The entries of raw JSON lines, parsed and checked as they are reached; exactly `expected` of them or it throws. */
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
    for (const entry of entries)
      if (!isIndexEntry(entry)) throw new Error('the cache has a broken index entry');
    count += entries.length;
    yield* entries as IndexEntry[];
  }
  if (count !== expected) throw new Error('the cache has an incomplete index');
}

type IndexMeta = Omit<AsPlainObject, 'index'>;

/** Index metadata as MiniSearch saves it, with every document id a position among `articles`. */
function isIndexMeta(meta: unknown, articles: number): meta is IndexMeta {
  if (!meta || typeof meta !== 'object') return false;
  const m = meta as Partial<IndexMeta>;
  if (!Number.isSafeInteger(m.nextId) || !Number.isSafeInteger(m.documentCount)) return false;
  if (!m.documentIds || typeof m.documentIds !== 'object') return false;
  for (const id of Object.values(m.documentIds))
    if (!Number.isSafeInteger(id) || (id as number) < 0 || (id as number) >= articles) return false;
  return true;
}

/**
 * Before the cache is read: at most how many files its record parts may spare a start from
 * parsing, when it holds no whole snapshot for this code and folder (a first start, a start
 * stopped halfway, another version's cache), told from the parts' names alone: a start's journal
 * writes JOURNAL_PART_RECORDS records a part. Null when a manifest for this code and folder is
 * there: the start may be warm and parse nothing. A start uses it only to decide whether to start
 * its parse workers early (live.ts); never for a record. Parts of a snapshot's save whose manifest
 * is gone hold more records a part: then it is too low, and the workers start for fewer files
 * than estimated.
 */
export async function journalRecordsBound(
  dir: string,
  key: CacheKey,
  options: TrustOptions = {},
): Promise<number | null> {
  if (typeof (await readManifest(dir, key, options)) !== 'string') return null;
  const names = await readdir(dir).catch(() => [] as string[]);
  return (
    names.filter((n) => n.startsWith(RECORDS_PREFIX) && n.endsWith(PART_SUFFIX)).length * JOURNAL_PART_RECORDS
  );
}

/**
 * Reads the cache. The whole snapshot (every record and the indexes) when the manifest and every
 * part check out; else a reason, with the records of the record parts that did check out (a start
 * stopped halfway, or a snapshot whose files changed since), which spare their files' parsing.
 * Nothing here ever throws or fails the start: a bad cache costs time, never a wrong answer.
 */
export async function loadSnapshotCache(
  dir: string,
  key: CacheKey,
  options: TrustOptions = {},
): Promise<CacheRead> {
  const untrusted = await untrustedFolderReason(dir, options);
  if (untrusted)
    return {
      ok: false,
      reason: untrusted,
      damaged: true,
      trusted: false,
      records: [],
      recordParts: [],
      analysed: new Map(),
    };
  const manifest = await readManifest(dir, key, options);
  const names = await readdir(dir).catch(() => [] as string[]);
  const onDisk = names.filter((n) => n.startsWith(RECORDS_PREFIX) && n.endsWith(PART_SUFFIX)).sort();
  const listed = typeof manifest === 'string' ? new Set<string>() : new Set(Object.keys(manifest.records));
  // the snapshot's own parts first, then any others (a start stopped halfway)
  const recordNames = [...onDisk.filter((n) => listed.has(n)), ...onDisk.filter((n) => !listed.has(n))];
  const records: FileRecord[] = [];
  const own: FileRecord[] = [];
  const recordParts: PartInfo[] = [];
  const analysed: KnownAnalyses = new Map();
  const seen = new Set<string>();
  let partProblem: { reason: string; damaged: boolean } | null = null;
  let manifestPartsOk = typeof manifest !== 'string' && [...listed].every((n) => onDisk.includes(n));
  const { shelf, ...plain } = options;
  for (const name of recordNames) {
    // the text is left on disk for a whole snapshot only: what else is read is built from
    const part = await readRecordPart(dir, name, key, shelf && listed.has(name) ? options : plain);
    const isListed = listed.has(name);
    if ('reason' in part) {
      if (isListed) manifestPartsOk = false;
      if (!partProblem || (part.damaged && !partProblem.damaged)) partProblem = part;
      continue;
    }
    if (isListed && typeof manifest !== 'string' && manifest.records[name] !== part.digest)
      manifestPartsOk = false;
    const info: PartInfo = { name, records: [] };
    for (const [i, record] of part.records.entries()) {
      // the same file in two parts (a resumed start): the same content parses the same, keep one
      if (seen.has(record.file)) continue;
      seen.add(record.file);
      records.push(record);
      const analysis = part.analysed[i];
      if (record.article && analysis) analysed.set(record.article, analysis);
      if (isListed) own.push(record);
      info.records.push([record.file, record.hash, record.size, record.mtimeMs]);
    }
    if (info.records.length === part.records.length) recordParts.push(info);
  }
  const fallback = (reason: string, damaged: boolean): CacheRead => ({
    ok: false,
    reason,
    damaged,
    trusted: true,
    records,
    recordParts,
    analysed,
  });
  if (typeof manifest === 'string') {
    if (manifest === NO_CACHE && partProblem) return fallback(partProblem.reason, partProblem.damaged);
    return fallback(manifest, !isBenign(manifest));
  }
  if (!manifestPartsOk) return fallback(partProblem?.reason ?? 'the cache is incomplete', true);
  if (own.length !== manifest.counts.records) return fallback('the cache is incomplete', true);

  // the index parts: raw lines kept until the index is restored (see SavedIndex)
  let indexMeta: unknown = null;
  let quoteMeta: unknown = null;
  const indexLines: string[] = [];
  const quoteLines: string[] = [];
  const df: [string, number][] = [];
  try {
    for (const [name, digest] of Object.entries(manifest.index)) {
      const bytes = await readTrusted(path.join(dir, name), options.maxPartBytes ?? MAX_PART_BYTES, options);
      if (typeof bytes === 'string')
        return fallback(bytes === NO_CACHE ? 'the cache is incomplete' : bytes, true);
      const verified = verifiedContents(bytes);
      if (!verified || verified.whole !== digest)
        return fallback("the cache's contents do not match its digest (damaged or edited)", true);
      const lines = linesOf(verified.contents);
      const mismatch = headerMismatch(lines.next().value, key, 'index');
      if (mismatch) return fallback(mismatch, !isBenign(mismatch));
      for (const text of lines) {
        if (text.startsWith(INDEX_LINE)) indexLines.push(text);
        else if (text.startsWith(QUOTE_LINE)) quoteLines.push(text);
        else {
          const line = JSON.parse(text) as Record<string, unknown>;
          if ('indexMeta' in line) indexMeta = line.indexMeta;
          else if ('quoteMeta' in line) quoteMeta = line.quoteMeta;
          else if (Array.isArray(line.df)) {
            for (const e of line.df as unknown[]) {
              if (!Array.isArray(e) || typeof e[0] !== 'string' || !Number.isSafeInteger(e[1]))
                return fallback('the cache has a broken record (a term count)', true);
              df.push(e as [string, number]);
            }
          } else return fallback('the cache is corrupt (an unknown line)', true);
        }
      }
    }
  } catch (error) {
    return fallback(`the cache is corrupt (${error instanceof Error ? error.message : String(error)})`, true);
  }
  const articles = own.filter((r) => r.article).length;
  if (!isIndexMeta(indexMeta, articles) || !isIndexMeta(quoteMeta, Number.MAX_SAFE_INTEGER))
    return fallback('the cache is incomplete', true);
  if (df.length !== manifest.counts.df) return fallback('the cache is incomplete', true);
  return {
    ok: true,
    recordParts: recordParts.filter((p) => p.name in manifest.records),
    analysed,
    parts: {
      records: own,
      index: {
        ...indexMeta,
        index: entriesOf(indexLines, 'indexEntries', manifest.counts.entries),
      },
      df,
      quoteIndex: {
        ...quoteMeta,
        index: entriesOf(quoteLines, 'quoteEntries', manifest.counts.quoteEntries),
      },
    },
  };
}

/** A unique part name: time, process and a counter, so parts of two runs never collide. */
let partCounter = 0;
function partName(prefix: string): string {
  partCounter++;
  return `${prefix}${Date.now().toString(36)}-${process.pid}-${partCounter}${PART_SUFFIX}`;
}

/**
 * Writes lines to a new part under a temporary name, with the header first and the digest last,
 * then renames it into place: a part that exists is always whole. Returns the whole file's digest.
 */
async function writePart(
  dir: string,
  name: string,
  header: PartHeader,
  lines: Iterable<string>,
): Promise<string> {
  const target = path.join(dir, name);
  const temp = `${target}.tmp`;
  await rm(temp, { force: true });
  // 'wx' creates it afresh, so nothing already at that name (a FIFO, a link) is ever written through
  const out = createWriteStream(temp, { encoding: 'utf8', flags: 'wx', mode: 0o600 });
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  // the contents are hashed once: the whole file's digest is a copy of that hash with the digest
  // line added (as verifiedContents reads it back)
  const digest = createHash(DIGEST_ALGORITHM);
  const writeText = async (text: string, hashed: boolean) => {
    if (failure) throw failure;
    if (hashed) digest.update(text);
    // once() rejects when the stream errors while we wait for it to drain
    if (!out.write(text)) await once(out, 'drain');
  };
  try {
    await writeText(`${JSON.stringify({ part: header })}\n`, true);
    for (const line of lines) await writeText(`${line}\n`, true);
    const whole = digest.copy();
    const last = `${DIGEST_LINE}${JSON.stringify(digest.digest('hex'))}}\n`;
    whole.update(last);
    await writeText(last, false);
    out.end();
    await once(out, 'finish');
    if (failure) throw failure;
    await rename(temp, target);
    return whole.digest('hex');
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}

/** Splits lines into groups of about PART_TARGET_BYTES (by string length, close enough for a limit). */
function* groups(lines: Iterable<string>, target: number): Generator<string[]> {
  let group: string[] = [];
  let size = 0;
  for (const line of lines) {
    group.push(line);
    size += line.length + 1;
    if (size >= target) {
      yield group;
      group = [];
      size = 0;
    }
  }
  if (group.length) yield group;
}

/** A record part's line: the record, and its article's index analysis when there is one. */
const recordLine = (record: FileRecord, analysed: AnalysedText | null = null) =>
  JSON.stringify(analysed === null ? { r: record } : { r: record, a: analysed });

function infoOf(name: string, records: readonly FileRecord[]): PartInfo {
  return { name, records: records.map((r) => [r.file, r.hash, r.size, r.mtimeMs]) };
}

/**
 * Writes file records into new record parts as a start parses them (see JOURNAL_PART_RECORDS), so
 * a start that is stopped halfway keeps what it parsed. Parts are written one after another in the
 * background; a failure to write stops the journal (the start goes on) and is kept in `failure`.
 */
export class RecordJournal {
  private pending: FileRecord[] = [];
  private pendingAnalysed: (AnalysedText | null)[] = [];
  private writing: Promise<void> = Promise.resolve();
  readonly parts: PartInfo[] = [];
  failure: string | null = null;

  constructor(
    private readonly dir: string,
    private readonly key: CacheKey,
  ) {}

  /** Adds a parsed record, with its article's index analysis (null: none). */
  add(record: FileRecord, analysed: AnalysedText | null = null): void {
    if (this.failure) return;
    this.pending.push(record);
    this.pendingAnalysed.push(analysed);
    if (this.pending.length >= JOURNAL_PART_RECORDS) this.flush();
  }

  private flush(): void {
    const batch = this.pending;
    const analyses = this.pendingAnalysed;
    this.pending = [];
    this.pendingAnalysed = [];
    if (!batch.length) return;
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      const name = partName(RECORDS_PREFIX);
      try {
        const lines = batch.map((record, i) => recordLine(record, analyses[i]));
        await writePart(this.dir, name, header(this.key, 'records'), lines);
        this.parts.push(infoOf(name, batch));
      } catch (error) {
        this.failure = `cannot write the cache: ${(error as Error).message}`;
      }
    });
  }

  /** Writes what is left and waits for every part. */
  async finish(): Promise<void> {
    this.flush();
    await this.writing;
  }
}

function header(key: CacheKey, kind: PartHeader['kind']): PartHeader {
  return { format: CACHE_FORMAT, code: codeVersion(), key, kind };
}

/** Whether a part's records are exactly current records (same file, content and, for unread files, size and time). */
function partIsCurrent(part: PartInfo, current: ReadonlyMap<string, FileRecord>): boolean {
  return part.records.every(([file, hash, size, mtimeMs]) => {
    const record = current.get(file);
    if (!record || record.hash !== hash) return false;
    return hash !== null || (record.size === size && record.mtimeMs === mtimeMs);
  });
}

/**
 * Saves a snapshot: reuses every known record part whose records are all current (the parts a
 * start parsed into, or those of the last save), writes the other records into new parts, writes
 * the indexes in parts, then the manifest (to a temporary name, renamed over the old one), and
 * last removes the parts no manifest names. Returns the record parts of the saved snapshot.
 */
export async function saveSnapshotCache(
  dir: string,
  key: CacheKey,
  records: ReadonlyMap<string, FileRecord>,
  known: readonly PartInfo[],
  indexes: () => SavedIndexes,
): Promise<PartInfo[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const covered = new Set<string>();
  const kept: PartInfo[] = [];
  for (const part of known) {
    if (!part.records.length || !partIsCurrent(part, records)) continue;
    if (part.records.some(([file]) => covered.has(file))) continue;
    for (const [file] of part.records) covered.add(file);
    kept.push(part);
  }
  const manifestRecords: Record<string, string> = {};
  const digests = new Map<string, string>();
  for (const part of [...kept]) {
    // the digest of a kept part, as it is on disk now; one that is gone or changed is written anew
    const bytes = await readTrusted(path.join(dir, part.name), MAX_PART_BYTES, {});
    const verified = typeof bytes === 'string' ? null : verifiedContents(bytes);
    if (verified) digests.set(part.name, verified.whole);
    else {
      kept.splice(kept.indexOf(part), 1);
      for (const [file] of part.records) covered.delete(file);
    }
  }
  const rest = [...records.values()].filter((r) => !covered.has(r.file));
  const written: PartInfo[] = [];
  for (let i = 0; i < rest.length; ) {
    // a part of records up to PART_TARGET_BYTES
    const batch: FileRecord[] = [];
    const lines: string[] = [];
    let size = 0;
    while (i < rest.length && size < PART_TARGET_BYTES) {
      const line = recordLine(rest[i]!);
      batch.push(rest[i++]!);
      lines.push(line);
      size += line.length + 1;
    }
    const name = partName(RECORDS_PREFIX);
    digests.set(name, await writePart(dir, name, header(key, 'records'), lines));
    written.push(infoOf(name, batch));
  }
  const parts = [...kept, ...written];
  for (const part of parts) manifestRecords[part.name] = digests.get(part.name)!;

  const { index, df, quoteIndex } = indexes();
  const { index: entries, ...indexMeta } = index;
  const { index: quoteEntries, ...quoteMeta } = quoteIndex;
  function* indexLines(): Generator<string> {
    yield JSON.stringify({ indexMeta });
    for (let i = 0; i < entries.length; i += ENTRIES_PER_LINE)
      yield JSON.stringify({ indexEntries: entries.slice(i, i + ENTRIES_PER_LINE) });
    for (let i = 0; i < df.length; i += ENTRIES_PER_LINE * 10)
      yield JSON.stringify({ df: df.slice(i, i + ENTRIES_PER_LINE * 10) });
    yield JSON.stringify({ quoteMeta });
    for (let i = 0; i < quoteEntries.length; i += ENTRIES_PER_LINE)
      yield JSON.stringify({ quoteEntries: quoteEntries.slice(i, i + ENTRIES_PER_LINE) });
  }
  const manifestIndex: Record<string, string> = {};
  for (const group of groups(indexLines(), PART_TARGET_BYTES)) {
    const name = partName(INDEX_PREFIX);
    manifestIndex[name] = await writePart(dir, name, header(key, 'index'), group);
  }
  const manifest: Manifest = {
    format: CACHE_FORMAT,
    code: codeVersion(),
    key,
    records: manifestRecords,
    index: manifestIndex,
    counts: {
      records: records.size,
      entries: entries.length,
      quoteEntries: quoteEntries.length,
      df: df.length,
    },
  };
  const target = path.join(dir, MANIFEST_NAME);
  const temp = `${target}.${process.pid}.tmp`;
  await rm(temp, { force: true });
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(manifest));
  } finally {
    await handle.close();
  }
  await rename(temp, target);
  // parts no manifest names: older snapshots, a stopped start's journal, leftovers of a crash
  const keep = new Set([...Object.keys(manifestRecords), ...Object.keys(manifestIndex), MANIFEST_NAME]);
  for (const name of await readdir(dir)) {
    const ours =
      (name.startsWith(RECORDS_PREFIX) || name.startsWith(INDEX_PREFIX)) &&
      (name.endsWith(PART_SUFFIX) || name.endsWith(`${PART_SUFFIX}.tmp`));
    if (ours && !keep.has(name)) await rm(path.join(dir, name), { force: true });
  }
  return parts;
}
