import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveLibrary } from '../../../src/library/live.js';
import { fromRefs, toRefs } from '../../../src/search-pool/article-refs.js';
import { inProcess, SearchBusy, SearchTimeout } from '../../../src/search-pool/searcher.js';
import { type RunningPool, reloadAndSwitch, startSearchPool } from '../../../src/search-pool/start.js';
import { Metrics } from '../../../src/web/metrics.js';
import { pagesInProcess } from '../../../src/web/search-render.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

const pools: RunningPool[] = [];
afterEach(async () => {
  for (const p of pools.splice(0)) await p.close();
});

/** `loaded: false`: returns as soon as the pool is started, its workers still loading. */
async function setUp(workers: number, options: Parameters<typeof startSearchPool>[2] = {}, loaded = true) {
  const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'rail.md': FRONT_MATTER, 'apples.txt': PLAIN_TEXT });
  const settings = {
    seedsDir: dir,
    maxArticleBytes: 1e6,
    seedsFollowLinks: 'none' as const,
    indexCacheDir: path.join(dir, '.cache'),
    searchWorkers: workers,
  };
  const live = await LiveLibrary.open({ ...settings, cacheDir: settings.indexCacheDir });
  await live.saveCache();
  // the snapshot with its indexes: the main thread lets them go once the workers are ready
  const searched = live.current;
  const running = await startSearchPool(settings, live, options);
  if (running) {
    pools.push(running);
    if (loaded) await running.pool.whenReady();
  }
  return { dir, live, searched, running: running! };
}

const ferry = { query: 'ferry harbour islands', options: { max: 50 } };

describe('SearchPool', () => {
  it('answers as the main thread would, with the main thread’s own articles', async () => {
    const { live, searched, running } = await setUp(2);
    const [pooled, here] = await Promise.all([
      running.pool.run('search', ferry),
      inProcess(searched).run('search', ferry),
    ]);
    expect(pooled.map((h) => [h.article.id, h.score, h.passage?.text])).toEqual(
      here.map((h) => [h.article.id, h.score, h.passage?.text]),
    );
    expect(pooled[0]!.article).toBe(live.current.get(pooled[0]!.article.id));
    expect(await running.pool.run('speakers', { typed: '', max: 5 })).toEqual(
      searched.quotes.speakers('', 5),
    );
    expect(running.pool.stats()).toMatchObject({ workers: 2, busy: 0, queued: 0, threads: 2 });
  });

  it('tells the reload’s memory check what a switch needs: a whole copy with one worker', async () => {
    const one = await setUp(1);
    const two = await setUp(2);
    // a worker's memory once loaded: at least the few MB of a bare worker's heap
    expect(one.running.pool.switchReserveBytes()).toBeGreaterThan(1024 * 1024);
    expect(two.running.pool.switchReserveBytes()).toBeLessThan(one.running.pool.switchReserveBytes());
  });

  it('renders the web search page in a worker exactly as this thread would', async () => {
    const { searched, running } = await setUp(1);
    const args = {
      paths: { base: '' },
      q: ferry.query,
      since: '',
      until: '',
      request: { query: ferry.query, since: null, until: null },
      now: new Date('2026-06-01T00:00:00Z'),
    };
    const [pooled, here] = await Promise.all([
      running.pages.run('searchPage', args),
      pagesInProcess(searched).run('searchPage', args),
    ]);
    expect(pooled).toContain('<ol class="results">');
    expect(pooled).toBe(here);
  });

  it('lets the main thread’s indexes go once the workers answer, and again after each switch', async () => {
    const { dir, live, searched, running } = await setUp(1);
    await running.pool.whenReady();
    // released in the readiness's own continuation: one turn after whenReady resolves here
    await new Promise((resolve) => setImmediate(resolve));
    const lean = live.current;
    expect(searched.hasIndexes).toBe(true);
    expect(lean.hasIndexes).toBe(false);
    expect(lean.articles).toBe(searched.articles);
    expect(lean.quotationCount).toBe(searched.quotationCount);
    expect(() => lean.search('ferry')).toThrow(/let go/);
    // the searches still answer, in the workers
    expect((await running.searcher.run('search', ferry)).map((h) => h.article.id)).toEqual(
      searched.search(ferry.query, ferry.options).map((h) => h.article.id),
    );
    // a reload builds the next snapshot whole; once the workers switched to it, it goes too
    writeFileSync(path.join(dir, 'tide.txt'), 'Tide tables\n\nThe ferry waits for the spring tide.\n');
    const report = await reloadAndSwitch(live, running.pool)();
    expect(report?.ok).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(live.current.size).toBe(searched.size + 1);
    expect(live.current.hasIndexes).toBe(false);
    // the worker that built it wrote it to the cache: nothing left to save from here
    expect(await live.saveCache()).toBe(false);
    expect((await running.searcher.run('search', { query: 'spring tide', options: {} }))[0]?.article.id).toBe(
      'tide',
    );
  });

  it('keeps answering from this thread while a reload asked during the workers’ load reaches them', async () => {
    const { dir, live, running } = await setUp(1, {}, false);
    writeFileSync(path.join(dir, 'tide.txt'), 'Tide tables\n\nThe ferry waits for the spring tide.\n');
    const reloading = reloadAndSwitch(live, running.pool)();
    // every turn until the reload has reached the workers, a search: none may find the indexes gone
    const answers: number[] = [];
    let done = false;
    void reloading?.then(() => {
      done = true;
    });
    while (!done) {
      answers.push((await running.searcher.run('search', ferry)).length);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await running.pool.whenRefreshed();
    answers.push((await running.searcher.run('search', ferry)).length);
    expect(answers.every((n) => n > 0)).toBe(true);
  });

  it('SEARCH_WORKERS=0 starts no pool', async () => {
    const { running } = await setUp(0);
    expect(running).toBeNull();
  });

  it('refuses at once past the queue bound, and says when to come back', async () => {
    // each search blocks its worker for a while (a hook in the worker): one runs, two wait, the rest are refused
    const { running } = await setUp(1, { maxQueued: 2, testDelayMs: 300 });
    const asked = Array.from({ length: 8 }, () => running.pool.run('search', ferry));
    const settled = await Promise.allSettled(asked);
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(SearchBusy);
      expect((r.reason as SearchBusy).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
  });

  it('answers "busy" when a search runs past its time, and the worker carries on', async () => {
    const { running } = await setUp(1, { testDelayMs: 1500, timeoutMs: 50 });
    await expect(running.pool.run('search', ferry)).rejects.toBeInstanceOf(SearchTimeout);
    await expect(running.pool.run('newest', { max: 1 }, { timeoutMs: 20_000 })).resolves.toHaveLength(1);
  });

  it('switches every worker to the reloaded articles, the old ones answering until then', async () => {
    const { dir, live, running } = await setUp(2);
    expect(await running.pool.run('search', { query: 'zeppelin', options: {} })).toEqual([]);
    writeFileSync(
      path.join(dir, 'zeppelin.txt'),
      'Zeppelin Returns to the Harbour\n\nA zeppelin flew over the harbour.\n',
    );
    // /reload answers once the workers have switched: the next question finds what was added
    const report = await reloadAndSwitch(live, running.pool)()!;
    expect(report.added).toEqual(['zeppelin']);
    const both = await Promise.all([
      running.pool.run('search', { query: 'zeppelin', options: {} }),
      running.pool.run('search', { query: 'zeppelin', options: {} }),
    ]);
    for (const hits of both) expect(hits.map((h) => h.article.id)).toEqual(['zeppelin']);
    expect(running.pool.stats().workers).toBe(2);
  });

  it.each([1, 2])(
    'with %i worker(s), switches in stages while answering: one copy per worker (two for one), never half old and half new',
    async (workers) => {
      const { dir, live, running } = await setUp(workers);
      const pool = running.pool;
      const OLD = 'in twenty years after a mild spring and a wet summer';
      const NEW = 'in thirty years after a zeppelin survey';
      const versionOf = (text: string) =>
        text.includes('thirty') ? 'new' : text.includes('twenty') ? 'old' : '?';
      /** The snapshot an answer came from, checking that its article and its passage are of the same one. */
      const ask = async () => {
        const hits = await pool.run('search', { query: 'apple harvest', options: {} });
        const hit = hits.find((h) => h.article.id === 'apples');
        expect(hit?.passage).toBeTruthy();
        const version = versionOf(hit!.article.paragraphs.join('\n'));
        expect(versionOf(hit!.passage!.text)).toBe(version);
        return version;
      };
      expect(await ask()).toBe('old');
      writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT.replace(OLD, NEW));
      let threads = pool.stats().threads;
      const sampler = setInterval(() => {
        threads = Math.max(threads, pool.stats().threads);
      }, 1);
      const answers: { asked: number; answered: number; version: string }[] = [];
      let reportedAt = Number.POSITIVE_INFINITY;
      const reloading = reloadAndSwitch(live, pool)()!.then((report) => {
        reportedAt = performance.now();
        return report;
      });
      // three questions always in flight until the reload reports, then three more each
      const asker = async () => {
        for (let after = 0; after < 3; after += reportedAt < Number.POSITIVE_INFINITY ? 1 : 0) {
          const asked = performance.now();
          const version = await ask();
          answers.push({ asked, answered: performance.now(), version });
        }
      };
      const [report] = await Promise.all([reloading, asker(), asker(), asker()]);
      clearInterval(sampler);
      expect(report.changed).toEqual(['apples']);
      expect(threads).toBeLessThanOrEqual(Math.max(2, workers));
      expect(pool.stats()).toMatchObject({ workers, threads: workers });
      // every question was answered (none lost), from one snapshot, old until the switch and new after
      expect(answers.filter((a) => a.version === 'old').length).toBeGreaterThan(0);
      const firstNew = Math.min(...answers.filter((a) => a.version === 'new').map((a) => a.answered));
      for (const a of answers) if (a.asked > firstNew || a.asked > reportedAt) expect(a.version).toBe('new');
    },
  );

  it('reports its workers, queue and refusals in /metrics', async () => {
    const { live, running } = await setUp(1, { maxQueued: 0, testDelayMs: 200 });
    const metrics = new Metrics(live, { searchWorkers: 1, pool: running.pool });
    const first = running.pool.run('search', ferry);
    await expect(running.pool.run('search', ferry)).rejects.toBeInstanceOf(SearchBusy);
    await first;
    const text = await metrics.text();
    expect(text).toMatch(/^newsbot_search_workers_configured 1$/m);
    expect(text).toMatch(/^newsbot_search_workers 1$/m);
    expect(text).toMatch(/^newsbot_search_queue_limit 0$/m);
    expect(text).toMatch(/^newsbot_search_refused_total\{reason="busy"\} 1$/m);
    expect(text).toMatch(/^newsbot_search_wait_seconds_count 1$/m);
  });
});

describe('article references', () => {
  it('send the snapshot’s articles by id and put the main thread’s back', () => {
    const a = { id: 'a', title: 'A' };
    const mine = { id: 'a', title: 'A (main)' };
    const sent = toRefs([{ article: a, score: 1, related: [a], other: { id: 'a' } }], (v) => v === a);
    expect(JSON.stringify(sent)).not.toContain('"title"');
    const back = fromRefs(sent, (id) => (id === 'a' ? (mine as never) : undefined)) as { article: unknown }[];
    expect(back[0]).toEqual({ article: mine, score: 1, related: [mine], other: { id: 'a' } });
    expect(() => fromRefs(sent, () => undefined)).toThrow(/no article a/);
  });
});
