import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFolder, SeedsFolderError } from '../../src/articles/load.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../fixtures/articles.js';
import { seedsFolder } from '../helpers.js';

const opts = { maxBytes: 1024 * 1024 };

describe('loadFolder', () => {
  it('reads .txt and .md recursively, sorted by id, and leaves other and hidden files alone', async () => {
    const dir = seedsFolder({
      'b.txt': SEED_FORMAT,
      'world/europe/a.md': FRONT_MATTER,
      'c.TXT': PLAIN_TEXT,
      'notes.json': '{}',
      '.hidden.txt': PLAIN_TEXT,
      '.git/x.txt': PLAIN_TEXT,
    });
    const r = await loadFolder(dir, opts);
    expect(r.articles.map((a) => a.id)).toEqual(['b', 'c', 'world/europe/a']);
    expect(r.articles[2]?.section).toBe('world');
    expect(r.fileCount).toBe(3);
    expect(r.problems).toEqual([]);
  });

  it('skips each bad file with its name and reason, and loads the rest', async () => {
    const dir = seedsFolder({
      'good.txt': SEED_FORMAT,
      'empty.txt': '',
      'binary.txt': new Uint8Array([1, 0, 2]),
      'big.txt': `Big\n\n${'word '.repeat(400)}`,
      'copy.txt': SEED_FORMAT,
    });
    const r = await loadFolder(dir, { maxBytes: 1500 });
    expect(r.articles.map((a) => a.id)).toEqual(['copy']);
    const reasons = Object.fromEntries(r.problems.map((p) => [p.file, p.reason]));
    expect(reasons['empty.txt']).toBe('empty file');
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['big.txt']).toMatch(/too large/);
    expect(reasons['good.txt']).toBe('duplicate of copy.txt; loaded once');
  });

  it('reports an unreadable file and goes on', async () => {
    // a link to nothing: unreadable for every user, root included (a chmod would not stop root)
    const dir = seedsFolder({ 'open.txt': SEED_FORMAT });
    symlinkSync(path.join(dir, 'missing-target.txt'), path.join(dir, 'broken.txt'));
    const r = await loadFolder(dir, opts);
    expect(r.articles).toHaveLength(1);
    expect(r.problems).toEqual([
      { file: 'broken.txt', reason: 'cannot read: no such file or folder', severity: 'skipped' },
    ]);
  });

  it('throws a clear error for a folder that does not exist or is a file', async () => {
    await expect(loadFolder('/nonexistent/newsbot-seeds', opts)).rejects.toThrow(SeedsFolderError);
    await expect(loadFolder('/nonexistent/newsbot-seeds', opts)).rejects.toThrow(/no such file or folder/);
    const dir = seedsFolder({ 'a.txt': PLAIN_TEXT });
    await expect(loadFolder(path.join(dir, 'a.txt'), opts)).rejects.toThrow(/is not a folder/);
  });
});
