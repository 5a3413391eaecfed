import { describe, expect, expectTypeOf, it } from 'vitest';
import { definition as newsDefinition } from '../../../src/commands/news.js';
import {
  noneWhenBusy,
  type OptionsOf,
  pagedHits,
  pagedResult,
  pageOf,
  refusedHere,
  SERVER_ONLY,
  windowResult,
} from '../../../src/commands/parts.js';
import { definition as reloadDefinition } from '../../../src/commands/reload.js';
import { reply } from '../../../src/commands/reply.js';
import { SearchBusy, SearchTimeout } from '../../../src/search-pool/searcher.js';
import { articleOf, BRIDGE, TOLLS } from '../../fixtures/articles.js';

describe('typed options from the definition', () => {
  it('gives /news a required string query and optional typed others', () => {
    type News = OptionsOf<typeof newsDefinition>;
    expectTypeOf<News['query']>().toEqualTypeOf<string>();
    expectTypeOf<News['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<News['hide']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<News['mention']>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error: the query is required
    const missing: News = { limit: 2 };
    expect(missing).toBeDefined();
  });
});

describe('pages', () => {
  it('slices a page and says which results it shows', () => {
    const items = [1, 2, 3, 4, 5, 6, 7];
    expect(pageOf(items, 3, 0)).toEqual({ items: [1, 2, 3], range: ' (1-3 of 7)' });
    expect(pageOf(items, 3, 2)).toEqual({ items: [7], range: ' (7-7 of 7)' });
    expect(pageOf([1, 2], 3, 0)).toEqual({ items: [1, 2], range: '' });
  });

  it('builds the first page as the reply and later pages from the same items', () => {
    const result = pagedResult(
      ['a', 'b', 'c', 'd'],
      3,
      ({ items, range }) => reply({ content: items.join(',') + range }),
      (item) => ({ item }),
    );
    expect(result.reply.content).toBe('a,b,c (1-3 of 4)');
    expect(result.results).toEqual([{ item: 'a' }, { item: 'b' }, { item: 'c' }]);
    expect(result.pages?.count).toBe(2);
    expect(result.pages?.page(1).content).toBe('d (4-4 of 4)');
    expect(pagedResult(['a'], 3, () => reply({}), String).pages).toBeUndefined();
  });
});

describe('refusedHere', () => {
  it('allows /reload only where a server installed the bot, in that server', () => {
    expect(reloadDefinition).toMatchObject(SERVER_ONLY);
    expect(refusedHere(reloadDefinition, { context: 0, installs: [0] })).toBeNull();
    expect(refusedHere(reloadDefinition, { context: 0, installs: [1] })).toMatch(
      /only in a server that has added/,
    );
    expect(refusedHere(reloadDefinition, { context: 1, installs: [0] })).toMatch(/only in a server/);
    expect(refusedHere(reloadDefinition, undefined)).toBeNull(); // the console: your own machine
  });

  it('allows the answering commands anywhere, through either install', () => {
    for (const context of [0, 1, 2] as const)
      for (const installs of [[0], [1], [0, 1]])
        expect(refusedHere(newsDefinition, { context, installs })).toBeNull();
  });
});

describe('pagedHits', () => {
  const hits = [articleOf('old.txt', BRIDGE), articleOf('new.txt', TOLLS), articleOf('old2.txt', BRIDGE)].map(
    (article, i) => ({ article, n: i }),
  );
  const shown = { heading: '🔎 3 articles', limit: 2, hide: true, articleBaseUrl: 'https://example.org/a' };

  it('pages the hits: heading with range, their embeds, a Read button per article, hidden when asked', () => {
    const result = pagedHits(
      hits,
      shown,
      (items) => items.map((h) => ({ title: h.article.title })),
      (h) => h.n,
    );
    expect(result.results).toEqual([0, 1]);
    expect(result.reply.content).toBe('🔎 3 articles (1-2 of 3)');
    expect(result.reply.embeds?.map((e) => e.title)).toEqual([
      'Mayor Opens River Bridge',
      'Council Debates Bridge Tolls',
    ]);
    const urls = (result.reply.components ?? [])
      .flatMap((row) => row.components)
      .map((b) => ('url' in b ? b.url : null));
    expect(urls).toEqual(['https://example.org/a/old', 'https://example.org/a/new']);
    expect(result.reply.flags).toBeDefined();
    expect(result.pages?.count).toBe(2);
    expect(result.pages?.page(1).content).toBe('🔎 3 articles (3-3 of 3)');
  });

  it('one page: no range, no pages; shown to all when not hidden', () => {
    const result = pagedHits(
      hits.slice(0, 1),
      { ...shown, hide: false },
      () => [],
      (h) => h.n,
    );
    expect(result.reply.content).toBe('🔎 3 articles');
    expect(result.reply.flags).toBeUndefined();
    expect(result.pages).toBeUndefined();
  });
});

describe('windowResult', () => {
  it('keeps the days and whether they answer; null without a window', () => {
    const window = {
      since: '2025-03-01',
      until: '2025-03-07',
      matched: false,
      label: 'that week',
      hard: false,
    };
    expect(windowResult({ window })).toEqual({ since: '2025-03-01', until: '2025-03-07', matched: false });
    expect(windowResult({ window: null })).toBeNull();
  });
});

describe('noneWhenBusy', () => {
  it('gives no choices when the searcher is busy or too slow, and passes other errors on', async () => {
    await expect(noneWhenBusy(Promise.resolve(['a']))).resolves.toEqual(['a']);
    await expect(noneWhenBusy(Promise.reject(new SearchBusy(1)))).resolves.toEqual([]);
    await expect(noneWhenBusy(Promise.reject(new SearchTimeout(1, 100)))).resolves.toEqual([]);
    await expect(noneWhenBusy(Promise.reject(new Error('broken')))).rejects.toThrow('broken');
  });
});
