import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArticle } from './parse.js';
import type { Article, Problem } from './types.js';

export const ARTICLE_EXTENSIONS = /\.(txt|md)$/i;

export interface LoadOptions {
  maxBytes: number;
}

export interface LoadResult {
  /** Loaded articles, sorted by id. */
  articles: Article[];
  /** Skipped files and warnings, sorted by file. */
  problems: Problem[];
  /** How many article files were found (loaded or not). */
  fileCount: number;
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
        isFile = target?.isFile() ?? false;
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
  const parsed = new Array<{ article: Article | null; problems: Problem[]; hash: string | null }>(
    files.length,
  );
  let next = 0;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      parsed[i] = await readOne(dir, file, options);
    }
  }
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));

  const articles: Article[] = [];
  const problems: Problem[] = [];
  const firstWithHash = new Map<string, string>();
  parsed.forEach((result, i) => {
    problems.push(...result.problems);
    if (!result.article) return;
    const file = files[i]!;
    if (result.hash) {
      const original = firstWithHash.get(result.hash);
      if (original) {
        problems.push({ file, reason: `duplicate of ${original}; loaded once`, severity: 'skipped' });
        return;
      }
      firstWithHash.set(result.hash, file);
    }
    articles.push(result.article);
  });
  articles.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { articles, problems, fileCount: files.length };
}

async function readOne(
  dir: string,
  file: string,
  options: LoadOptions,
): Promise<{ article: Article | null; problems: Problem[]; hash: string | null }> {
  const full = path.join(dir, file);
  try {
    const info = await stat(full);
    if (info.size > options.maxBytes) {
      return {
        article: null,
        hash: null,
        problems: [
          {
            file,
            reason: `too large (${info.size} bytes; MAX_ARTICLE_BYTES is ${options.maxBytes})`,
            severity: 'skipped',
          },
        ],
      };
    }
    const bytes = await readFile(full);
    return { ...parseArticle(file, bytes, options), hash: contentHash(bytes) };
  } catch (error) {
    return {
      article: null,
      hash: null,
      problems: [{ file, reason: `cannot read: ${describeFsError(error)}`, severity: 'skipped' }],
    };
  }
}
