// npm run stress:load -- [--rounds 3] [--files 1200] [--seed 1] [--bin PATH/cli.js] [--only NAME]
//
// Issue 17: "the process never crashes on a file or folder". `newsbot check` twice died under heavy
// load with a TypeError in oneLine: a load problem had no `file` (its reason, once seen: "The "path"
// argument must be of type string. Received undefined"). This harness runs `check` and `console`
// starts the way a starved machine runs them and asserts that every problem they report has a
// string `file` and `reason`, and that no run ends in an unexpected error.
//
// The starvation is made without burning a core: the child runs on one CPU (taskset) and is
// stopped and continued at random (SIGSTOP for STOP_MS, SIGCONT for RUN_MS), so its wall clock runs
// on while it does nothing and its time slices (time-slices.ts) fall due at arbitrary points of the
// load. Each round, on a folder of `--files` small generated articles (no corpus text) with a few
// of every kind of problem (duplicate ids x.md and x.txt, byte-identical copies, empty, binary,
// not an article, a link to outside):
//   cold          check --json, empty cache folder (parse workers, journal parts written);
//   changed       check --json after a few files changed: the cache's records are reused for the
//                 files the hashing worker found unchanged (the path of the crash);
//   text          check (the report lines through oneLine) on the same cache;
//   killed        check SIGKILLed at a random moment (mid-parse, mid-journal, mid-save), then
//   resumed       check on what it left: --json in odd rounds, the text report in even ones;
//   mutated       check --json while files are deleted, renamed, rewritten, replaced by a folder,
//                 a FIFO or a link during the start;
//   workers       check --json with every worker thread (parse and hashing) terminated at a random
//                 moment after it starts (a preloaded module wraps worker_threads.Worker);
//   console       console with "/help" on stdin: the start, the banner, one reply, exit 0.
// Prints one line per run and exits 1 when any assertion failed. Not in CI: a round takes a minute.
//
// --bin runs another build's cli.js (say, a copy of main's dist/) to show a failure the fix removes.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { random } from './random.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    files: { type: 'string', default: '1200' },
    seed: { type: 'string', default: '1' },
    bin: { type: 'string' },
    only: { type: 'string' },
  },
});
const rounds = Math.max(1, Number(values.rounds) || 3);
const fileCount = Math.max(40, Number(values.files) || 1200);
const bin = values.bin ? path.resolve(values.bin) : fileURLToPath(new URL('../src/cli.js', import.meta.url));

/**
 * The child runs between RUN_MS[0] and RUN_MS[1] ms, then stops between STOP_MS[0] and STOP_MS[1]
 * ms: a core shared with about four busy processes, in bursts. Stops of up to a few hundred ms put a
 * start's 200 ms slice (live.ts: START_SLICE_MS) due at any point of the load, which a quiet
 * machine never does for a folder this small.
 */
const RUN_MS: [number, number] = [2, 40];
const STOP_MS: [number, number] = [0, 250];
/** How often the mutated scenario changes the folder while a start runs. */
const MUTATE_EVERY_MS = 30;
/** A worker thread is terminated at a random moment within this many ms of its start (workers scenario). */
const KILL_WORKER_WITHIN_MS = 1500;
/** A run that takes longer than this is killed and counted as failed (a hang is a failure too). */
const RUN_TIMEOUT_MS = 300_000;

const rand = random(Number(values.seed) || 1);
const between = ([low, high]: [number, number]) => low + rand() * (high - low);

const WORDS =
  'council budget harbour ferry island school road rail strike union pay deal minister talks court judge ruling election vote party leader'.split(
    ' ',
  );

/** A small article of its own (generated, never from a corpus): title, date, a quotation. */
function article(n: number, edit = 0): string {
  const words = Array.from({ length: 40 }, (_, i) => WORDS[(n * 7 + i * 3 + edit) % WORDS.length]).join(' ');
  return `---\ntitle: Article ${n} on the ${WORDS[n % WORDS.length]}\ndate: 2026-0${1 + (n % 9)}-1${n % 10}\n---\n\nThe ${words} (${n}, ${edit}).\n\n"We will look at the ${WORDS[(n + edit) % WORDS.length]} again," said Jane Doe${n}, the minister.\n`;
}

/** The seeds folder: `count` articles in a few sections, and a few of every kind of problem. */
function makeSeeds(dir: string, count: number): void {
  rmSync(dir, { recursive: true, force: true });
  for (let n = 0; n < count; n++) {
    const section = path.join(dir, `s${n % 7}`);
    mkdirSync(section, { recursive: true });
    writeFileSync(path.join(section, `a${n}.txt`), article(n));
  }
  writeFileSync(path.join(dir, 'same.md'), article(count + 1));
  writeFileSync(path.join(dir, 'same.txt'), article(count + 2));
  writeFileSync(path.join(dir, 'copy.txt'), article(0));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([1, 0, 2, 0]));
  writeFileSync(path.join(dir, 'notes.json'), '{}');
  writeFileSync(path.join(dir, 'title-only.txt'), 'Only a title\n');
  symlinkSync('/etc/hostname', path.join(dir, 'outside.txt'));
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

interface RunOptions {
  args: string[];
  cacheDir: string;
  stdin?: string;
  /** Kill the child (SIGKILL) after this many ms. */
  killAfterMs?: number;
  /** Terminate every worker thread at a random moment (KILL_WORKER_WITHIN_MS). */
  killWorkers?: boolean;
  /** Called every MUTATE_EVERY_MS while the child runs. */
  mutate?: () => void;
}

/** Preloaded into the child for `killWorkers`: every Worker is terminated at a random moment. */
const KILL_WORKERS_PRELOAD = `data:text/javascript,${encodeURIComponent(`
import { createRequire, syncBuiltinESMExports } from 'node:module';
const threads = createRequire(process.cwd() + '/')('node:worker_threads');
if (threads.isMainThread) {
  const Base = threads.Worker;
  threads.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      setTimeout(() => void this.terminate(), Math.random() * ${KILL_WORKER_WITHIN_MS}).unref();
    }
  };
  syncBuiltinESMExports();
}`)}`;

/** Stops and continues `child` at random until it exits. */
function starve(child: ChildProcess): () => void {
  let stopped = false;
  let done = false;
  const step = () => {
    if (done) return;
    stopped = !stopped;
    try {
      child.kill(stopped ? 'SIGSTOP' : 'SIGCONT');
    } catch {
      return;
    }
    setTimeout(step, between(stopped ? STOP_MS : RUN_MS));
  };
  setTimeout(step, between(RUN_MS));
  return () => {
    done = true;
    if (stopped) child.kill('SIGCONT');
  };
}

function run(seeds: string, options: RunOptions): Promise<Run> {
  const started = performance.now();
  const nodeArgs = [...(options.killWorkers ? ['--import', KILL_WORKERS_PRELOAD] : []), bin];
  const child = spawn(
    'taskset',
    ['-c', '0', process.execPath, ...nodeArgs, ...options.args, '--seeds', seeds],
    {
      // a folder of its own: no .env is read
      cwd: path.dirname(options.cacheDir),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        INDEX_CACHE_DIR: options.cacheDir,
        HEAP_LIMIT_MB: 'off',
        PARSE_WORKERS: '2',
        SEARCH_WORKERS: '0',
        LOG_LEVEL: 'silent',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stdin?.end(options.stdin ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
  });
  const stopStarving = starve(child);
  const timers = [
    setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? RUN_TIMEOUT_MS),
    ...(options.mutate ? [setInterval(options.mutate, MUTATE_EVERY_MS)] : []),
  ];
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      stopStarving();
      for (const timer of timers) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** What is wrong with a run that should have ended normally (empty: nothing). */
function failures(r: Run, mode: 'json' | 'text' | 'console'): string[] {
  const out: string[] = [];
  if (r.signal) out.push(`killed by ${r.signal} (a hang past ${RUN_TIMEOUT_MS} ms?)`);
  else if (r.code !== 0) out.push(`exit code ${r.code}`);
  if (/unexpected error|TypeError|\n\s+at /.test(r.stderr)) out.push(`stderr: ${r.stderr.slice(0, 600)}`);
  if (mode === 'json') {
    type Doc = { articles?: unknown[]; problems?: unknown[] };
    let doc: Doc | null = null;
    try {
      doc = JSON.parse(r.stdout) as Doc;
    } catch {
      out.push(`stdout is not JSON: ${r.stdout.slice(0, 200)}`);
    }
    const problems = doc?.problems ?? [];
    const bad = problems.filter((p) => {
      const { file, reason } = (p ?? {}) as { file?: unknown; reason?: unknown };
      return typeof file !== 'string' || !file || typeof reason !== 'string' || !reason;
    });
    if (bad.length)
      out.push(
        `${bad.length} of ${problems.length} problems without a file or reason, e.g. ${JSON.stringify(bad[0])}`,
      );
    if (doc && !doc.articles?.length) out.push('no article loaded');
  } else {
    const lines = r.stdout.split('\n');
    // the console's banner is for a terminal: off one, its first output is the reply to /help
    if (mode === 'console' && !/I answer questions about \d+ news articles?/.test(r.stdout))
      out.push(`no reply to /help: ${r.stdout.slice(0, 200)}`);
    if (mode === 'text' && !lines[0]?.startsWith('Loaded '))
      out.push(`no "Loaded" line: ${r.stdout.slice(0, 200)}`);
    if (mode === 'text') {
      const bad = lines.slice(1).filter((l) => l && !/^ {2}(skipped|warning): \S.*: \S/.test(l));
      if (bad.length)
        out.push(`${bad.length} report lines not "  skipped|warning: file: reason", e.g. ${bad[0]}`);
    }
  }
  return out;
}

/** One change to the folder while a start reads it: delete, rename, rewrite, or replace a file. */
function mutator(seeds: string): () => void {
  let n = 0;
  return () => {
    const section = path.join(seeds, `s${Math.floor(rand() * 7)}`);
    let names: string[];
    try {
      names = readdirSync(section);
    } catch {
      return;
    }
    const name = names[Math.floor(rand() * names.length)];
    if (!name) return;
    const file = path.join(section, name);
    const what = Math.floor(rand() * 6);
    n++;
    try {
      if (what === 0) rmSync(file, { recursive: true, force: true });
      else if (what === 1) renameSync(file, path.join(section, `renamed-${n}-${name}`));
      // only a regular file is rewritten: opening a FIFO made earlier would wait for a reader forever
      else if (what === 2) {
        if (lstatSync(file).isFile()) writeFileSync(file, article(n, n));
      } else if (what === 3) {
        rmSync(file, { recursive: true, force: true });
        mkdirSync(file);
      } else if (what === 4) {
        rmSync(file, { recursive: true, force: true });
        execFileSync('mkfifo', [file]);
      } else {
        rmSync(file, { recursive: true, force: true });
        symlinkSync('/etc/hostname', file);
      }
    } catch {
      // the start moved it first, or it is gone: the next change
    }
  };
}

/** Changes every `every`-th article's text: the cache then matches the rest (the hashing worker's unchanged files). */
function changeSome(seeds: string, every: number, edit: number): void {
  for (let n = 0; n < fileCount; n += every) {
    const file = path.join(seeds, `s${n % 7}`, `a${n}.txt`);
    if (existsSync(file) && lstatSync(file).isFile()) writeFileSync(file, article(n, edit));
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'newsbot-load-stress-'));
  const seeds = path.join(work, 'seeds');
  let failed = 0;
  let runs = 0;
  const report = (round: number, name: string, r: Run, mode: 'json' | 'text' | 'console' | 'killed') => {
    const problems = mode === 'killed' ? [] : failures(r, mode);
    runs++;
    if (problems.length) failed++;
    process.stdout.write(
      `round ${round} ${name.padEnd(8)} ${(r.wallMs / 1000).toFixed(1).padStart(5)} s  ${problems.length ? `FAIL: ${problems.join('; ')}` : mode === 'killed' ? (r.signal ? `killed (${r.signal})` : `ended before the kill (exit ${r.code})`) : 'ok'}\n`,
    );
  };
  const wanted = (name: string) => !values.only || values.only.split(',').includes(name);
  process.stdout.write(`load stress: ${fileCount} files, ${rounds} rounds, ${bin}\n`);
  try {
    for (let round = 1; round <= rounds; round++) {
      makeSeeds(seeds, fileCount);
      const cache = path.join(work, `cache-${round}`);
      const json = ['check', '--json'];
      const cold = await run(seeds, { args: json, cacheDir: cache });
      if (wanted('cold')) report(round, 'cold', cold, 'json');
      changeSome(seeds, 20, round);
      if (wanted('changed'))
        report(round, 'changed', await run(seeds, { args: json, cacheDir: cache }), 'json');
      changeSome(seeds, 25, round + 100);
      if (wanted('text'))
        report(round, 'text', await run(seeds, { args: ['check'], cacheDir: cache }), 'text');
      if (wanted('killed') || wanted('resumed')) {
        const killedCache = path.join(work, `killed-${round}`);
        const killAfterMs = rand() * cold.wallMs;
        report(
          round,
          'killed',
          await run(seeds, { args: json, cacheDir: killedCache, killAfterMs }),
          'killed',
        );
        changeSome(seeds, 30, round + 200);
        // the report as JSON (every problem's fields checked) and, every other round, as text (oneLine)
        const mode = round % 2 ? 'json' : 'text';
        const args = mode === 'json' ? json : ['check'];
        report(round, 'resumed', await run(seeds, { args, cacheDir: killedCache }), mode);
      }
      if (wanted('workers')) {
        const workersCache = path.join(work, `workers-${round}`);
        report(
          round,
          'workers',
          await run(seeds, { args: json, cacheDir: workersCache, killWorkers: true }),
          'json',
        );
        changeSome(seeds, 15, round + 300);
        report(
          round,
          'workers',
          await run(seeds, { args: json, cacheDir: workersCache, killWorkers: true }),
          'json',
        );
      }
      if (wanted('console'))
        report(
          round,
          'console',
          await run(seeds, { args: ['console'], cacheDir: cache, stdin: '/help\n' }),
          'console',
        );
      if (wanted('mutated'))
        report(
          round,
          'mutated',
          await run(seeds, { args: json, cacheDir: cache, mutate: mutator(seeds) }),
          'json',
        );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${runs - failed} of ${runs} runs ok\n`);
  process.exitCode = failed ? 1 : 0;
}

await main();
