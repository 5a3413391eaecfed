import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFile } from '../../src/library/cache.js';
import { LiveLibrary } from '../../src/library/live.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../fixtures/articles.js';
import { seedsFolder } from '../helpers.js';

function setup() {
  const dir = seedsFolder({
    'ferry.txt': SEED_FORMAT,
    'rail.md': FRONT_MATTER,
    'apples.txt': PLAIN_TEXT,
    'bad.txt': '',
  });
  const cacheDir = path.join(dir, '.cache');
  const open = () => LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir });
  return { dir, cacheDir, open };
}

const ids = (live: LiveLibrary) =>
  live.current.search('ferry council rail apple harvest', { max: 10 }).map((h) => h.article.id);

describe('warm-start cache', () => {
  it('starts from the cache when every file is unchanged, with the same answers and problems', async () => {
    const { open } = setup();
    const first = await open();
    expect(first.fromCache).toBe(false);
    expect(await first.saveCache()).toBe(true);
    expect(await first.saveCache()).toBe(false); // nothing changed since

    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(ids(warm)).toEqual(ids(first));
    expect(warm.current.problems).toEqual(first.current.problems);
    expect(warm.current.quotes.search('', { speaker: 'Alvarez' })[0]?.quote.text).toMatch(
      /This connects families/,
    );
    expect(warm.current.articles).toEqual(first.current.articles);
  });

  it('builds from the files when one of them changed, and never serves the old text', async () => {
    const { dir, open } = setup();
    await (await open()).saveCache();
    writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT.replace('apple harvest', 'pear harvest'));
    const live = await open();
    expect(live.fromCache).toBe(false);
    expect(live.current.get('apples')?.title).toBe('Orchard growers expect record pear harvest');
  });

  it('notices a file added or removed since the cache was saved', async () => {
    const { dir, open } = setup();
    await (await open()).saveCache();
    writeFileSync(path.join(dir, 'new.txt'), 'Harbour reopens\n\nThe harbour reopened on Monday.\n');
    const added = await open();
    expect(added.fromCache).toBe(false);
    expect(added.current.get('new')?.title).toBe('Harbour reopens');
    await added.saveCache();
    rmSync(path.join(dir, 'new.txt'));
    const removed = await open();
    expect(removed.fromCache).toBe(false);
    expect(removed.current.get('new')).toBeUndefined();
  });

  it('stays usable with a file too large to read, as long as it did not change', async () => {
    const { dir, open } = setup();
    writeFileSync(path.join(dir, 'huge.txt'), `Huge\n\n${'x'.repeat(1_100_000)}\n`);
    const first = await open();
    await first.saveCache();
    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(warm.current.problems.map((p) => p.file)).toContain('huge.txt');
  });

  it('falls back to a full build when the cache is corrupt or truncated', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const file = cacheFile(cacheDir);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const truncated = await open();
    expect(truncated.fromCache).toBe(false);
    expect(ids(truncated)).toEqual(ids(first));
    writeFileSync(file, `${text.split('\n')[0]}\n{not json\n`);
    expect((await open()).fromCache).toBe(false);
    // index lines are parsed only while the index is restored: a bad one there also falls back
    const badIndex = text
      .split('\n')
      .map((line) => (line.startsWith('{"indexEntries":') ? '{"indexEntries":[["ferry",{"0":' : line))
      .join('\n');
    writeFileSync(file, badIndex);
    const rebuilt = await open();
    expect(rebuilt.fromCache).toBe(false);
    expect(ids(rebuilt)).toEqual(ids(first));
  });

  it('a reload parses only the files whose content changed', async () => {
    const { dir, open } = setup();
    const live = await open();
    writeFileSync(path.join(dir, 'rail.md'), FRONT_MATTER.replace('six percent', 'seven percent'));
    const report = await live.reload()!;
    expect(report).toMatchObject({ ok: true, changed: ['rail'], added: [], removed: [] });
    expect(live.current.get('rail')?.paragraphs[0]).toMatch(/seven percent/);
    // the unchanged articles are the very same objects: they were not parsed again
    expect(live.current.get('ferry')).toBe(live.current.get('ferry'));
  });

  it('rebuilds from the files when a record was edited, even into valid JSON, and says why', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const file = cacheFile(cacheDir);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Orchard growers expect record apple harvest');
    writeFileSync(file, text.replaceAll('Orchard growers expect record apple harvest', 'Forged headline'));
    const rebuilt = await open();
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.cacheNote).toEqual({
      reason: "the cache's contents do not match its digest (damaged or edited)",
      damaged: true,
    });
    expect(rebuilt.current.get('apples')?.title).toBe('Orchard growers expect record apple harvest');
    expect(JSON.stringify(rebuilt.current.articles)).not.toContain('Forged');
    // a cache without its digest line is not trusted either
    writeFileSync(file, text.split('\n').slice(0, -2).join('\n'));
    expect((await open()).fromCache).toBe(false);
  });

  it('never opens a FIFO or a link as the cache, and replaces them when it saves', async () => {
    const { cacheDir, open } = setup();
    const first = await open();
    await first.saveCache();
    const file = cacheFile(cacheDir);
    // a good cache kept elsewhere, linked in: still not read through the link
    const elsewhere = path.join(cacheDir, 'elsewhere.ndjson');
    copyFileSync(file, elsewhere);
    rmSync(file);
    symlinkSync(elsewhere, file);
    const linked = await open();
    expect(linked.fromCache).toBe(false);
    expect(linked.cacheNote?.reason).toBe('the cache file is not a regular file; not read');
    rmSync(file);
    execFileSync('mkfifo', [file]);
    // a plain read of a FIFO with no writer waits forever: this open would hang (and time out)
    const fifo = await open();
    expect(fifo.fromCache).toBe(false);
    expect(fifo.cacheNote).toEqual({
      reason: 'the cache file is not a regular file; not read',
      damaged: true,
    });
    expect(ids(fifo)).toEqual(ids(first));
    expect(await fifo.saveCache()).toBe(true);
    expect(lstatSync(file).isFile()).toBe(true);
    expect((await open()).fromCache).toBe(true);
  });

  it('keeps the problems of the folder walk on a warm start', async () => {
    const { dir, open } = setup();
    symlinkSync('/etc/passwd', path.join(dir, 'passwd.txt'));
    const first = await open();
    await first.saveCache();
    const warm = await open();
    expect(warm.fromCache).toBe(true);
    expect(warm.current.problems).toEqual(first.current.problems);
    expect(warm.current.problems.map((p) => p.file)).toEqual(['bad.txt', 'passwd.txt']);
  });
});
