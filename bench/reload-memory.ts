// npm run bench:reload-memory -- --dir FOLDER --cache DIR [--workers 2] [--rounds 1] [--copy-of DIR]
//
// Where a reload's peak memory is (issue 23): opens the library in FOLDER (its warm cache in DIR;
// built and saved first when it does not match), starts SEARCH_WORKERS search workers as the bot
// does, then changes 1% of the files and reloads, `rounds` times, as /reload does (the report
// counts once the workers have switched). Meanwhile the process's RSS (every thread: the main
// thread, the search workers, the parse workers) is read every RSS_SAMPLE_MS, with the main
// thread's heap, and each sample is put in the phase it fell in:
//   main: the main thread reads, parses and builds the new library beside the old one;
//   workers: the main thread has switched; the search workers take the new snapshot.
// Run it once with --workers 0 to see the main thread's part alone. `--copy-of DIR` first copies
// DIR (a scaled corpus, not written into) to a fresh folder and uses that. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { defaultParseWorkers } from '../src/config.js';
import { LiveLibrary } from '../src/library/live.js';
import { reloadAndSwitch, startSearchPool } from '../src/search-pool/start.js';
import { changeOnePercent } from './scaled-corpus.js';

/** RSS is read this often: the issue asks for 100 ms, short enough to catch a switch's peak. */
const RSS_SAMPLE_MS = 100;
const MB = 1024 * 1024;

interface Args {
  dir: string;
  cache: string;
  workers: number;
  rounds: number;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> & { copyOf?: string } = { workers: 2, rounds: 1 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i] ?? '';
    if (flag === '--dir') args.dir = path.resolve(value());
    else if (flag === '--cache') args.cache = path.resolve(value());
    else if (flag === '--workers') args.workers = Number(value());
    else if (flag === '--rounds') args.rounds = Number(value());
    else if (flag === '--copy-of') args.copyOf = path.resolve(value());
    else throw new Error(`unknown flag ${flag}`);
  }
  if (args.copyOf) {
    args.dir = mkdtempSync(path.join(tmpdir(), 'newsbot-reload-memory-'));
    execFileSync('cp', ['-a', `${args.copyOf}/.`, args.dir]);
  }
  if (!args.dir || !args.cache) throw new Error('--dir (or --copy-of) and --cache are needed');
  return args as Args;
}

type Phase = 'idle' | 'main' | 'workers';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const live = await LiveLibrary.open({
    seedsDir: args.dir,
    maxArticleBytes: 1024 * 1024,
    cacheDir: args.cache,
    parseWorkers: defaultParseWorkers(),
    // as the bot's main thread (library/live.ts openOptionsOf): a warm start's text stays in the cache
    textOnDisk: { keepAnalyses: true },
  });
  const fromCache = live.fromCache;
  await live.saveCache();
  const running = await startSearchPool(
    {
      seedsDir: args.dir,
      maxArticleBytes: 1024 * 1024,
      seedsFollowLinks: 'none',
      indexCacheDir: args.cache,
      searchWorkers: args.workers,
    },
    live,
  );
  await running?.pool.whenReady();
  let phase: Phase = 'idle';
  const peak: Record<Phase, { rssMB: number; heapMB: number }> = {
    idle: { rssMB: 0, heapMB: 0 },
    main: { rssMB: 0, heapMB: 0 },
    workers: { rssMB: 0, heapMB: 0 },
  };
  const sample = () => {
    const rss = process.memoryUsage.rss() / MB;
    const heap = v8.getHeapStatistics().used_heap_size / MB;
    peak[phase].rssMB = Math.max(peak[phase].rssMB, Math.round(rss));
    peak[phase].heapMB = Math.max(peak[phase].heapMB, Math.round(heap));
  };
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  sample();
  const reserveMB = () => Math.round((running?.pool.switchReserveBytes() ?? 0) / MB);
  const atReady = {
    rssMB: Math.round(process.memoryUsage.rss() / MB),
    articles: live.current.size,
    // what the reload's memory check counts for the workers' switch (SearchPool.switchReserveBytes)
    reserveMB: reserveMB(),
  };
  live.onReload(() => {
    if (phase === 'main') phase = 'workers';
  });
  const reload = reloadAndSwitch(live, running?.pool ?? null);
  const files = live.current.articles.map((a) => a.file);
  const rounds: unknown[] = [];
  for (let round = 0; round < args.rounds; round++) {
    const changed = changeOnePercent(args.dir, files, round);
    for (const p of Object.values(peak)) Object.assign(p, { rssMB: 0, heapMB: 0 });
    phase = 'idle';
    sample();
    phase = 'main';
    const t = performance.now();
    const report = await reload();
    const ms = performance.now() - t;
    phase = 'idle';
    rounds.push({
      changed,
      ok: report?.ok === true,
      error: report?.error ?? null,
      seconds: Math.round(ms) / 1000,
      before: { ...peak.idle },
      mainPhase: { ...peak.main },
      workersPhase: { ...peak.workers },
      reserveMB: reserveMB(),
    });
  }
  clearInterval(timer);
  await running?.close();
  process.stdout.write(
    `${JSON.stringify({ dir: args.dir, workers: args.workers, fromCache, atReady, articles: live.current.size, rounds })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
