import { describe, expect, it } from 'vitest';
import type { LiveLibrary } from '../../../src/library/live.js';
import { SearchBusy, SearchTimeout } from '../../../src/search-pool/searcher.js';
import { Metrics } from '../../../src/web/metrics.js';
import { buildWebApp, searchRateLimit, startWebServer } from '../../../src/web/server.js';
import { PLAIN_TEXT } from '../../fixtures/articles.js';
import { app, logger, open, rawRequest } from './web-fixtures.js';

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
