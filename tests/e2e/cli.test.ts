import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../fixtures/articles.js';
import { seedsFolder } from '../helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const cacheDir = mkdtempSync(path.join(tmpdir(), 'newsbot-cli-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Runs the real newsbot bin (what `npx newsbot` runs) with no Discord token and no .env of the developer's. */
/**
 * Root reads any file whatever its mode. To meet "permission denied" as a user would, a test runs the
 * bot as root without the capabilities that bypass file permissions (setpriv, util-linux): unlike
 * switching to another user, it still reaches the node binary and this checkout wherever they live
 * (CI's Node 22 and 24 sit under root's home). A non-root user meets the permissions as it is.
 */
const WITHOUT_FILE_OVERRIDE =
  process.getuid?.() === 0 ? ['setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'] : [];

function newsbot(
  args: string[],
  input?: string,
  more: { env?: Record<string, string>; obeyFilePermissions?: boolean } = {},
) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    HOME: process.env.HOME ?? '',
    INDEX_CACHE_DIR: cacheDir,
    ...more.env,
  };
  const [command, ...prefix] = more.obeyFilePermissions
    ? [...WITHOUT_FILE_OVERRIDE, process.execPath]
    : [process.execPath];
  const r = spawnSync(command!, [...prefix, bin, ...args], {
    cwd: root,
    input,
    env,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function fixtureSeeds() {
  return seedsFolder({
    'ferry.txt': SEED_FORMAT,
    'transport/rail.md': FRONT_MATTER,
    'apples.txt': PLAIN_TEXT,
    'broken.txt': '',
  });
}

describe('newsbot check', () => {
  it('prints the check document with --json', () => {
    const r = newsbot(['check', '--json', '--seeds', fixtureSeeds()]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.articles.map((a: { id: string }) => a.id)).toEqual(['apples', 'ferry', 'transport/rail']);
    const rail = doc.articles[2];
    expect(Object.keys(rail)).toEqual(['id', 'title', 'date', 'url', 'summary', 'quotes', 'furniture']);
    expect(rail).toMatchObject({
      date: '2022-06-12',
      url: 'https://news.example.com/2022/06/12/rail-strike-ends',
    });
    expect(rail.summary.length).toBeLessThanOrEqual(350);
    for (const q of doc.articles.flatMap((a: { quotes: unknown[] }) => a.quotes)) {
      expect(Object.keys(q as object)).toEqual(['text', 'speaker', 'rule']);
    }
    expect(doc.problems).toEqual([{ file: 'broken.txt', reason: 'empty file' }]);
  });

  it('says what it loaded in words, and exits 1 when no article loads', () => {
    const ok = newsbot(['check', '--seeds', fixtureSeeds()]);
    expect(ok.stdout).toMatch(/Loaded 3 articles .* 1 file\(s\) skipped/);
    expect(ok.stdout).toContain('broken.txt: empty file');
    const none = newsbot(['check', '--seeds', seedsFolder({ 'empty.txt': '' })]);
    expect(none.code).toBe(1);
  });

  it('fails clearly on a folder that does not exist', () => {
    const r = newsbot(['check', '--seeds', '/nonexistent/newsbot']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read the seeds folder \/nonexistent\/newsbot: no such file or folder/);
  });

  it('loads the project seed by default', () => {
    const r = newsbot(['check', '--json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.articles[0].id).toBe('000_5e42fcf2bce18dbd');
  });
});

describe('newsbot ask and console', () => {
  it('answers one command line as JSON with the result contract', () => {
    const r = newsbot([
      'ask',
      '--json',
      '--seeds',
      fixtureSeeds(),
      '/news query:ferry route islands limit:2',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.command).toBe('news');
    expect(out.options).toEqual({ query: 'ferry route islands', limit: 2 });
    expect(out.reply.allowed_mentions).toEqual({ parse: [] });
    expect(out.now).toBeNull();
    expect(out.results[0]).toEqual({
      id: 'ferry',
      title: expect.any(String),
      date: '2026-02-03',
      url: null,
      score: expect.any(Number),
      related: [],
    });
  });

  it('asks as of --now: later articles are not answers, and each line echoes the day', () => {
    const input = ['/news query:rail strike pay', '/news query:ferry route islands'].join('\n');
    const r = newsbot(['console', '--json', '--now', '2022-07-01', '--seeds', fixtureSeeds()], `${input}\n`);
    expect(r.code).toBe(0);
    const [rail, ferry] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rail.now).toBe('2022-07-01');
    expect(rail.results.map((x: { id: string }) => x.id)).toContain('transport/rail');
    // the ferry article is dated 2026-02-03: it did not exist on 1 July 2022
    expect(ferry.results.map((x: { id: string }) => x.id)).not.toContain('ferry');
    const iso = newsbot([
      'ask',
      '--json',
      '--now=2026-02-03T09:30:00Z',
      '--seeds',
      fixtureSeeds(),
      '/news ferry route',
    ]);
    expect(JSON.parse(iso.stdout).now).toBe('2026-02-03');
    expect(JSON.parse(iso.stdout).results[0].id).toBe('ferry');
  });

  it('refuses a bad --now with a clear message and exit code 2', () => {
    for (const bad of ['2022-02-30', 'last tuesday']) {
      const r = newsbot(['ask', '--now', bad, '/news ferry']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--now must be a day \(YYYY-MM-DD\), an ISO time/);
    }
    expect(newsbot(['ask', '--now']).code).toBe(2);
  });

  it('answers the seed question in text', () => {
    const r = newsbot(['ask', '/news What did Lavrov say about Macron?']);
    expect(r.stdout).toContain('Lavrov Signals Russia’s Readiness for Talks With Trump Envoys');
  });

  it('reads lines from stdin and writes one JSON reply per line, errors included', () => {
    const input = ['/news query:apple harvest', '/news limit:50 query:x', '/nope', '/help'].join('\n');
    const r = newsbot(['console', '--json', '--seeds', fixtureSeeds()], `${input}\n`);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].results[0].id).toBe('apples');
    expect(lines[1].reply.flags).toBe(64);
    expect(lines[2].reply.content).toMatch(/Unknown command/);
    expect(lines[3].command).toBe('help');
  });

  it('answers the same, with the text, after a cold start and a warm one (the text then read from the cache)', () => {
    const seeds = fixtureSeeds();
    const input = `${['/news query:apple harvest', '/news query:ferry council', '/quote Alvarez'].join('\n')}\n`;
    const cold = newsbot(['console', '--json', '--seeds', seeds], input);
    const warm = newsbot(['console', '--json', '--seeds', seeds], input);
    expect(cold.code).toBe(0);
    expect(warm.code).toBe(0);
    // the summary, the passage and the quotation: each article's text
    expect(cold.stdout).toContain('Growers in the valley expect their largest');
    expect(cold.stdout).toContain('The route will cost 4.5 million euros');
    expect(cold.stdout).toMatch(/This connects families/);
    expect(warm.stdout).toBe(cold.stdout);
  });

  it('npm start without a token runs the console and says so', () => {
    const r = newsbot(['start', '--seeds', fixtureSeeds()], '/news apples\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Orchard growers expect record apple harvest');
  });

  it('rejects a bad setting with one clear message per value, never echoing the token', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      MAX_ARTICLE_BYTES: 'lots',
      DISCORD_TOKEN: 'short secret',
      LOG_LEVEL: 'loud',
    };
    const r = spawnSync(process.execPath, [bin, 'check'], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MAX_ARTICLE_BYTES must be a positive whole number/);
    expect(r.stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(r.stderr).toMatch(/DISCORD_TOKEN does not look like a bot token/);
    expect(r.stderr).not.toContain('short secret');
  });
});

describe('newsbot check on a hostile folder', () => {
  const SECRET = 'DISCORD_TOKEN=MTIz.the-secret-that-must-never-show';

  it('refuses links out of the folder, ends loops, and names FIFOs without waiting on them', () => {
    const parent = seedsFolder({
      '.env': SECRET,
      'seeds/ferry.txt': SEED_FORMAT,
      'seeds/a/rail.md': FRONT_MATTER,
    });
    const seeds = path.join(parent, 'seeds');
    symlinkSync('../.env', path.join(seeds, 'notes.txt'));
    symlinkSync('/etc/passwd', path.join(seeds, 'passwd.txt'));
    symlinkSync('.', path.join(seeds, 'loop'));
    symlinkSync('../seeds', path.join(seeds, 'up'));
    symlinkSync('../', path.join(seeds, 'a/back'));
    execFileSync('mkfifo', [path.join(seeds, 'pipe.txt')]);
    for (const follow of ['none', 'inside']) {
      const r = newsbot(['check', '--json', '--seeds', seeds], undefined, {
        env: { SEEDS_FOLLOW_LINKS: follow },
      });
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('the-secret');
      const doc = JSON.parse(r.stdout);
      expect(doc.articles.map((a: { id: string }) => a.id)).toEqual(['a/rail', 'ferry']);
      const reasons = Object.fromEntries(
        doc.problems.map((p: { file: string; reason: string }) => [p.file, p.reason]),
      );
      expect(reasons['notes.txt']).toBe('refused: symbolic link to outside the seeds folder; not read');
      expect(reasons['passwd.txt']).toBe('refused: symbolic link to outside the seeds folder; not read');
      expect(reasons['pipe.txt']).toBe('not a regular file: fifo');
      for (const loop of ['loop', 'up', 'a/back']) expect(reasons[loop]).toMatch(/^symbolic link/);
    }
  });

  it('reports a folder and a file it may not read, as a user that is not root', () => {
    // the tests run as root, whom permissions do not stop: the check runs without that power
    const seeds = seedsFolder({
      'ferry.txt': SEED_FORMAT,
      'locked/rail.md': FRONT_MATTER,
      'apples.txt': PLAIN_TEXT,
    });
    chmodSync(seeds, 0o755);
    chmodSync(path.join(seeds, 'locked'), 0o000);
    chmodSync(path.join(seeds, 'apples.txt'), 0o000);
    const r = newsbot(['check', '--json', '--seeds', seeds], undefined, {
      env: { INDEX_CACHE_DIR: 'off' },
      obeyFilePermissions: true,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.articles.map((a: { id: string }) => a.id)).toEqual(['ferry']);
    expect(doc.problems).toEqual([
      { file: 'apples.txt', reason: 'cannot read: permission denied' },
      { file: 'locked', reason: 'cannot read the folder: permission denied' },
    ]);
    // only a top folder that cannot be read fails the load
    chmodSync(seeds, 0o000);
    const top = newsbot(['check', '--seeds', seeds], undefined, {
      env: { INDEX_CACHE_DIR: 'off' },
      obeyFilePermissions: true,
    });
    expect(top.code).toBe(1);
    expect(top.stderr).toBe(`newsbot: cannot read the seeds folder ${seeds}: permission denied\n`);
  });

  it('says on stderr when a damaged cache was not used, and answers from the files', () => {
    const seeds = fixtureSeeds();
    const cache = path.join(seeds, '.cache');
    const env = { INDEX_CACHE_DIR: cache };
    expect(newsbot(['check', '--seeds', seeds], undefined, { env }).code).toBe(0);
    mkdirSync(cache, { recursive: true });
    rmSync(path.join(cache, 'manifest.json'));
    execFileSync('mkfifo', [path.join(cache, 'manifest.json')]);
    const r = newsbot(['check', '--json', '--seeds', seeds], undefined, { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'newsbot: index cache not used (manifest.json is not a regular file; not read); built from the files\n',
    );
    expect(JSON.parse(r.stdout).articles).toHaveLength(3);
  });
});

describe('the console and SIGHUP', () => {
  it('reloads on SIGHUP, reports on stderr, and goes on answering', async () => {
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const child = spawn(process.execPath, [bin, 'console', '--json', '--seeds', seeds], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', INDEX_CACHE_DIR: 'off' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr!.on('data', (d) => {
      stderr += String(d);
    });
    try {
      const replies = () =>
        stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
      // a first reply: the console is up, and its SIGHUP handler with it
      child.stdin!.write('/help\n');
      await expect.poll(() => replies().length, { timeout: 15_000 }).toBe(1);
      writeFileSync(path.join(seeds, 'rail.md'), FRONT_MATTER);
      child.kill('SIGHUP');
      await expect.poll(() => stderr, { timeout: 15_000 }).toMatch(/Reloaded: 1 → 2 articles/);
      expect(stderr).toMatch(/1 added, 0 changed, 0 removed, 0 problems/);
      child.stdin!.write('/news query:rail strike\n');
      await expect.poll(() => replies().length, { timeout: 15_000 }).toBe(2);
      expect(replies()[1].results[0].id).toBe('rail');
      child.stdin!.end();
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
