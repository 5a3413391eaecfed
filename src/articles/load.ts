import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { TimeSlices } from '../time-slices.js';
import { parseArticle } from './parse.js';
import type { Article, Problem } from './types.js';

export const ARTICLE_EXTENSIONS = /\.(txt|md)$/i;

export interface LoadOptions {
  maxBytes: number;
  /** The records of the previous load: a file whose content hash is unchanged is not parsed again. */
  previous?: ReadonlyMap<string, FileRecord>;
  /**
   * Give the event loop back after this many milliseconds of reading and parsing (a reload, while
   * replies are being served); by default the files are read as fast as they come.
   */
  yieldEveryMs?: number;
}

/** What one file gave at the last load, keyed by its content hash so a reload can reuse it. */
export interface FileRecord {
  file: string;
  size: number;
  mtimeMs: number;
  /** sha1 of the bytes; null when the file was not read (too large, unreadable). */
  hash: string | null;
  article: Article | null;
  problems: Problem[];
}

export interface LoadResult {
  /** Loaded articles, sorted by id. */
  articles: Article[];
  /** Skipped files and warnings, sorted by file. */
  problems: Problem[];
  /** How many article files were found (loaded or not). */
  fileCount: number;
  /** Every article file found, by path. */
  records: Map<string, FileRecord>;
  /** How many files were parsed (the rest were unchanged since the previous load). */
  parsed: number;
}

/** A folder that cannot be read at all: the caller keeps what it had. */
export class SeedsFolderError extends Error {
  override name = 'SeedsFolderError';
}

/** Article files under `dir`, recursively, as sorted paths relative to it; hidden files and folders are left out. */
export async function listArticleFiles(dir: string): Promise<string[]> {
  let top: Awaited<ReturnType<typeof stat>>;
  try {
    top = await stat(dir);
  } catch (error) {
    throw new SeedsFolderError(`cannot read the seeds folder ${dir}: ${describeFsError(error)}`);
  }
  if (!top.isDirectory()) throw new SeedsFolderError(`the seeds folder ${dir} is not a folder`);
  const out: string[] = [];
  async function walk(rel: string): Promise<void> {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if (!rel) throw new SeedsFolderError(`cannot read the seeds folder ${dir}: ${describeFsError(error)}`);
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path.join(dir, child)).catch(() => null);
        isDir = target?.isDirectory() ?? false;
        // a broken link named like an article is listed, so the load reports it instead of skipping it silently
        isFile = target ? target.isFile() : true;
      }
      if (isDir) await walk(child);
      else if (isFile && ARTICLE_EXTENSIONS.test(entry.name)) out.push(child);
    }
  }
  await walk('');
  return out.sort();
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EISDIR':
      return 'is a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** How many files are read at once: enough to keep the disk busy, few enough not to exhaust file handles. */
const READ_CONCURRENCY = 32;

/**
 * Reads and parses every article file under `dir`. One bad file never stops the load: it becomes a
 * Problem naming the file and the reason. Byte-identical files are loaded once.
 */
export async function loadFolder(dir: string, options: LoadOptions): Promise<LoadResult> {
  const files = await listArticleFiles(dir);
  const records = new Array<FileRecord>(files.length);
  let next = 0;
  let parsed = 0;
  const slices = new TimeSlices(options.yieldEveryMs);
  async function worker(): Promise<void> {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      const record = await readOne(dir, file, options);
      if (record.fresh) parsed++;
      records[i] = record.record;
      // reads finish in bursts, and the parses behind one burst would otherwise run back to back
      if (slices.due) await slices.next();
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  return { ...(await assemble(records, options)), fileCount: files.length, parsed };
}

/**
 * The articles and problems of a set of file records: byte-identical files are loaded once (the
 * first by path), and named as duplicates. With `yieldEveryMs` it gives the event loop back that
 * often: at 85,000 files one pass takes tens of milliseconds.
 */
export async function assemble(
  records: readonly FileRecord[],
  options: { yieldEveryMs?: number } = {},
): Promise<Pick<LoadResult, 'articles' | 'problems' | 'records'>> {
  const slices = new TimeSlices(options.yieldEveryMs);
  const articles: Article[] = [];
  const problems: Problem[] = [];
  const byFile = new Map<string, FileRecord>();
  const firstWithHash = new Map<string, string>();
  for (let i = 0; i < records.length; i++) {
    if (i % 1000 === 999 && slices.due) await slices.next();
    const record = records[i]!;
    byFile.set(record.file, record);
    if (record.problems.length) problems.push(...record.problems);
    if (!record.article) continue;
    if (record.hash) {
      const original = firstWithHash.get(record.hash);
      if (original) {
        problems.push({
          file: record.file,
          reason: `duplicate of ${original}; loaded once`,
          severity: 'skipped',
        });
        continue;
      }
      firstWithHash.set(record.hash, record.file);
    }
    articles.push(record.article);
  }
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { articles, problems, records: byFile };
}

async function readOne(
  dir: string,
  file: string,
  options: LoadOptions,
): Promise<{ record: FileRecord; fresh: boolean }> {
  const full = path.join(dir, file);
  const failed = (size: number, mtimeMs: number, reason: string) => ({
    fresh: true,
    record: {
      file,
      size,
      mtimeMs,
      hash: null,
      article: null,
      problems: [{ file, reason, severity: 'skipped' as const }],
    },
  });
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(full);
  } catch (error) {
    return failed(0, 0, `cannot read: ${describeFsError(error)}`);
  }
  if (info.size > options.maxBytes) {
    return failed(
      info.size,
      info.mtimeMs,
      `too large (${info.size} bytes; MAX_ARTICLE_BYTES is ${options.maxBytes})`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (error) {
    return failed(info.size, info.mtimeMs, `cannot read: ${describeFsError(error)}`);
  }
  const hash = contentHash(bytes);
  const before = options.previous?.get(file);
  if (before && before.hash === hash) {
    return { fresh: false, record: { ...before, size: info.size, mtimeMs: info.mtimeMs } };
  }
  const result = parseArticle(file, bytes, options);
  return { fresh: true, record: { file, size: info.size, mtimeMs: info.mtimeMs, hash, ...result } };
}
