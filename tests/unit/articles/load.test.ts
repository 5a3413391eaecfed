import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFolder, readRegularFile, SeedsFolderError } from '../../../src/articles/load.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

const opts = { maxBytes: 1024 * 1024 };

describe('loadFolder', () => {
  it('reads .txt and .md recursively, sorted by id, names other files and leaves hidden ones alone', async () => {
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
    expect(r.problems).toEqual([
      { file: 'notes.json', reason: 'not an article file (.json)', severity: 'skipped' },
    ]);
  });

  it("takes the caller's listing when given one (a start's, made to hash the files) instead of walking again", async () => {
    const dir = seedsFolder({ 'b.txt': SEED_FORMAT, 'c.txt': PLAIN_TEXT, 'notes.json': '{}' });
    const whole = await loadFolder(dir, opts);
    // a listing of one file: what a walk a moment before found, whatever the folder holds now
    const problems = [{ file: 'x.json', reason: 'listed', severity: 'skipped' as const }];
    const given = await loadFolder(dir, {
      ...opts,
      listing: { root: realpathSync(dir), files: ['b.txt'], problems },
    });
    expect(given.fileCount).toBe(1);
    expect(given.articles).toEqual(whole.articles.filter((a) => a.id === 'b'));
    expect(given.problems).toEqual(problems);
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
      {
        file: 'broken.txt',
        reason: 'symbolic link to nothing (its target does not exist)',
        severity: 'skipped',
      },
    ]);
  });

  it('reads each listed file once when its concurrent reads wait for the same turn (issue 17: the crash in check)', async () => {
    // More files than the reads that run at once (32), every one known unchanged (a resumed start:
    // its record is used without a read, so every read finishes in the same turn) and a slice due at
    // every step: all the reads wait for one turn, then each took the next file without looking
    // whether one was left. The reads past the end made records of no file (file undefined, the
    // reason "cannot read: The "path" argument must be of type string. Received undefined"), which
    // reached the problems, and check's report line threw a TypeError on them.
    const files = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`a${i}.txt`, `Title ${i}\n\nThe body of article ${i}.\n`]),
    );
    const dir = seedsFolder(files);
    const first = await loadFolder(dir, opts);
    expect(first.problems).toEqual([]);
    const seen: string[] = [];
    const again = await loadFolder(dir, {
      ...opts,
      unchanged: first.records,
      yieldEveryMs: 0,
      watch: { listed: () => {}, record: (record) => seen.push(record.file) },
    });
    expect(again.problems).toEqual([]);
    expect(again.articles).toHaveLength(40);
    expect([...again.records.keys()].sort()).toEqual(Object.keys(files).sort());
    expect(seen.sort()).toEqual(Object.keys(files).sort());
    // a reload's way: every file read again and compared with its previous record, in short slices
    // (on main: 24 records of no file, in each of 3 runs)
    const reload = await loadFolder(dir, { ...opts, previous: first.records, yieldEveryMs: 1 });
    expect(reload.problems).toEqual([]);
    expect([...reload.records.keys()].sort()).toEqual(Object.keys(files).sort());
  });

  it('throws a clear error for a folder that does not exist or is a file', async () => {
    await expect(loadFolder('/nonexistent/newsbot-seeds', opts)).rejects.toThrow(SeedsFolderError);
    await expect(loadFolder('/nonexistent/newsbot-seeds', opts)).rejects.toThrow(/no such file or folder/);
    const dir = seedsFolder({ 'a.txt': PLAIN_TEXT });
    await expect(loadFolder(path.join(dir, 'a.txt'), opts)).rejects.toThrow(/is not a folder/);
  });
});

describe('loadFolder in time slices', () => {
  it('refuses a FIFO at once (it would block a plain read forever)', async () => {
    const dir = realpathSync(seedsFolder({}));
    execFileSync('mkfifo', [path.join(dir, 'ferry.txt')]);
    expect(await readRegularFile(dir, 'ferry.txt', 1e6)).toMatchObject({
      ok: false,
      reason: 'not a regular file: fifo',
    });
  });

  it('refuses a link in place of the file, and a folder on the way swapped for a link to outside', async () => {
    const outside = realpathSync(seedsFolder({ 'a/secret.txt': 'Secret\n\nDISCORD_TOKEN=x' }));
    const dir = realpathSync(seedsFolder({ 'ferry.txt': SEED_FORMAT }));
    symlinkSync(path.join(outside, 'a/secret.txt'), path.join(dir, 'story.txt'));
    expect(await readRegularFile(dir, 'story.txt', 1e6)).toMatchObject({
      ok: false,
      reason: 'replaced by a symbolic link while being read; not read',
    });
    // the walk saw a folder "a" with secret.txt in it; "a" is now a link to a folder outside
    symlinkSync(path.join(outside, 'a'), path.join(dir, 'a'));
    expect(await readRegularFile(dir, 'a/secret.txt', 1e6)).toMatchObject({
      ok: false,
      reason: 'refused: moved outside the seeds folder while being read; not read',
    });
    const ferry = await readRegularFile(dir, 'ferry.txt', 1e6);
    expect(ferry.ok && ferry.bytes.toString()).toBe(SEED_FORMAT);
  });

  it('refuses a file over the limit before reading it, and reads a regular file whole', async () => {
    const dir = realpathSync(seedsFolder({ 'big.txt': 'x'.repeat(2000) }));
    expect(await readRegularFile(dir, 'big.txt', 1000)).toMatchObject({
      ok: false,
      reason: 'too large (2000 bytes; MAX_ARTICLE_BYTES is 1000)',
    });
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub/a.txt'), 'Title\n\nBody.');
    const read = await readRegularFile(dir, 'sub/a.txt', 1000);
    expect(read).toMatchObject({ ok: true, size: 12 });
    expect(read.ok && read.bytes.toString()).toBe('Title\n\nBody.');
  });
});
