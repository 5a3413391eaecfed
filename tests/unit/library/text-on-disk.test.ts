import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/articles/types.js';
import { MANIFEST_NAME } from '../../../src/library/cache.js';
import { LiveLibrary } from '../../../src/library/live.js';
import { isTextOnDisk, RECENT_TEXTS, TextShelf } from '../../../src/library/text-on-disk.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { articleWith, seedsFolder, writeArticles } from '../../helpers.js';

/** A folder of the fixtures and `extra` made-up articles, its cache saved by a first start. */
async function savedFolder(extra = 0) {
  const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'rail.md': FRONT_MATTER, 'apples.txt': PLAIN_TEXT });
  writeArticles(dir, extra);
  const cacheDir = path.join(dir, '.cache');
  const openLive = (onDisk: boolean) =>
    LiveLibrary.open({
      seedsDir: dir,
      maxArticleBytes: 1e6,
      cacheDir,
      ...(onDisk ? { textOnDisk: { keepAnalyses: false } } : {}),
    });
  const first = await openLive(false);
  expect(await first.saveCache()).toBe(true);
  return { dir, cacheDir, openLive, first };
}

const NEW_ARTICLE = 'A new ferry timetable\n\nThe council published the timetable.\n';

/** What a reply or a page reads of the answers, as text. */
const answers = (live: LiveLibrary, query: string) =>
  JSON.stringify({
    news: live.current.search(query, { max: 10 }),
    quotes: live.current.quotes.search(query, { max: 10 }),
    bySpeaker: live.current.quotes.search('', { speaker: 'Alvarez' }),
  });

describe('articles whose text stays in the cache', () => {
  it('restores the same articles, the same answers and the same copies, without the text in memory', async () => {
    const { openLive, first } = await savedFolder();
    const warm = await openLive(true);
    expect(warm.fromCache).toBe(true);
    expect(warm.textOnDiskBytes).toBeGreaterThan(0);
    const article = warm.current.get('ferry')!;
    expect(isTextOnDisk(article)).toBe(true);
    expect(Object.getOwnPropertyDescriptor(article, 'paragraphs')?.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(article.quotes[0]!, 'text')?.get).toBeTypeOf('function');
    // equal field by field and in the same order, as JSON, a structured clone (what an old worker
    // sends during a switch) and a spread see it
    for (const a of first.current.articles) {
      const b = warm.current.get(a.id)!;
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      expect(structuredClone(b)).toEqual(a);
      expect({ ...b }).toEqual(a);
    }
    for (const q of ['ferry council', 'rail strike', 'apple harvest', 'families'])
      expect(answers(warm, q)).toBe(answers(first, q));
    // a plain start leaves the text in memory
    expect(isTextOnDisk((await openLive(false)).current.get('ferry')!)).toBe(false);
  });

  it('a start that cannot restore the snapshot builds it from the records, with their text in memory', async () => {
    const { dir, openLive, first } = await savedFolder();
    writeFileSync(path.join(dir, 'new.txt'), NEW_ARTICLE);
    const plain = await openLive(false);
    const warm = await openLive(true);
    expect(warm.fromCache).toBe(false);
    expect(warm.current.size).toBe(first.current.size + 1);
    expect(warm.current.articles.some(isTextOnDisk)).toBe(false);
    expect(warm.textOnDiskBytes).toBe(0);
    expect(answers(warm, 'ferry timetable council')).toBe(answers(plain, 'ferry timetable council'));
  });

  it('a start stopped halfway (no manifest) reads its parts as usual', async () => {
    const { cacheDir, openLive } = await savedFolder();
    rmSync(path.join(cacheDir, MANIFEST_NAME));
    const resumed = await openLive(true);
    expect(resumed.fromCache).toBe(false);
    expect(resumed.current.articles.some(isTextOnDisk)).toBe(false);
  });

  it('a reload builds its snapshot with the text in memory and the same answers', async () => {
    const { dir, openLive } = await savedFolder();
    const warm = await openLive(true);
    expect(warm.current.articles.every(isTextOnDisk)).toBe(true);
    writeFileSync(path.join(dir, 'new.txt'), NEW_ARTICLE);
    const report = await warm.reload();
    expect(report?.ok).toBe(true);
    expect(report?.added).toEqual(['new']);
    expect(warm.current.articles.some(isTextOnDisk)).toBe(false);
    expect(warm.textOnDiskBytes).toBe(0);
    const plain = await openLive(false);
    for (const q of ['ferry timetable council', 'rail strike', 'families'])
      expect(answers(warm, q)).toBe(answers(plain, q));
    expect(await warm.saveCache()).toBe(true);
  });

  it('a start that built and saved its snapshot leaves its text in the parts it saved to', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'rail.md': FRONT_MATTER, 'apples.txt': PLAIN_TEXT });
    const cacheDir = path.join(dir, '.cache');
    const options = { seedsDir: dir, maxArticleBytes: 1e6, cacheDir };
    const cold = await LiveLibrary.open({ ...options, textOnDisk: { keepAnalyses: true } });
    const plain = await LiveLibrary.open({ ...options, cacheDir: null });
    // not saved yet: nothing to read back from
    expect(await cold.setTextAside()).toBe(0);
    expect(await cold.saveCache()).toBe(true);
    const before = cold.current;
    expect(await cold.setTextAside()).toBe(before.size);
    expect(cold.current).not.toBe(before);
    expect(cold.current.articles.every(isTextOnDisk)).toBe(true);
    expect(cold.textOnDiskBytes).toBeGreaterThan(0);
    // the same snapshot: its indexes kept, the same answers
    for (const q of ['ferry council', 'rail strike', 'apple harvest', 'families'])
      expect(answers(cold, q)).toBe(answers(plain, q));
    expect(await cold.setTextAside()).toBe(0); // done already
    // a reload after it builds with the text in memory
    writeFileSync(path.join(dir, 'new.txt'), NEW_ARTICLE);
    expect((await cold.reload())?.ok).toBe(true);
    expect(cold.current.articles.some(isTextOnDisk)).toBe(false);
    expect(answers(cold, 'ferry timetable council')).toBe(
      answers(await LiveLibrary.open({ ...options, cacheDir: null }), 'ferry timetable council'),
    );
    expect(() => cold.current.withArticles(before.articles)).toThrow(/same articles/);
  });

  it('an article read back after its part changed on disk is an error, never other text', async () => {
    const { cacheDir, openLive } = await savedFolder();
    const warm = await openLive(true);
    // rewritten in place (the same file, so the open part sees it): newsbot never does this
    for (const name of readdirSync(cacheDir).filter((n) => n.startsWith('records-'))) {
      const file = path.join(cacheDir, name);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('"ferry"', '"ferrx"'));
    }
    expect(() => warm.current.get('ferry')!.paragraphs).toThrow(/changed after it was read/);
  });

  it('reads back more articles than it keeps decoded, each with its own text', async () => {
    const count = RECENT_TEXTS + 44;
    const dir = seedsFolder({});
    const file = path.join(dir, 'part.ndjson');
    const articles: Article[] = Array.from({ length: count }, (_, i) =>
      articleWith({
        id: `a${i}`,
        title: `Article ${i}`,
        paragraphs: [`First paragraph of ${i}.`, `"Words of ${i}," she said.`],
        quotes: [{ text: `Words of ${i},`, speaker: 'She', role: null, paragraph: 1, rule: 'verb-after' }],
      }),
    );
    // record lines as the cache writes them (FileRecord), each checked when read back
    const lines = articles.map((article) =>
      JSON.stringify({
        r: { file: article.file, size: 1, mtimeMs: 0, hash: 'a'.repeat(40), article, problems: [] },
      }),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const shelf = new TextShelf(false);
    const fd = shelf.keep(await open(file, 'r'));
    let start = 0;
    const aside = lines.map((line, i) => {
      const a = shelf.setAside(articles[i]!, fd, start, Buffer.byteLength(line));
      start += Buffer.byteLength(line) + 1;
      return a;
    });
    expect(shelf.asideBytes).toBe(start - count);
    try {
      // twice round: the second pass finds none of the first ones still decoded
      for (let round = 0; round < 2; round++)
        for (const [i, a] of aside.entries()) {
          expect(a.paragraphs[0]).toBe(`First paragraph of ${i}.`);
          expect(a.summary).toBe(`First paragraph of ${i}.`);
          expect(a.quotes[0]!.text).toBe(`Words of ${i},`);
          expect(a.title).toBe(`Article ${i}`);
        }
      // a line that names the same article but is no longer a record as the cache writes them
      const broken = lines[0]!.replace('"paragraphs":[', '"paragraphs":"not a list","was":[');
      writeFileSync(file, `${[broken, ...lines.slice(1)].join('\n')}\n`);
      const again = new TextShelf(false);
      const fdAgain = again.keep(await open(file, 'r'));
      const first = again.setAside(articles[0]!, fdAgain, 0, Buffer.byteLength(broken));
      expect(() => first.paragraphs).toThrow(/changed after it was read/);
      await again.close();
    } finally {
      await shelf.close();
    }
  });
});
