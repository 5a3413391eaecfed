import { execFileSync } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFolder } from '../../../src/articles/load.js';
import {
  listArticleFiles,
  MAX_FOLDER_DEPTH,
  PATH_MAX,
  SeedsFolderError,
} from '../../../src/articles/walk.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

const opts = { maxBytes: 1024 * 1024 };
const SECRET = 'DISCORD_TOKEN=MTIz.secret-value-that-must-never-show';

/** A seeds folder inside a parent that also holds a secret file, as a deployment would have `.env` beside `seeds/`. */
function seedsBesideSecret(files: Record<string, string>) {
  const parent = seedsFolder({ '.env': SECRET, 'secret.txt': `Secret title\n\n${SECRET}\n` });
  const seeds = path.join(parent, 'seeds');
  mkdirSync(seeds);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seeds, rel)), { recursive: true });
    writeFileSync(path.join(seeds, rel), text);
  }
  return { parent, seeds };
}

const reasons = (problems: { file: string; reason: string }[]) =>
  Object.fromEntries(problems.map((p) => [p.file, p.reason]));

describe('the walk of the seeds folder', () => {
  it('refuses links to outside the folder, whatever the mode, and never reads them', async () => {
    const { seeds } = seedsBesideSecret({ 'ferry.txt': SEED_FORMAT });
    symlinkSync('../.env', path.join(seeds, 'notes.txt'));
    symlinkSync('../secret.txt', path.join(seeds, 'story.md'));
    symlinkSync('/etc/passwd', path.join(seeds, 'passwd.txt'));
    symlinkSync('/proc/self/status', path.join(seeds, 'status.txt'));
    symlinkSync('..', path.join(seeds, 'parent'));
    for (const followLinks of ['none', 'inside'] as const) {
      const r = await loadFolder(seeds, { ...opts, followLinks });
      expect(r.articles.map((a) => a.id)).toEqual(['ferry']);
      const why = reasons(r.problems);
      for (const name of ['notes.txt', 'story.md', 'passwd.txt', 'status.txt', 'parent'])
        expect(why[name]).toBe('refused: symbolic link to outside the seeds folder; not read');
      expect(JSON.stringify(r)).not.toContain('secret-value');
      expect(JSON.stringify(r)).not.toContain('root:');
    }
  });

  it('names links inside the folder by default, and follows them with followLinks inside', async () => {
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT, '.drafts/rail.md': FRONT_MATTER });
    symlinkSync('ferry.txt', path.join(seeds, 'alias.txt'));
    symlinkSync('.drafts/rail.md', path.join(seeds, 'rail-link.md'));
    const named = await loadFolder(seeds, opts);
    expect(named.articles.map((a) => a.id)).toEqual(['ferry']);
    expect(reasons(named.problems)).toEqual({
      'alias.txt': expect.stringMatching(/^symbolic link; not followed \(SEEDS_FOLLOW_LINKS=inside/),
      'rail-link.md': expect.stringMatching(/^symbolic link; not followed/),
    });
    const followed = await loadFolder(seeds, { ...opts, followLinks: 'inside' });
    // each article once, under the id of its real path
    expect(followed.articles.map((a) => a.id)).toEqual(['.drafts/rail', 'ferry']);
    expect(reasons(followed.problems)).toEqual({
      'alias.txt': 'symbolic link to ferry.txt, already loaded under that id',
    });
  });

  it('finishes at once on loops, loading each article once under its real id', async () => {
    const { seeds } = seedsBesideSecret({ 'ferry.txt': SEED_FORMAT, 'a/rail.md': FRONT_MATTER });
    symlinkSync('.', path.join(seeds, 'loop'));
    symlinkSync('../seeds', path.join(seeds, 'up'));
    symlinkSync('../', path.join(seeds, 'a/back'));
    symlinkSync('../..', path.join(seeds, 'a/out'));
    for (const followLinks of ['none', 'inside'] as const) {
      // the old walk followed these forever (or 40 levels deep); a hang here fails on the test timeout
      const r = await loadFolder(seeds, { ...opts, followLinks });
      expect(r.articles.map((a) => a.id)).toEqual(['a/rail', 'ferry']);
      const why = reasons(r.problems);
      // a/out leads out of seeds (to its parent); the others lead back to seeds itself
      expect(why['a/out']).toMatch(/^refused: symbolic link to outside/);
      for (const name of ['loop', 'up', 'a/back'])
        expect(why[name]).toMatch(
          followLinks === 'inside'
            ? /^symbolic link to the folder \., already read/
            : /^symbolic link; not followed/,
        );
    }
  });

  it('walks a folder reached twice (by device and inode) only once', async () => {
    // a bind mount needs privileges the tests may not have; here an injected file system lists a
    // folder "b" inside "a" whose lstat is a's own (the same device and inode), as a bind mount would
    const seeds = seedsFolder({ 'a/ferry.txt': SEED_FORMAT });
    const sameAsA = {
      name: 'b',
      isSymbolicLink: () => false,
      isDirectory: () => true,
      isFile: () => false,
    } as unknown as Dirent;
    const listing = await listArticleFiles(seeds, {
      fs: {
        readdir: async (dir) => [
          ...(await readdir(dir, { withFileTypes: true })),
          ...(dir === path.join(seeds, 'a') ? [sameAsA] : []),
        ],
        lstat: (file) => lstat(file === path.join(seeds, 'a/b') ? path.join(seeds, 'a') : file),
        realpath: (file) => realpath(file),
      },
    });
    expect(listing.files).toEqual(['a/ferry.txt']);
    expect(reasons(listing.problems)).toEqual({ 'a/b': 'the same folder as a (a loop); not read again' });
  });

  it('names FIFOs, sockets and devices, never opening them, and names files that are not articles', async () => {
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'scan.PDF': 'x', README: 'x', '.hidden.txt': 'x' });
    execFileSync('mkfifo', [path.join(seeds, 'pipe.txt')]);
    symlinkSync('/dev/null', path.join(seeds, 'null.txt'));
    const server = (await import('node:net')).createServer();
    await new Promise<void>((resolve) => server.listen(path.join(seeds, 'socket.md'), resolve));
    try {
      const r = await loadFolder(seeds, { ...opts, followLinks: 'inside' });
      expect(r.articles.map((a) => a.id)).toEqual(['ferry']);
      expect(reasons(r.problems)).toEqual({
        'null.txt': 'refused: symbolic link to outside the seeds folder; not read',
        'pipe.txt': 'not a regular file: fifo',
        README: 'not an article file (no extension)',
        'scan.PDF': 'not an article file (.PDF)',
        'socket.md': 'not a regular file: socket',
      });
    } finally {
      server.close();
    }
  });

  it('reports a folder nested too deep, and a path over PATH_MAX, and goes on', async () => {
    const deep = Array.from({ length: MAX_FOLDER_DEPTH + 2 }, () => 'd').join('/');
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT, [`${deep}/deep.txt`]: PLAIN_TEXT });
    // names of 250 bytes, nested until the path passes PATH_MAX: made by a child process that
    // changes into each folder, since no single call can name the bottom of it
    const name = 'n'.repeat(250);
    const levels = Math.ceil(PATH_MAX / (name.length + 1)) + 1;
    const script = `const fs = require('node:fs'); process.chdir(process.argv[1]);
      for (let i = 0; i < ${levels}; i++) { fs.mkdirSync('${name}'); process.chdir('${name}'); }
      fs.writeFileSync('a.txt', 'Title\\n\\nBody text.');`;
    try {
      execFileSync(process.execPath, ['-e', script, seeds]);
      const r = await loadFolder(seeds, opts);
      expect(r.articles.map((a) => a.id)).toEqual(['ferry']);
      const tooDeep = `${Array.from({ length: MAX_FOLDER_DEPTH + 1 }, () => 'd').join('/')}`;
      const why = reasons(r.problems);
      expect(why[tooDeep]).toBe(`folder nested deeper than ${MAX_FOLDER_DEPTH} levels; not read`);
      const long = r.problems.find((p) => p.file.startsWith(name));
      expect(long?.reason).toBe(`path longer than PATH_MAX (${PATH_MAX} bytes); not read`);
      expect(Buffer.byteLength(path.join(seeds, long!.file))).toBeGreaterThanOrEqual(PATH_MAX);
    } finally {
      // Node's rm names every path in full, which fails past PATH_MAX; rm -rf walks by handle
      execFileSync('rm', ['-rf', path.join(seeds, name)]);
    }
  });

  it('reports a subfolder that cannot be read and loads the rest; only the top folder fails the walk', async () => {
    // root reads every folder, so the failure is injected here; tests/cli.test.ts runs a real
    // permission denied as another user
    const seeds = seedsFolder({
      'ferry.txt': SEED_FORMAT,
      'locked/rail.md': FRONT_MATTER,
      'open/apples.txt': PLAIN_TEXT,
    });
    const denied = (dir: string) =>
      Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES' });
    const fs = {
      readdir: async (dir: string) => {
        if (dir === path.join(seeds, 'locked')) throw denied(dir);
        return readdir(dir, { withFileTypes: true });
      },
      lstat: (file: string) => lstat(file),
      realpath: (file: string) => realpath(file),
    };
    const listing = await listArticleFiles(seeds, { fs });
    expect(listing.files).toEqual(['ferry.txt', 'open/apples.txt']);
    expect(listing.problems).toEqual([
      { file: 'locked', reason: 'cannot read the folder: permission denied', severity: 'skipped' },
    ]);
    const topDenied = { ...fs, readdir: async (dir: string) => Promise.reject(denied(dir)) };
    await expect(listArticleFiles(seeds, { fs: topDenied })).rejects.toThrow(SeedsFolderError);
    await expect(listArticleFiles(seeds, { fs: topDenied })).rejects.toThrow(/permission denied/);
  });

  it('stops at the next folder once its signal is aborted', async () => {
    const seeds = seedsFolder({ 'a/ferry.txt': SEED_FORMAT });
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    await expect(listArticleFiles(seeds, { signal: controller.signal })).rejects.toThrow('stopped');
  });

  it('lists the same files for the cache worker as for the load', async () => {
    const seeds = seedsFolder({ 'b/ferry.txt': SEED_FORMAT, 'a.md': FRONT_MATTER });
    symlinkSync('b', path.join(seeds, 'c'));
    const listing = await listArticleFiles(seeds, { followLinks: 'inside' });
    expect(listing.files).toEqual(['a.md', 'b/ferry.txt']);
    expect(readdirSync(seeds).sort()).toEqual(['a.md', 'b', 'c']);
  });
});
