import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand, runChecked, runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import { newsRequest, searchArticles } from '../../../src/commands/news.js';
import { LiveLibrary } from '../../../src/library/live.js';
import { Progress } from '../../../src/library/progress.js';
import { createLogger } from '../../../src/logger.js';
import { inProcess, SearchBusy, SearchTimeout } from '../../../src/search-pool/searcher.js';
import { Metrics } from '../../../src/web/metrics.js';
import {
  articleIdFromPath,
  buildWebApp,
  MAX_QUERY_CHARS,
  SECURITY_HEADERS,
  searchRateLimit,
  startWebServer,
  type WebDeps,
} from '../../../src/web/server.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

const HOSTILE = `Council <script>alert(1)</script> & "friends" meet

The council met on Monday to discuss the <b>harbour</b> budget & the ferry timetable for the islands.
`;

const logger = createLogger('silent');

async function open(files: Record<string, string>) {
  const dir = seedsFolder(files);
  const live = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: null });
  return { dir, live };
}

function app(deps: Partial<WebDeps> & Pick<WebDeps, 'live'>) {
  return buildWebApp({ logger, metrics: new Metrics(deps.live), publicUrl: null, ...deps });
}

function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString();
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

const h1Count = (body: string) => body.match(/<h1[\s>]/g)?.length ?? 0;

describe('web pages', () => {
  let live: LiveLibrary;
  let web: ReturnType<typeof buildWebApp>;
  beforeAll(async () => {
    ({ live } = await open({
      'news/ferry.txt': SEED_FORMAT,
      'rail.md': FRONT_MATTER,
      'apples.txt': PLAIN_TEXT,
      'odd.txt': HOSTILE,
    }));
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

describe('health, readiness and metrics', () => {
  it('/healthz answers; /readyz is 503 until articles are indexed and the gateway is connected', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    let connected = false;
    const web = app({ live, gatewayConnected: () => connected });
    expect((await web.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const waiting = await web.inject('/readyz');
    expect(waiting.statusCode).toBe(503);
    expect(waiting.json()).toEqual({ status: 'not ready', articles: 1, gateway: 'disconnected' });
    connected = true;
    const ready = await web.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', articles: 1, gateway: 'connected' });

    const { live: empty } = await open({ 'notes.bin': 'not an article' });
    const console = app({ live: empty });
    const res = await console.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ articles: 0, gateway: null });
  });

  it('/readyz and /metrics say how far a running reload is', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    let clock = 0;
    const progress = new Progress('reload', () => clock);
    progress.listed(200);
    for (let i = 0; i < 50; i++) progress.record(i < 10);
    clock = 2000;
    // the library as a reload sees it halfway: the same snapshot, with its progress
    const reloading = Object.create(live, { progress: { get: () => progress } }) as LiveLibrary;
    const web = app({ live: reloading });
    expect((await web.inject('/readyz')).json()).toMatchObject({
      status: 'ready',
      articles: 1,
      progress: {
        work: 'reload',
        phase: 'reading',
        files: 200,
        read: 50,
        parsed: 10,
        rate: 25,
        etaSeconds: 6,
      },
    });
    const metrics = (await web.inject('/metrics')).body;
    expect(metrics).toContain('newsbot_progress_files{state="read"} 50');
    expect(metrics).toContain('newsbot_progress_phase_ratio{phase="reading"} 0.25');
    expect(metrics).toContain('newsbot_progress_eta_seconds 6');
    // none running: no progress
    expect((await app({ live }).inject('/readyz')).json()).not.toHaveProperty('progress');
  });

  it('/metrics counts replies by command and outcome, times them, and reads the snapshot and reloads', async () => {
    const { live } = await open({ 'news/ferry.txt': SEED_FORMAT, 'rail.md': FRONT_MATTER });
    const metrics = new Metrics(live);
    const web = buildWebApp({ live, logger, metrics, publicUrl: null });
    const context = {
      library: live.current,
      who: { userId: '1', username: 'u', isAdmin: false },
      now: new Date(),
      articleBaseUrl: null,
      commands: COMMANDS,
      observe: metrics.observe,
    };
    await runCommand(findCommand('news')!, { query: 'ferry' }, context);
    await runCommand(findCommand('news')!, { query: 'ferry', limit: 99 }, context);
    await runCommand(findCommand('reload')!, {}, context);
    // as the Discord transport does: check, acknowledge, then run; counted once
    const quote = findCommand('quote')!;
    const checked = checkCommand(quote, { speaker: 'Alvarez' }, context);
    if (!checked.ok) throw new Error('the check refused /quote');
    await runChecked(quote, checked, context);
    const failing = {
      ...findCommand('help')!,
      run: () => {
        throw new Error('boom');
      },
    };
    await expect(runCommand(failing, {}, context)).rejects.toThrow('boom');
    await live.reload();
    const res = await web.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toContain('newsbot_replies_total{command="news",outcome="answered"} 1');
    expect(text).toContain('newsbot_replies_total{command="news",outcome="refused"} 1');
    expect(text).toContain('newsbot_replies_total{command="reload",outcome="refused"} 1');
    expect(text).toContain('newsbot_replies_total{command="quote",outcome="answered"} 1');
    expect(text).not.toContain('command="quote",outcome="refused"');
    expect(text).toContain('newsbot_replies_total{command="help",outcome="failed"} 1');
    expect(text).toMatch(/newsbot_reply_duration_seconds_bucket\{le="0\.1",command="news"\} 2/);
    expect(text).toContain('newsbot_articles 2');
    expect(text).toContain('newsbot_article_problems{severity="skipped"} 0');
    expect(text).toContain('newsbot_reloads_total{result="ok"} 1');
    const reloadedAt = Number(/^newsbot_last_reload_timestamp_seconds (\S+)/m.exec(text)?.[1]);
    expect(Math.abs(reloadedAt - live.current.loadedAt.getTime() / 1000)).toBeLessThan(0.01);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
  });
});

describe('errors and limits', () => {
  it('a failing page is a 500 page without the error or a stack trace', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    const broken = Object.create(live, {
      current: {
        get() {
          throw new Error('boom in /secret/path/library.ts:42');
        },
      },
    }) as LiveLibrary;
    const web = buildWebApp({ live: broken, logger, metrics: new Metrics(live), publicUrl: null });
    const res = await web.inject('/search?q=apples');
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('<h1>Something went wrong</h1>');
    expect(res.body).not.toMatch(/boom|secret|\.ts:|at [\w.]+ \(/);
  });

  it('limits /search and /quotes per address with 429 and Retry-After; other pages are not limited', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    let now = 1_000_000;
    const web = app({ live, rateLimit: { burst: 2, perSecond: 0.5 }, now: () => now });
    const from = (remoteAddress: string, url: string) => web.inject({ url, remoteAddress });
    expect((await from('10.0.0.1', '/search?q=apples')).statusCode).toBe(200);
    expect((await from('10.0.0.1', '/quotes')).statusCode).toBe(200);
    const limited = await from('10.0.0.1', '/search?q=apples');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.body).toContain('Too many requests');
    expect((await from('10.0.0.2', '/search?q=apples')).statusCode).toBe(200);
    expect((await from('10.0.0.1', '/articles/apples')).statusCode).toBe(200);
    now += 2000;
    expect((await from('10.0.0.1', '/search?q=apples')).statusCode).toBe(200);
  });

  it('WEB_RATE_LIMIT sets the searches a second per address; 0 lifts the limit for load tests', async () => {
    expect(searchRateLimit(5)).toEqual({ burst: 20, perSecond: 5 });
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    const web = app({ live, rateLimit: searchRateLimit(0) });
    for (let i = 0; i < 30; i++) expect((await web.inject('/search?q=apples')).statusCode).toBe(200);
  });

  it('answers 503 with Retry-After when the searches are busy, and /healthz and /readyz do not wait for them', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    let refusal: Error = new SearchBusy(3);
    const never = new Promise<never>(() => {});
    let waiting = false;
    const answer = () => (waiting ? never : Promise.reject(refusal));
    // /quotes asks the searcher, /search has its page rendered where the searches run (pages)
    const web = app({ live, searcher: { run: answer }, pages: { run: answer } });
    const busy = await web.inject('/search?q=apples');
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('3');
    expect(busy.body).toContain('Busy right now');
    refusal = new SearchTimeout(2, 15_000);
    const quotes = await web.inject('/quotes?q=apples');
    expect(quotes.statusCode).toBe(503);
    expect(quotes.headers['retry-after']).toBe('2');
    // a search that never answers holds up nothing else
    waiting = true;
    void web.inject('/search?q=apples');
    expect((await web.inject('/healthz')).statusCode).toBe(200);
    expect((await web.inject('/readyz')).statusCode).toBe(200);
    expect((await web.inject('/articles/apples')).statusCode).toBe(200);
  });

  it('serves under the path of PUBLIC_URL, with HSTS when it is https', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    const web = app({ live, publicUrl: 'https://news.example.org/bot' });
    const res = await web.inject('/bot/articles/apples');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/bot/style.css"');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect((await web.inject('/articles/apples')).statusCode).toBe(404);
  });

  it('a port in use is one clear error', async () => {
    const { live } = await open({ 'apples.txt': PLAIN_TEXT });
    const deps = { live, logger, metrics: new Metrics(live), publicUrl: null };
    const first = await startWebServer(deps, { host: '127.0.0.1', port: 0 });
    try {
      const port = Number(new URL(first.address).port);
      expect(first.publicUrl).toBe(`http://localhost:${port}`);
      await expect(startWebServer(deps, { host: '127.0.0.1', port })).rejects.toThrow(
        `WEB_PORT ${port} is already in use on 127.0.0.1`,
      );
      const res = await fetch(`${first.address}/healthz`);
      expect(await res.json()).toEqual({ status: 'ok' });
      // a raw request keeps its dot segments (fetch and inject resolve them first)
      const raw = await rawRequest(
        port,
        'GET /articles/x/../apples HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
      );
      expect(raw).toMatch(/^HTTP\/1\.1 404 /);
    } finally {
      await first.close();
    }
  });
});
