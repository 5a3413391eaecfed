import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
});
