import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import { newsRequest, searchArticles } from '../../../src/commands/news.js';
import type { LiveLibrary } from '../../../src/library/live.js';
import { inProcess } from '../../../src/search-pool/searcher.js';
import type { buildWebApp } from '../../../src/web/server.js';
import { app, h1Count, open, PAGE_FILES } from './web-fixtures.js';

describe('web search pages', () => {
  let live: LiveLibrary;
  let web: ReturnType<typeof buildWebApp>;
  beforeAll(async () => {
    ({ live } = await open(PAGE_FILES));
    web = app({ live });
  });
  afterAll(() => web.close());

  it('/search ranks as /news does, with summaries and the answering passage', async () => {
    const q = 'Who will build the boats?';
    const res = await web.inject({ url: '/search', query: { q } });
    expect(res.statusCode).toBe(200);
    expect(h1Count(res.body)).toBe(1);
    const shown = [...res.body.matchAll(/<h2><a href="\/articles\/([^"]+)">/g)].map((m) => m[1]);
    const request = newsRequest({ query: q });
    if ('error' in request) throw new Error(request.error);
    const { hits } = await searchArticles(inProcess(live.current), request, new Date(), live.current);
    expect(shown).toEqual(hits.map((h) => h.article.id));
    expect(shown[0]).toBe('news/ferry');
    expect(res.body).toContain('Ferry Link to Open in Spring, Council Says.');
    expect(res.body).toContain(`value="${q}"`);
    // the form keeps the question, and the page's text says how many answered it
    expect(res.body).toMatch(/role="status">\d+ articles? for “Who will build the boats\?”/);
  });

  it('/search shows the passage that answers with the words marked', async () => {
    const res = await web.inject('/search?q=petition+signatures+landing+stage');
    expect(res.body).toMatch(/<strong>Best match:<\/strong> [^<]*<mark>petition<\/mark>/);
  });

  it('/search with nothing asked shows the form; a bad question is a 400 page saying why', async () => {
    const empty = await web.inject('/search');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<form role="search"');
    const cases: [string, RegExp][] = [
      ['/search?q=the', /no words to look for/],
      ['/search?q=ferry&since=2026-13-01', /since must be a date as YYYY-MM-DD/],
      ['/search?q=ferry&since=2026-03-01&until=2026-01-01', /since \(2026-03-01\) is after until/],
      ['/search?q=ferry&q=rail', /Give “q” once/],
      [`/search?q=${'ferry '.repeat(60)}`, /must be at most 300 characters/],
      ['/quotes?speaker=' + 'x'.repeat(101), /must be at most 100 characters/],
    ];
    for (const [url, message] of cases) {
      const res = await web.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toMatch(message);
      expect(res.body, url).not.toContain('`');
    }
  });

  it('/search within dates keeps the range, as /news does', async () => {
    const res = await web.inject('/search?q=ferry+rail+apples&since=2022-01-01&until=2022-12-31');
    const shown = [...res.body.matchAll(/<h2><a href="\/articles\/([^"]+)">/g)].map((m) => m[1]);
    expect(shown).toEqual(['rail']);
  });

  it("/search reads time words and dates as /news does, names the days, and lists a story's other reports", async () => {
    const dated = (date: string, title: string, body: string) =>
      `---\ntitle: "${title}"\ndate: ${date}\n---\n${body}\n`;
    const { live: stories } = await open({
      'a/flood-1.md': dated(
        '2022-09-12',
        'Thorby glacier flood cuts the Lundvik road',
        'A glacier flood near Thorby cut the Lundvik road on Monday.',
      ),
      'a/flood-2.md': dated(
        '2022-09-13',
        'Lundvik road still cut after Thorby glacier flood',
        'The Thorby glacier flood still cut the Lundvik road on Tuesday.',
      ),
      // other news, so that the story's words are as rare as in a real archive
      ...Object.fromEntries(
        Array.from({ length: 40 }, (_, i) => [
          `b/other-${i}.md`,
          dated('2022-08-01', `Other news number ${i}`, `Item ${i} of the other news.`),
        ]),
      ),
    });
    const pages = app({ live: stories });
    try {
      const q = 'Is the Lundvik road cut by the glacier flood?';
      const res = await pages.inject({
        url: '/search',
        query: { q, since: '2022-09-01', until: '2022-09-30' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`1 article for “${q}” from 1 Sep 2022 to 30 Sep 2022, best first.`);
      const shown = [...res.body.matchAll(/<h2><a href="\/articles\/([^"]+)">/g)].map((m) => m[1]);
      // one result for the story, the other report linked under it by its day
      expect(shown).toHaveLength(1);
      const other = shown[0] === 'a/flood-2' ? ['flood-1', '12 Sep'] : ['flood-2', '13 Sep'];
      expect(res.body).toMatch(
        new RegExp(
          `<p class="also"><strong>Also:</strong> <a href="/articles/a/${other[0]}">${other[1]}: [^<]+</a></p>`,
        ),
      );
      // time words are read from the moment the page is asked for; none of those days answers here
      const lastWeek = await pages.inject({
        url: '/search',
        query: { q: 'Lundvik road glacier flood last week' },
      });
      expect(lastWeek.body).toMatch(
        /none from the week of \d+ \w+ \d{4} answers, so these are the closest from other dates/,
      );
    } finally {
      await pages.close();
    }
  });

  it('/quotes looks within since/until as /quote does', async () => {
    const before = await web.inject('/quotes?speaker=Alvarez&until=2020-01-01');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('No quotation by Alvarez until 2020-01-01.');
    expect(before.body).toContain('name="until" type="date" value="2020-01-01"');
    const within = await web.inject('/quotes?speaker=Alvarez&since=2020-01-01');
    expect(within.body).toContain('“This connects families who have been cut off every winter”');
    const bad = await web.inject('/quotes?speaker=Alvarez&since=soon');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/since/);
  });

  it('/quotes finds what was said and by whom, as /quote does', async () => {
    const bySpeaker = await web.inject('/quotes?speaker=Alvarez');
    expect(bySpeaker.statusCode).toBe(200);
    expect(bySpeaker.body).toContain('“This connects families who have been cut off every winter”');
    expect(bySpeaker.body).toContain(
      '— <span class="speaker">Alvarez</span>, in <a href="/articles/news/ferry">',
    );
    const { results } = await runCommand(
      findCommand('quote')!,
      {},
      {
        library: live.current,
        who: { userId: '1', username: 'u', isAdmin: false },
        now: new Date(),
        articleBaseUrl: null,
        commands: COMMANDS,
      },
    );
    const newest = await web.inject('/quotes');
    expect(newest.body).toContain('Quotations from the newest article.');
    expect(newest.body.match(/<figure>/g)?.length).toBe(results?.length);
    const none = await web.inject('/quotes?speaker=Nobody+Atall');
    expect(none.body).toContain('No quotation by Nobody Atall.');
  });
});
