// Parse workers (PARSE_WORKERS): the built worker scripts, dist/articles/parse-worker.js and
// dist/library/analysing-parse-worker.js, run in worker threads, so this file is in the 'built' test project (vitest.config.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { loadFolder } from '../../../src/articles/load.js';
import { parseArticle } from '../../../src/articles/parse.js';
import {
  MIN_FILES_PER_PARSE_WORKER,
  ParsePool,
  readAndParse,
  readAndParseSync,
  WORKER_PARSE_MIN_BYTES,
} from '../../../src/articles/parse-pool.js';
import { contentHash } from '../../../src/articles/read-file.js';
import type { Article } from '../../../src/articles/types.js';
import { analyseArticle } from '../../../src/library/library.js';
import { LIBRARY_PARSE_WORKER_SCRIPT, LiveLibrary } from '../../../src/library/live.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder, writeArticles } from '../../helpers.js';

const opts = { maxBytes: 1024 * 1024 };

/** How long an abandoned load's process may live on before it counts as held alive (it ends in well under a second). */
const ABANDONED_LOAD_EXIT_BOUND_MS = 15_000;

describe('ParsePool', () => {
  it("reads, hashes and parses in its workers, which stay up: the outcome is this thread's", async () => {
    const root = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const job = { root, file: 'ferry.txt', maxBytes: opts.maxBytes, previousHash: null };
    const pool = ParsePool.create(2)!;
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => pool.readAndParse(job)));
    // a worker that could not start or died is dropped from the pool (its files parsed here): both answered
    expect(pool.size).toBe(2);
    const bytes = new TextEncoder().encode(SEED_FORMAT);
    for (const outcome of outcomes) {
      expect(JSON.stringify(outcome)).toBe(JSON.stringify(await readAndParse(job)));
      expect(outcome).toMatchObject({ kind: 'parsed', hash: contentHash(bytes), size: bytes.length });
      if (outcome.kind === 'parsed') expect(outcome.parsed).toEqual(parseArticle('ferry.txt', bytes, opts));
    }
    // the same content as the previous record: read and hashed, not parsed
    expect(await pool.readAndParse({ ...job, previousHash: contentHash(bytes) })).toMatchObject({
      kind: 'unchanged',
      hash: contentHash(bytes),
    });
    // a file the safe read refuses is refused in the worker too, with the same reason
    const tooLarge = { ...job, maxBytes: 10 };
    expect(await pool.readAndParse(tooLarge)).toEqual(await readAndParse(tooLarge));
    expect(await pool.readAndParse(tooLarge)).toMatchObject({ kind: 'refused' });
    await pool.close();
  });
});

describe("readAndParseSync (a parse worker's read)", () => {
  it('gives what readAndParse gives: parsed, unchanged, too large, missing, a link', async () => {
    const root = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    symlinkSync(path.join(root, 'ferry.txt'), path.join(root, 'link.txt'));
    const job = { root, file: 'ferry.txt', maxBytes: opts.maxBytes, previousHash: null };
    const hash = contentHash(new TextEncoder().encode(SEED_FORMAT));
    const jobs = [
      job,
      { ...job, previousHash: hash },
      { ...job, maxBytes: 10 },
      { ...job, file: 'gone.txt' },
      { ...job, file: 'link.txt' },
    ];
    const kinds: string[] = [];
    for (const each of jobs) {
      const outcome = readAndParseSync(each);
      expect(JSON.stringify(outcome)).toBe(JSON.stringify(await readAndParse(each)));
      kinds.push(outcome.kind);
    }
    expect(kinds).toEqual(['parsed', 'unchanged', 'refused', 'refused', 'refused']);
  });
});

describe('ParsePool.close', () => {
  it('rejects a file still outstanding instead of parsing it in this thread', async () => {
    const root = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const pool = ParsePool.create(1)!;
    const outstanding = pool.readAndParse({
      root,
      file: 'ferry.txt',
      maxBytes: opts.maxBytes,
      previousHash: null,
    });
    const rejected = expect(outstanding).rejects.toThrow(/closed before it was parsed/);
    await pool.close();
    await rejected;
  });
});

describe('loadFolder with parse workers', () => {
  it('gives the very same articles, problems and records with workers as in the main thread', async () => {
    // past MIN_FILES_PER_PARSE_WORKER, so the workers start; files of every kind, bad ones too
    const files: Record<string, string | Uint8Array> = {};
    const kinds = [SEED_FORMAT, FRONT_MATTER, PLAIN_TEXT];
    for (let i = 0; i < 3 * MIN_FILES_PER_PARSE_WORKER; i++)
      files[`s${i % 4}/a${String(i).padStart(3, '0')}.txt`] =
        `${kinds[i % 3]!}\nNumber ${i} said "it is ${i}".`;
    files['s0/empty.txt'] = '';
    files['s1/binary.txt'] = new Uint8Array([1, 0, 2]);
    files['s2/copy.txt'] = files['s2/a002.txt']!;
    const dir = seedsFolder(files);
    const here = await loadFolder(dir, opts);
    const pooled = await loadFolder(dir, { ...opts, parseWorkers: 2 });
    expect(JSON.stringify(pooled.articles)).toBe(JSON.stringify(here.articles));
    expect(pooled.problems).toEqual(here.problems);
    expect([...pooled.records.values()]).toEqual([...here.records.values()]);
    expect(pooled.parsed).toBe(here.parsed);

    // a resumed start: half the records known unchanged, the rest parsed by workers started before
    // the load (parsePool), from its first file; the same records
    const unchanged = new Map([...here.records].filter((_, i) => i % 2 === 0));
    const pool = ParsePool.create(2)!;
    const sent = vi.spyOn(pool, 'readAndParse');
    const resumed = await loadFolder(dir, { ...opts, parseWorkers: 2, parsePool: pool, unchanged });
    expect(sent).toHaveBeenCalledTimes(here.records.size - unchanged.size);
    expect(pool.size).toBe(0); // closed by the load
    expect([...resumed.records.values()]).toEqual([...here.records.values()]);
    expect(JSON.stringify(resumed.articles)).toBe(JSON.stringify(here.articles));
    expect(resumed.problems).toEqual(here.problems);
  });
});

describe('a large file in a load of few', () => {
  it('goes to a parse worker (a reload of a few huge files keeps the main thread free); small ones stay here', async () => {
    const create = vi.spyOn(ParsePool, 'create');
    try {
      const small = seedsFolder({ 'a.txt': SEED_FORMAT, 'b.md': FRONT_MATTER });
      await loadFolder(small, { ...opts, parseWorkers: 2 });
      expect(create).not.toHaveBeenCalled();

      const paragraph = 'The council met again on Tuesday to discuss the ferry timetable for the islands.';
      const long = `Long council minutes\n\n${`${paragraph}\n\n`.repeat(Math.ceil(WORKER_PARSE_MIN_BYTES / paragraph.length))}`;
      const large = seedsFolder({ 'a.txt': SEED_FORMAT, 'minutes.txt': long });
      const here = await loadFolder(large, opts);
      const pooled = await loadFolder(large, { ...opts, parseWorkers: 2 });
      expect(create.mock.calls[0]?.[0]).toBe(2);
      // the worker read, hashed and parsed the large file itself: byte for byte this thread's result
      expect(JSON.stringify(pooled.articles)).toBe(JSON.stringify(here.articles));
      expect(JSON.stringify([...pooled.records.values()])).toBe(JSON.stringify([...here.records.values()]));
      expect(pooled.problems).toEqual(here.problems);

      // a reload: the worker hashes the unchanged large file and does not parse it again
      const again = await loadFolder(large, { ...opts, parseWorkers: 2, previous: pooled.records });
      expect(again.parsed).toBe(0);
      expect(JSON.stringify([...again.records.values()])).toBe(JSON.stringify([...here.records.values()]));
    } finally {
      create.mockRestore();
    }
  });
});

/** Past MIN_FILES_PER_PARSE_WORKER files of every kind (so the workers start), and one large file. */
function manyFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const kinds = [SEED_FORMAT, FRONT_MATTER, PLAIN_TEXT];
  for (let i = 0; i < 2 * MIN_FILES_PER_PARSE_WORKER; i++)
    files[`a${String(i).padStart(3, '0')}.txt`] = `${kinds[i % 3]!}\nNumber ${i} said "it is ${i}".`;
  const paragraph = 'The council met again on Tuesday. "We will build it," Mayor Ann Roe said of the bridge.';
  files['minutes.txt'] =
    `Long council minutes\n\n${`${paragraph}\n\n`.repeat(Math.ceil(WORKER_PARSE_MIN_BYTES / paragraph.length))}`;
  return files;
}

describe("the library's parse workers", () => {
  it("send each parsed article's index analysis, this thread's analyseArticle exactly", async () => {
    const dir = seedsFolder(manyFiles());
    const analyses = new Map<Article, string | null | undefined>();
    const loaded = await loadFolder(dir, {
      ...opts,
      parseWorkers: 2,
      parseWorkerScript: LIBRARY_PARSE_WORKER_SCRIPT,
      watch: {
        listed: () => {},
        record: (r, _fresh, analysis) => void (r.article && analyses.set(r.article, analysis)),
      },
    });
    const given = loaded.articles.filter((a) => typeof analyses.get(a) === 'string');
    // the first MIN_FILES_PER_PARSE_WORKER are parsed here (no analysis given), the rest in workers
    expect(given.length).toBeGreaterThan(MIN_FILES_PER_PARSE_WORKER / 2);
    expect(given.some((a) => a.file === 'minutes.txt')).toBe(true);
    for (const article of given) expect(analyses.get(article)).toBe(analyseArticle(article));
    // a load with the articles' own script gives none
    const plain = await loadFolder(dir, {
      ...opts,
      parseWorkers: 2,
      watch: { listed: () => {}, record: (_r, _fresh, analysis) => expect(analysis).toBeUndefined() },
    });
    expect(JSON.stringify(plain.articles)).toBe(JSON.stringify(loaded.articles));
  });

  it('give a LiveLibrary, opened and reloaded, the very indexes it builds in one thread', async () => {
    const files = manyFiles();
    const dir = seedsFolder(files);
    const base = { seedsDir: dir, maxArticleBytes: opts.maxBytes, cacheDir: null };
    const here = await LiveLibrary.open({ ...base, parseWorkers: 0 });
    const pooled = await LiveLibrary.open({ ...base, parseWorkers: 2 });
    expect(pooled.current.exportIndexes()).toEqual(here.current.exportIndexes());
    expect(JSON.stringify(pooled.current.articles)).toBe(JSON.stringify(here.current.articles));
    // every file changed: the reload parses them all again, in the workers
    for (const [name, text] of Object.entries(files))
      writeFileSync(path.join(dir, name), `${text}\nChanged.`);
    const [a, b] = [await here.reload(), await pooled.reload()];
    expect(a?.ok && b?.ok).toBe(true);
    expect(b?.changed.length).toBe(Object.keys(files).length);
    expect(pooled.current.exportIndexes()).toEqual(here.current.exportIndexes());
  });

  it('start before the cache is read when a start will parse enough files, never for a warm or resumed one with few left', async () => {
    // 101 files and 2 workers: past MIN_FILES_PER_PARSE_WORKER a worker
    const dir = seedsFolder(manyFiles());
    const cacheDir = path.join(dir, '.cache');
    const base = { seedsDir: dir, maxArticleBytes: opts.maxBytes, parseWorkers: 2 };
    const here = await LiveLibrary.open({ ...base, cacheDir: null, parseWorkers: 0 });
    const create = vi.spyOn(ParsePool, 'create');
    const sent = vi.spyOn(ParsePool.prototype, 'readAndParse');
    try {
      // an empty cache folder: the workers start at once and take every file, none parsed here first
      const cold = await LiveLibrary.open({ ...base, cacheDir });
      expect(create).toHaveBeenCalledTimes(1);
      expect(create.mock.calls[0]?.[0]).toBe(2);
      expect(sent).toHaveBeenCalledTimes(Object.keys(manyFiles()).length);
      expect(cold.current.exportIndexes()).toEqual(here.current.exportIndexes());
      // stopped before its save: the journal's part holds every file, so no worker is started
      create.mockClear();
      sent.mockClear();
      const resumed = await LiveLibrary.open({ ...base, cacheDir });
      expect(create).not.toHaveBeenCalled();
      expect(resumed.current.exportIndexes()).toEqual(here.current.exportIndexes());
      // a snapshot's manifest: the start may be warm, and it is; no worker
      expect(await resumed.saveCache()).toBe(true);
      const warm = await LiveLibrary.open({ ...base, cacheDir });
      expect(warm.fromCache).toBe(true);
      expect(create).not.toHaveBeenCalled();
      expect(JSON.stringify(warm.current.articles)).toBe(JSON.stringify(here.current.articles));
    } finally {
      create.mockRestore();
      sent.mockRestore();
    }
  });

  it('are closed by loadFolder when it was given them and the folder cannot be listed', async () => {
    const pool = ParsePool.create(1)!;
    const close = vi.spyOn(pool, 'close');
    await expect(
      loadFolder(path.join(seedsFolder({}), 'missing'), { ...opts, parsePool: pool }),
    ).rejects.toThrow();
    expect(close).toHaveBeenCalledTimes(1);
    expect(pool.size).toBe(0);
  });
});

describe('loadFolder abandoned while its reads are in flight', () => {
  it('leaves no parse worker behind: the process ends on its own', async () => {
    // aborted about when the pool is due (MIN_FILES_PER_PARSE_WORKER parsed here): the reads
    // already in flight went on after the load had failed and closed its (not yet started) pool, and
    // one of them started the pool, which nobody closed; its two idle workers kept the process
    // alive (the Node 24 CI hang of "SIGTERM during a long reload", issue 17)
    const dir = seedsFolder({});
    writeArticles(dir, 4 * MIN_FILES_PER_PARSE_WORKER);
    const load = pathToFileURL(path.resolve('dist/articles/load.js')).href;
    const script = `
      import { loadFolder } from ${JSON.stringify(load)};
      const controller = new AbortController();
      let records = 0;
      const watch = {
        listed() {},
        record() { if (++records === ${MIN_FILES_PER_PARSE_WORKER}) controller.abort(new Error('stopped')); },
      };
      try {
        await loadFolder(${JSON.stringify(dir)}, { maxBytes: 1 << 20, parseWorkers: 2, signal: controller.signal, watch });
        console.log('finished');
      } catch (error) {
        console.log('abandoned: ' + error.message);
      }`;
    // a script file: a process run with `-e` ends once its code has run, whatever still lives
    const file = path.join(seedsFolder({ 'abandon.mjs': script }), 'abandon.mjs');
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    // a liveness bound, not a timing: the load's files take well under a second to parse
    const ended = await Promise.race([
      once(child, 'exit').then(([code]) => ({ code })),
      new Promise<null>((resolve) => setTimeout(resolve, ABANDONED_LOAD_EXIT_BOUND_MS, null)),
    ]);
    child.kill('SIGKILL');
    expect(out.trim()).toBe('abandoned: stopped');
    expect(ended).toEqual({ code: 0 });
  });
});
