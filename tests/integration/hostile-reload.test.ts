// A reload of hostile 1 MiB files (issue 17) keeps the event loop turning: /healthz answers while
// it runs, the load gives the loop a turn between files and inside each file, and an abort stops
// it inside a file. Nothing here measures time (npm run bench:hostile measures /healthz's wait);
// the assertions are about order: what happened before the reload finished.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileFiles } from '../../bench/hostile-files.js';
import { loadFolder } from '../../src/articles/load.js';
import { LiveLibrary } from '../../src/library/live.js';
import { createLogger } from '../../src/logger.js';
import { Metrics } from '../../src/web/metrics.js';
import { startWebServer } from '../../src/web/server.js';
import { seedsFolder } from '../helpers.js';

const MiB = 1024 * 1024;
/** The cases the issue names: runs of '.', '!' and '…', front matter of tens of thousands of keys, one name said thousands of times. */
const NAMED = ['stops.txt', 'bangs.txt', 'ellipses.txt', 'many-keys.md', 'one-name.txt'];
const hostile = () =>
  Object.fromEntries(Object.entries(hostileFiles(MiB)).filter(([name]) => NAMED.includes(name)));
/** Generous: these files are parsed in earnest, on a machine that may be busy. */
const SLOW = 120_000;

/** Counts turns of the event loop (a setImmediate that re-arms itself) until stopped. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () => {
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop() {
      running = false;
    },
  };
}

describe('a reload of hostile files keeps the event loop turning', () => {
  it(
    'answers /healthz while the reload is still running',
    async () => {
      const dir = seedsFolder({ 'plain.txt': 'Council meeting\n\nThe council met on Tuesday.' });
      const live = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: MiB, cacheDir: null });
      const server = await startWebServer(
        { live, logger: createLogger('silent'), metrics: new Metrics(live), publicUrl: null },
        { host: '127.0.0.1', port: 0 },
      );
      try {
        for (const [name, text] of Object.entries(hostile())) writeFileSync(path.join(dir, name), text);
        let finished = false;
        const reload = live.reload()?.then((report) => {
          finished = true;
          return report;
        });
        let answeredDuring = 0;
        while (!finished) {
          const res = await fetch(`${server.address}/healthz`);
          expect(await res.json()).toEqual({ status: 'ok' });
          if (!finished) answeredDuring++;
        }
        const report = await reload;
        expect(report?.ok).toBe(true);
        expect(report?.added.sort()).toEqual(['bangs', 'ellipses', 'one-name', 'stops']);
        expect(report?.problems.map((p) => p.file)).toEqual(['many-keys.md']);
        expect(answeredDuring).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    },
    SLOW,
  );

  it(
    'gives the event loop a turn between files and inside each file',
    async () => {
      const dir = seedsFolder(hostile());
      const turns = turnCounter();
      const seen: number[] = [];
      try {
        // a budget of 0 ms: every slice is due, so the load yields at every chance it has
        const r = await loadFolder(dir, {
          maxBytes: MiB,
          yieldEveryMs: 0,
          watch: { listed: () => {}, record: () => seen.push(turns.turns) },
        });
        expect(r.articles).toHaveLength(4);
      } finally {
        turns.stop();
      }
      // the loop turned between every two files
      for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
      // and inside them: more turns than files (a file of one name said over and over is thousands of blocks)
      expect(seen.at(-1)!).toBeGreaterThan(1000);
    },
    SLOW,
  );

  it(
    'stops inside a file when the load is aborted (a reload deadline, SIGTERM)',
    async () => {
      const dir = seedsFolder({ 'one-name.txt': hostile()['one-name.txt']! });
      const stop = new AbortController();
      const turns = turnCounter();
      let records = 0;
      const loading = loadFolder(dir, {
        maxBytes: MiB,
        yieldEveryMs: 0,
        signal: stop.signal,
        watch: { listed: () => {}, record: () => records++ },
      });
      // abort once the loop has turned a few times: the one file is being parsed
      while (turns.turns < 5) await new Promise((resolve) => setImmediate(resolve));
      stop.abort(new Error('reload deadline'));
      await expect(loading).rejects.toThrow('reload deadline');
      turns.stop();
      expect(records).toBe(0);
    },
    SLOW,
  );
});
