import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from './fixtures/articles.js';
import { seedsFolder } from './helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const cacheDir = mkdtempSync(path.join(tmpdir(), 'newsbot-cli-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Runs the real newsbot bin (what `npx newsbot` runs) with no Discord token and no .env of the developer's. */
function newsbot(args: string[], input?: string) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NO_COLOR: '1',
    HOME: process.env.HOME ?? '',
    INDEX_CACHE_DIR: cacheDir,
  };
  const r = spawnSync(process.execPath, [bin, ...args], {
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
    expect(Object.keys(rail)).toEqual(['id', 'title', 'date', 'url', 'summary', 'quotes']);
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
    expect(out.results[0]).toEqual({
      id: 'ferry',
      title: expect.any(String),
      date: '2026-02-03',
      url: null,
      score: expect.any(Number),
    });
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
