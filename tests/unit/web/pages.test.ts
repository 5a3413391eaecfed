// The web server: the article pages, the front page, methods and addresses. Shared set-up in ./web-fixtures.ts.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveLibrary } from '../../../src/library/live.js';
import {
  articleIdFromPath,
  type buildWebApp,
  MAX_QUERY_CHARS,
  SECURITY_HEADERS,
} from '../../../src/web/server.js';
import { PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { app, h1Count, open, PAGE_FILES } from './web-fixtures.js';

describe('web pages', () => {
  let live: LiveLibrary;
  let web: ReturnType<typeof buildWebApp>;
  beforeAll(async () => {
    ({ live } = await open(PAGE_FILES));
    web = app({ live });
  });
  afterAll(() => web.close());

  it('/ has the search box and the newest articles, one h1, landmarks and the security headers', async () => {
    const res = await web.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name]).toBe(value);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(h1Count(res.body)).toBe(1);
    expect(res.body).toMatch(/<main id="main">/);
    expect(res.body).toMatch(/<nav aria-label="Site">/);
    expect(res.body).toMatch(/<form role="search" action="\/search"/);
    expect(res.body).not.toMatch(/<script|https?:\/\/(?!news\.example\.com)/);
    // newest first: the seed-format article (2026) before the front-matter one (2022)
    expect(res.body.indexOf('Harbour Council Approves')).toBeLessThan(res.body.indexOf('Rail strike ends'));
    expect(res.body).toContain('href="/articles/news/ferry"');
    // headings in order: the list's titles sit under its h2
    const levels = [...res.body.matchAll(/<h(\d)[\s>]/g)].map((m) => Number(m[1]));
    expect(levels.slice(0, 3)).toEqual([1, 2, 3]);
    levels.forEach((level, i) => {
      if (i > 0) expect(level - levels[i - 1]!).toBeLessThanOrEqual(1);
    });
  });

  it('escapes every text taken from an article', async () => {
    const res = await web.inject('/articles/odd');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(res.body).toContain('&lt;b&gt;harbour&lt;/b&gt;');
  });

  it('escapes what the reader typed, wherever the page shows it again', async () => {
    const typed = '"><script>alert(1)</script>';
    for (const url of [
      `/search?q=${encodeURIComponent(`ferry ${typed}`)}`,
      `/search?q=${encodeURIComponent(typed)}`,
      `/quotes?q=${encodeURIComponent(typed)}&speaker=${encodeURIComponent(typed)}`,
    ]) {
      const res = await web.inject(url);
      expect(res.body, url).not.toContain('<script>');
      expect(res.body, url).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('/articles/<id> shows the article as written: headings in place, quotations with speakers, the credit labelled', async () => {
    const res = await web.inject('/articles/news/ferry');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(h1Count(body)).toBe(1);
    expect(body).toContain('<h1>Harbour Council Approves New Ferry Route to the Islands</h1>');
    expect(body).toContain('<time datetime="2026-02-03">2026-02-03</time> · news');
    expect(body).toContain('<p class="standfirst">Ferry Link to Open in Spring, Council Says</p>');
    // each heading right before the paragraph it stands before in the file
    expect(body).toMatch(/<h2>Costs and Timetable<\/h2>\s*<p>The route will cost/);
    expect(body).toMatch(/<h2>Mixed Reactions<\/h2>\s*<p>Fishermen worry/);
    expect(body).toContain(
      // the speaker once: the attribution's own name is the mark ("— Alvarez Alvarez said" was twice)
      '&quot;<q>This connects families who have been cut off every winter</q>,&quot; <span class="speaker" title="Speaker of this quotation: Alvarez">Alvarez</span> said.',
    );
    expect(body).toMatch(
      /<h2 id="credits">Photo credit<\/h2><p>Photo: example\.org by A\. Photographer, Ferry at dawn<\/p><ul><li>Photo source: <a href="https:\/\/example\.org\/photos\/ferry-123"/,
    );
    // no url of its own: no "original article" link, and the credit is never presented as one
    expect(body).not.toContain('Original article');
  });

  it('shows a photo caption as a caption where the page had it, never as the article’s text', async () => {
    const page = [
      '---',
      'title: Ferries Run Again',
      '---',
      'Ferries ran again in Port Haven on Tuesday after the strike ended.',
      '',
      'Dockers cheer at the quay on Tuesday. Ivo Brandt/Getty Images',
      '',
      'The harbour master said the timetable would be back to normal by Friday.',
      '',
      'Sign up for our weekly Harbour Notes newsletter.',
    ].join('\n');
    const { live: pageLive } = await open({ 'ferries.md': page });
    const body = (await app({ live: pageLive }).inject('/articles/ferries')).body;
    expect(body).toMatch(
      /after the strike ended\.<\/p>\s*<p class="caption">Dockers cheer at the quay on Tuesday\. Ivo Brandt\/Getty Images<\/p>\s*<p>The harbour master/,
    );
    expect(body).not.toContain('Sign up');
  });

  it('links the original url when the article has one, and labels a licence as a licence', async () => {
    const rail = await web.inject('/articles/rail');
    expect(rail.body).toContain(
      'Original article: <a href="https://news.example.com/2022/06/12/rail-strike-ends" rel="noopener noreferrer">',
    );
    const { live: seedLive } = await open({
      'seed.txt': SEED_FORMAT.replace(
        'https://example.org/photos/ferry-123',
        'https://creativecommons.org/publicdomain/zero/1.0/',
      ),
    });
    const res = await app({ live: seedLive }).inject('/articles/seed');
    expect(res.body).toContain(
      'Photo licence: <a href="https://creativecommons.org/publicdomain/zero/1.0/" rel="noopener noreferrer">',
    );
  });

  it('answers a bad or unknown id with the 404 page, never another file', async () => {
    for (const url of [
      '/articles/nope',
      '/articles/news%2Fferry',
      '/articles/news%2fferry',
      '/articles/..%2Frail',
      '/articles/../rail',
      '/articles/rail%00',
      '/articles/%00',
      '/articles/news//ferry',
      '/articles/news%5Cferry',
      '/articles/',
    ]) {
      const res = await web.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('<h1>Not found</h1>');
      expect(res.headers['content-security-policy'], url).toBe(SECURITY_HEADERS['content-security-policy']);
    }
    // a broken percent-encoding is not an address at all: the 400 page
    const broken = await web.inject('/articles/%E0%A4%A');
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('<h1>Bad request</h1>');
    expect(broken.headers['x-content-type-options']).toBe('nosniff');
    expect(articleIdFromPath('news/ferry')).toBe('news/ferry');
    expect(articleIdFromPath('caf%C3%A9')).toBe('café');
    expect(articleIdFromPath('a%2Fb')).toBeNull();
  });

  it('answers GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
      const res = await web.inject({ method, url: '/search?q=ferry' });
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
    const head = await web.inject({ method: 'HEAD', url: '/articles/news/ferry' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it('refuses over-long addresses with 414 before doing any work', async () => {
    const long = await web.inject(`/search?q=${'a'.repeat(MAX_QUERY_CHARS + 1)}`);
    expect(long.statusCode).toBe(414);
    const longPath = await web.inject(`/articles/${'a/'.repeat(1100)}`);
    expect(longPath.statusCode).toBe(414);
  });

  it('serves its stylesheet from itself, so the CSP needs no other origin', async () => {
    const res = await web.inject('/style.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.body).toContain(':focus-visible');
    expect(res.body).not.toMatch(/url\(|@import/);
  });

  it('shows a reload at once: the pages read the live snapshot', async () => {
    const { live, dir } = await open({ 'apples.txt': PLAIN_TEXT });
    const web = app({ live });
    const before = await web.inject('/articles/late');
    expect(before.statusCode).toBe(404);
    writeFileSync(
      path.join(dir, 'late.txt'),
      'Late ferry news arrives\n\nThe late ferry arrived after the storm had passed over the islands.\n',
    );
    const report = await live.reload();
    expect(report?.ok).toBe(true);
    const after = await web.inject('/articles/late');
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('<h1>Late ferry news arrives</h1>');
  });
});
