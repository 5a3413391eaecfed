// npm run bench:hostile -- [--copies 3] [--every 5] [--turns]
//
// How long /healthz waits while a reload parses hostile files (issue 17: "/healthz answers within
// 100 ms during any reload"). A library of a few plain articles is served on 127.0.0.1; then
// `copies` of each file of hostile-files.ts (1 MiB each: runs of stops, front matter of tens of
// thousands of keys, one name said thousands of times…) are written and the library reloaded,
// while a client in another process asks /healthz every `every` ms and times each answer. Prints
// the reload's time, the main thread's CPU time during it (what the reload costs the thread that
// answers, however busy the machine) and the answers' p50, p99 and max. With --turns it also
// prints the main thread's longest CPU time in one turn of its event loop during the reload: on a
// busy machine the answers' times are mostly waiting for a core, while this is the main thread's
// own longest task, which is what holds /healthz up on a quiet one. It reads /proc every
// millisecond (a few percent of the main thread), so it is off by default.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultParseWorkers } from '../src/config.js';
import { LiveLibrary } from '../src/library/live.js';
import { createLogger } from '../src/logger.js';
import { osThreadId, threadCpuMs } from '../src/search-pool/thread-cpu.js';
import { Metrics } from '../src/web/metrics.js';
import { startWebServer } from '../src/web/server.js';
import { hostileFiles } from './hostile-files.js';

/** MAX_ARTICLE_BYTES's default: the largest file a reload reads. */
const MAX_BYTES = 1024 * 1024;

const { values } = parseArgs({
  options: {
    copies: { type: 'string', default: '3' },
    every: { type: 'string', default: '5' },
    turns: { type: 'boolean', default: false },
  },
});
const copies = Math.max(1, Number(values.copies) || 3);
const everyMs = Math.max(1, Number(values.every) || 5);

/**
 * The client: asks `url` every `every` ms (one request at a time, as a health check does) until
 * its stdin closes, then prints every answer's time in ms as one JSON list. A separate process, so
 * a request is sent on time however long the server's event loop is held.
 */
const CLIENT = `
const [url, every] = process.argv.slice(1);
const times = [];
const errors = [];
let open = true;
process.stdin.on('end', () => { open = false; }).resume();
while (open) {
  const t = performance.now();
  try {
    const res = await fetch(url);
    await res.text();
    times.push(performance.now() - t);
  } catch (error) {
    errors.push(String(error.cause ?? error));
  }
  if (times.length + errors.length === 1) console.error('ready');
  await new Promise((r) => setTimeout(r, Number(every)));
}
console.log(JSON.stringify({ times, errors }));
`;

/** How many of the longest turns are printed. */
const TURNS_SHOWN = 3;

/**
 * Times the main thread's turns: a 1 ms timer reads its CPU time (cpuAt) and keeps the largest
 * differences between two readings, each the CPU of the work that ran between two of its turns
 * (schedstat's clock lags by up to a scheduler tick, a few ms). `stop` gives the TURNS_SHOWN
 * largest, largest first (none when cpuAt cannot read).
 */
function longestTurns(cpuAt: () => number | null): { stop(): number[] } {
  const largest: number[] = [];
  let last = cpuAt();
  const timer = setInterval(() => {
    const now = cpuAt();
    if (now === null || last === null) return;
    largest.push(now - last);
    largest.sort((a, b) => b - a);
    largest.length = Math.min(largest.length, TURNS_SHOWN);
    last = cpuAt();
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return largest;
    },
  };
}

const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-hostile-'));
try {
  for (let i = 0; i < 20; i++)
    writeFileSync(
      path.join(dir, `plain-${i}.txt`),
      `Council meeting ${i}\n\nThe council met on Tuesday. "We will build the bridge," Mayor Ann Roe said.\n`,
    );
  // as the bot runs: PARSE_WORKERS at its default (the large files are parsed in a worker)
  const parseWorkers = defaultParseWorkers();
  const live = await LiveLibrary.open({
    seedsDir: dir,
    maxArticleBytes: MAX_BYTES,
    cacheDir: null,
    parseWorkers,
  });
  const server = await startWebServer(
    { live, logger: createLogger('silent'), metrics: new Metrics(live), publicUrl: null },
    { host: '127.0.0.1', port: 0 },
  );
  try {
    for (let c = 0; c < copies; c++) {
      mkdirSync(path.join(dir, `copy-${c}`), { recursive: true });
      for (const [name, text] of Object.entries(hostileFiles(MAX_BYTES)))
        writeFileSync(path.join(dir, `copy-${c}`, name), c === 0 ? text : `${text}\n${c}`);
    }
    let answers = '';
    let ready: () => void = () => {};
    const isReady = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const client = execFile(
      process.execPath,
      ['--input-type=module', '-e', CLIENT, `${server.address}/healthz`, String(everyMs)],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    client.stdout?.on('data', (d) => {
      answers += d;
    });
    client.stderr?.on('data', (d) => {
      if (String(d).includes('ready')) ready();
    });
    const done = new Promise<void>((resolve) => client.on('close', () => resolve()));
    await isReady;
    const mainThread = osThreadId();
    const cpuAt = () => (mainThread === null ? null : threadCpuMs(mainThread));
    const turns = values.turns ? longestTurns(cpuAt) : null;
    const cpuBefore = cpuAt();
    const t = performance.now();
    const report = await live.reload();
    const reloadMs = performance.now() - t;
    const cpuAfter = cpuAt();
    const longest = turns?.stop() ?? null;
    const mainCpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
    client.stdin?.end();
    await done;
    const { times, errors } = JSON.parse(answers || '{"times":[],"errors":["no output"]}') as {
      times: number[];
      errors: string[];
    };
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
    const ms = (x: number) => x.toFixed(1);
    console.log(
      `hostile reload: ${copies} × ${Object.keys(hostileFiles(MAX_BYTES)).length} files of about 1 MiB, ` +
        `${report ? `${report.added.length} added` : 'no reload'} in ${ms(reloadMs)} ms (PARSE_WORKERS ${parseWorkers}); ` +
        `main thread CPU ${mainCpuMs === null ? 'unknown (no /proc)' : `${ms(mainCpuMs)} ms`}`,
    );
    console.log(
      `  /healthz during it (every ${everyMs} ms, ${times.length} answers): p50 ${ms(at(0.5))} ms, ` +
        `p99 ${ms(at(0.99))} ms, max ${ms(times[times.length - 1] ?? Number.NaN)} ms (budget 100 ms)` +
        (errors.length ? `; ${errors.length} failed: ${[...new Set(errors)].join(', ')}` : ''),
    );
    if (longest)
      console.log(
        `  main thread's longest CPU in one event-loop turn: ${longest.length ? longest.map(ms).join(', ') : 'unknown (no /proc)'} ms`,
      );
  } finally {
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
