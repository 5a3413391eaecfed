// The walk of the articles folder. The folder may be hostile (a synced share, someone else's git
// repository, an upload folder), so the walk is a trust boundary: nothing outside SEEDS_DIR is
// listed, nothing but a regular file is listed, every other entry is named with the reason, no
// folder is walked twice (device and inode), and no single bad entry fails the walk: only a top
// folder that cannot be read does.
import type { Dirent, Stats } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from './types.js';

export const ARTICLE_EXTENSIONS = /\.(txt|md)$/i;

/** How symbolic links inside the folder are treated; a link whose real target is outside is always refused. */
export const FOLLOW_LINKS = ['none', 'inside'] as const;
export type FollowLinks = (typeof FOLLOW_LINKS)[number];

/**
 * Folders nested deeper than this are named and not walked. News archives nest by section, year,
 * month and day (four or five levels); 32 leaves ample room for any real layout and bounds how deep
 * a hostile tree can make the walk (and the ids) go.
 */
export const MAX_FOLDER_DEPTH = 32;

/**
 * Linux's PATH_MAX (bytes, with the final NUL): a longer path cannot be opened by name, so an entry
 * whose full path reaches it is named instead of failing the walk.
 */
export const PATH_MAX = 4096;

/** A folder that cannot be read at all: the caller keeps what it had. */
export class SeedsFolderError extends Error {
  override name = 'SeedsFolderError';
}

/** The file-system calls the walk makes; tests inject failures the root user cannot otherwise meet. */
export interface WalkFs {
  readdir(dir: string): Promise<Dirent[]>;
  lstat(file: string): Promise<Stats>;
  realpath(file: string): Promise<string>;
}

const realFs: WalkFs = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  lstat: (file) => lstat(file),
  realpath: (file) => realpath(file),
};

export interface WalkOptions {
  followLinks?: FollowLinks;
  /** Checked at every folder: an aborted walk throws the signal's reason. */
  signal?: AbortSignal;
  fs?: WalkFs;
}

export interface SeedListing {
  /** The seeds folder's real path: every listed file is under it. */
  root: string;
  /** Article files (regular files named .txt or .md), as sorted real paths relative to `root`, with "/". */
  files: string[];
  /** Every entry that is not an article, and every folder that could not be walked, with the reason. */
  problems: Problem[];
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
    case 'ENAMETOOLONG':
      return 'name or path too long';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** What an entry that is neither a folder nor a regular file is, in words ("fifo", "socket"). */
export function entryKind(
  entry: Pick<Dirent, 'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice'>,
) {
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice()) return 'block device';
  if (entry.isCharacterDevice()) return 'character device';
  return 'unknown type';
}

const folderKey = (info: Stats) => `${info.dev}:${info.ino}`;

/** True when `real` (an absolute real path) is `root` or under it. */
export function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

const toPosix = (rel: string) => rel.split(path.sep).join('/');

/**
 * Lists the article files under `dir`. Links are never walked on the way down: a link whose real
 * target is outside the folder is refused; one inside is named, or with `followLinks: 'inside'`
 * followed once the plain walk is done, so every article keeps the id of its real path and a link
 * to a file or folder already read is named instead of read twice.
 *
 * Hidden entries (a name starting with ".") are left out silently: they are the folder's tooling
 * (.git, an index cache, editors' swap files), never opened or followed, so nothing can come in
 * through them, and naming each would bury the report.
 */
export async function listArticleFiles(dir: string, options: WalkOptions = {}): Promise<SeedListing> {
  const fs = options.fs ?? realFs;
  const follow = options.followLinks === 'inside';
  let root: string;
  let top: Stats;
  try {
    root = await fs.realpath(dir);
    top = await fs.lstat(root);
  } catch (error) {
    throw new SeedsFolderError(`cannot read the seeds folder ${dir}: ${describeFsError(error)}`);
  }
  if (!top.isDirectory()) throw new SeedsFolderError(`the seeds folder ${dir} is not a folder`);

  const files = new Set<string>();
  const problems: Problem[] = [];
  /** Folders walked, by device and inode, with the path they were walked under. */
  const walked = new Map<string, string>([[folderKey(top), '.']]);
  /** Links inside the folder, to follow after the plain walk (with followLinks 'inside'). */
  const links: { rel: string; real: string }[] = [];
  const skip = (file: string, reason: string) => problems.push({ file, reason, severity: 'skipped' });
  const full = (rel: string) => (rel ? path.join(root, rel) : root);

  async function walk(rel: string, depth: number): Promise<void> {
    options.signal?.throwIfAborted();
    let entries: Dirent[];
    try {
      entries = await fs.readdir(full(rel));
    } catch (error) {
      if (!rel) throw new SeedsFolderError(`cannot read the seeds folder ${dir}: ${describeFsError(error)}`);
      skip(rel, `cannot read the folder: ${describeFsError(error)}`);
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (Buffer.byteLength(full(child)) >= PATH_MAX) {
        skip(child, `path longer than PATH_MAX (${PATH_MAX} bytes); not read`);
      } else if (entry.isSymbolicLink()) {
        await visitLink(child);
      } else if (entry.isDirectory()) {
        await enterFolder(child, depth + 1);
      } else if (entry.isFile()) {
        addFile(child);
      } else {
        skip(child, `not a regular file: ${entryKind(entry)}`);
      }
    }
  }

  async function enterFolder(rel: string, depth: number): Promise<void> {
    if (depth > MAX_FOLDER_DEPTH) {
      skip(rel, `folder nested deeper than ${MAX_FOLDER_DEPTH} levels; not read`);
      return;
    }
    let info: Stats;
    try {
      info = await fs.lstat(full(rel));
    } catch (error) {
      skip(rel, `cannot read the folder: ${describeFsError(error)}`);
      return;
    }
    if (!info.isDirectory()) {
      skip(rel, 'changed while being read; not read');
      return;
    }
    const seen = walked.get(folderKey(info));
    if (seen !== undefined) {
      skip(rel, `the same folder as ${seen} (a loop); not read again`);
      return;
    }
    walked.set(folderKey(info), rel);
    await walk(rel, depth);
  }

  function addFile(rel: string): void {
    const ext = path.extname(rel);
    if (ARTICLE_EXTENSIONS.test(rel)) files.add(rel);
    else skip(rel, ext ? `not an article file (${ext})` : 'not an article file (no extension)');
  }

  async function visitLink(rel: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(full(rel));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      skip(
        rel,
        code === 'ENOENT'
          ? 'symbolic link to nothing (its target does not exist)'
          : `symbolic link that cannot be resolved: ${describeFsError(error)}`,
      );
      return;
    }
    if (!isInside(root, real)) {
      skip(rel, 'refused: symbolic link to outside the seeds folder; not read');
      return;
    }
    if (!follow) {
      skip(
        rel,
        'symbolic link; not followed (SEEDS_FOLLOW_LINKS=inside follows links that stay inside the folder)',
      );
      return;
    }
    links.push({ rel, real });
  }

  await walk('', 0);

  // Links inside the folder, once every real folder has been walked: what they point to gets its
  // real path as its id, and what was already read is named rather than read again.
  for (let i = 0; i < links.length; i++) {
    options.signal?.throwIfAborted();
    const { rel, real } = links[i]!;
    const realRel = toPosix(path.relative(root, real));
    let info: Stats;
    try {
      info = await fs.lstat(real);
    } catch (error) {
      skip(rel, `cannot read the link's target: ${describeFsError(error)}`);
      continue;
    }
    if (info.isDirectory()) {
      const seen = walked.get(folderKey(info));
      if (seen !== undefined) {
        skip(rel, `symbolic link to the folder ${seen}, already read; not read again`);
        continue;
      }
      walked.set(folderKey(info), realRel);
      await walk(realRel, realRel.split('/').length);
    } else if (info.isFile()) {
      if (files.has(realRel)) skip(rel, `symbolic link to ${realRel}, already loaded under that id`);
      else addFile(realRel);
    } else {
      skip(rel, `symbolic link to something that is not a regular file: ${entryKind(info)}`);
    }
  }

  const byFile = (a: Problem, b: Problem) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { root, files: [...files].sort(), problems: problems.sort(byFile) };
}
