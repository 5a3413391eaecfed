// npm run bench:resume -- [--corpus DIR] [--scale 4] [--rounds 1] [--half 0.5]
//
// Issue 23: "a start killed halfway resumes, and the next start is faster than a cold one by at
// least a third". For each round, on a scaled copy of the corpus (bench/scaled-corpus.ts), with
// HEAP_LIMIT_MB=off so no relaunch mixes in (PARSE_WORKERS is passed on when set):
//   cold     `newsbot check` with an empty cache folder, to the end;
//   killed   `newsbot check` with another empty cache folder, SIGKILLed once the start's record
//            parts (cache.ts: JOURNAL_PART_RECORDS files each) hold `--half` of the files;
//   resumed  `newsbot check` again on the killed start's cache folder, to the end.
// Each run's wall time is measured here; its CPU time (every thread: the parse workers too) is
// written by the child itself at exit through a preloaded module. Prints each round and the
// medians, with resumed/cold ratios (the target: <= 0.67).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listArticleFiles } from '../src/articles/load.js';
import { JOURNAL_PART_RECORDS } from '../src/library/cache.js';
import { makeScaledCorpus } from './scaled-corpus.js';

interface Args {
  corpus: string;
  scale: number;
  rounds: number;
  half: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { corpus: '../shared/corpus/bbc', scale: 4, rounds: 1, half: 0.5 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--corpus') args.corpus = value();
    else if (flag === '--scale') args.scale = Math.max(1, Number(value()) || 1);
    else if (flag === '--rounds') args.rounds = Math.max(1, Number(value()) || 1);
    else if (flag === '--half') args.half = Math.min(0.95, Math.max(0.05, Number(value()) || 0.5));
    else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

const bin = fileURLToPath(new URL('../src/cli.js', import.meta.url));

/** Preloaded into the child: writes its CPU time (user + system, all threads, in ms) at exit. */
const CPU_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import fs from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); fs.writeFileSync(process.env.RESUME_BENCH_CPU_FILE, String((u.user + u.system) / 1000)); });",
)}`;

/** How often the killed run's cache folder is looked at, in ms: a small share of a part's few seconds. */
const POLL_MS = 50;

interface Run {
  wallMs: number;
  cpuMs: number | null;
  code: number | null;
  /** The end of its stderr, for a run that failed. */
  stderr: string;
}

/** How much of a run's stderr is kept to explain a failure. */
const STDERR_TAIL_CHARS = 2000;

/** Runs `newsbot check` on `seeds` with `cacheDir`; `killWhen` (polled) SIGKILLs it when it says so. */
function check(seeds: string, cacheDir: string, killWhen?: () => boolean): Promise<Run> {
  const cpuFile = path.join(cacheDir, '..', `cpu-${path.basename(cacheDir)}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', CPU_PRELOAD, bin, 'check', '--seeds', seeds], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      INDEX_CACHE_DIR: cacheDir,
      HEAP_LIMIT_MB: 'off',
      RESUME_BENCH_CPU_FILE: cpuFile,
      // to compare worker counts (the default: one per core): passed on when set, as the rest is not
      ...(process.env.PARSE_WORKERS === undefined ? {} : { PARSE_WORKERS: process.env.PARSE_WORKERS }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderr = (stderr + d).slice(-STDERR_TAIL_CHARS);
  });
  const poll = killWhen
    ? setInterval(() => {
        if (killWhen()) child.kill('SIGKILL');
      }, POLL_MS)
    : null;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const wallMs = performance.now() - started;
      let cpuMs: number | null = null;
      try {
        cpuMs = Number(readFileSync(cpuFile, 'utf8'));
        rmSync(cpuFile);
      } catch {
        // killed: it wrote nothing
      }
      resolve({ wallMs, cpuMs, code, stderr });
    });
  });
}

/** Files the start's record parts hold so far (each JOURNAL_PART_RECORDS files; the last may be short). */
function journaled(cacheDir: string): number {
  try {
    return (
      readdirSync(cacheDir).filter((n) => n.startsWith('records-') && n.endsWith('.ndjson')).length *
      JOURNAL_PART_RECORDS
    );
  } catch {
    return 0;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const seeds = await makeScaledCorpus(path.resolve(args.corpus), args.scale);
  const work = mkdtempSync(path.join(tmpdir(), 'newsbot-resume-'));
  try {
    const files = (await listArticleFiles(seeds)).files.length;
    const killAt = Math.ceil(files * args.half);
    process.stdout.write(
      `resume bench: ${files} files (${args.scale}x ${args.corpus}), killed once ${killAt} are in record parts\n`,
    );
    const cold: Run[] = [];
    const resumed: Run[] = [];
    for (let round = 1; round <= args.rounds; round++) {
      const coldDir = mkdtempSync(path.join(work, 'cold-'));
      const c = await check(seeds, coldDir);
      const killedDir = mkdtempSync(path.join(work, 'killed-'));
      const k = await check(seeds, killedDir, () => journaled(killedDir) >= killAt);
      const kept = journaled(killedDir);
      const r = await check(seeds, killedDir);
      if (c.code !== 0 || r.code !== 0)
        throw new Error(
          `a start failed (cold ${c.code}, resumed ${r.code}):\n${c.code !== 0 ? c.stderr : r.stderr}`,
        );
      cold.push(c);
      resumed.push(r);
      process.stdout.write(
        `round ${round}: cold ${s(c.wallMs)} wall, ${s(c.cpuMs ?? 0)} CPU; killed after ${s(k.wallMs)} with ${kept} files in parts; resumed ${s(r.wallMs)} wall, ${s(r.cpuMs ?? 0)} CPU\n`,
      );
      rmSync(coldDir, { recursive: true, force: true });
      rmSync(killedDir, { recursive: true, force: true });
    }
    const wall = median(resumed.map((r) => r.wallMs)) / median(cold.map((r) => r.wallMs));
    const cpu = median(resumed.map((r) => r.cpuMs ?? 0)) / median(cold.map((r) => r.cpuMs ?? 0));
    process.stdout.write(
      `median: cold ${s(median(cold.map((r) => r.wallMs)))} wall, ${s(median(cold.map((r) => r.cpuMs ?? 0)))} CPU; ` +
        `resumed ${s(median(resumed.map((r) => r.wallMs)))} wall, ${s(median(resumed.map((r) => r.cpuMs ?? 0)))} CPU\n` +
        `resumed/cold: wall ${wall.toFixed(2)}, CPU ${cpu.toFixed(2)} (issue 23's target: <= 0.67)\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(seeds, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:resume: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
