import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import {
  LiveLibrary,
  RELOAD_DEADLINE_MS,
  RELOAD_DEADLINE_MS_PER_ARTICLE,
  reloadDeadlineMs,
} from '../../../src/library/live.js';
import { nextTurn } from '../../../src/time-slices.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder, writeArticles } from '../../helpers.js';

const open = (dir: string) => LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6 });

describe('LiveLibrary.reload', () => {
  it('swaps in the new snapshot and reports added, changed and removed articles', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'apples.txt': PLAIN_TEXT });
    const live = await open(dir);
    const before = live.current;
    writeFileSync(path.join(dir, 'rail.md'), FRONT_MATTER);
    writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT.replace('twenty years', 'thirty years'));
    rmSync(path.join(dir, 'ferry.txt'));
    writeFileSync(path.join(dir, 'bad.txt'), '');
    const report = await live.reload()!;
    expect(report).toMatchObject({
      ok: true,
      before: 2,
      after: 2,
      added: ['rail'],
      changed: ['apples'],
      removed: ['ferry'],
    });
    expect(report.problems).toEqual([{ file: 'bad.txt', reason: 'empty file' }]);
    expect(live.current).not.toBe(before);
    expect(before.size).toBe(2); // the old snapshot is untouched: replies in flight keep their articles
  });

  it('keeps the old articles when the folder has no loadable article or cannot be read', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const live = await open(dir);
    const before = live.current;
    writeFileSync(path.join(dir, 'ferry.txt'), '');
    const empty = await live.reload()!;
    expect(empty).toMatchObject({ ok: false, before: 1, after: 1 });
    expect(empty.error).toMatch(/no article could be loaded.*kept the 1 articles/);
    expect(live.current).toBe(before);
    rmSync(dir, { recursive: true });
    const gone = await live.reload()!;
    expect(gone.ok).toBe(false);
    expect(gone.error).toMatch(/cannot read the seeds folder/);
    expect(live.current).toBe(before);
  });

  it('refuses a reload, with the reason, when the machine cannot hold what another thread reserves for it', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const live = await open(dir);
    const before = live.current;
    let bytes = Number.MAX_SAFE_INTEGER;
    live.reserveForReload(() => ({ bytes, what: "the search workers' new copy" }));
    writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT);
    const refused = await live.reload()!;
    expect(refused).toMatchObject({ ok: false, before: 1, after: 1 });
    expect(refused.error).toMatch(
      /^not enough memory for a reload \(the machine has .* MB available and a reload needs about .* MB for the new indexes and .* MB for the search workers' new copy\): give the machine more memory, lower SEARCH_WORKERS.*; kept the 1 articles/,
    );
    expect(live.current).toBe(before);
    bytes = 0;
    expect(await live.reload()!).toMatchObject({ ok: true, after: 2 });
  });

  it('stops a running reload on cancelReload, keeps the old articles, and the next reload works', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const live = await open(dir);
    const before = live.current;
    writeArticles(dir, 300);
    const running = live.reload()!;
    // let it get going: the folder is walked and the first files read
    for (let i = 0; i < 3; i++) await nextTurn();
    expect(live.cancelReload('the bot is shutting down')).toBe(true);
    const report = await running;
    expect(report).toMatchObject({ ok: false, before: 1, after: 1 });
    expect(report.error).toBe('the bot is shutting down; kept the 1 articles already loaded');
    expect(live.current).toBe(before);
    // the stopped work never swaps its snapshot in later
    await live.workStopped();
    expect(live.current).toBe(before);
    expect(live.cancelReload('again')).toBe(false); // nothing is running now
    const next = await live.reload()!;
    expect(next).toMatchObject({ ok: true, before: 1, after: 301 });
  });

  it('abandons a reload that passes its deadline, keeping the old articles', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const live = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, reloadDeadlineMs: 1 });
    const before = live.current;
    writeArticles(dir, 300);
    const report = await live.reload()!;
    expect(report.ok).toBe(false);
    expect(report.error).toBe(
      'the reload took longer than 0.001 s and was abandoned; kept the 1 articles already loaded',
    );
    expect(live.current).toBe(before);
    expect(live.reload()).not.toBeNull();
  });

  it('gives a large library a deadline in proportion to its articles, a small one the fixed least', () => {
    expect(reloadDeadlineMs(0)).toBe(RELOAD_DEADLINE_MS);
    expect(reloadDeadlineMs(2_000)).toBe(RELOAD_DEADLINE_MS);
    expect(reloadDeadlineMs(212_800)).toBe(212_800 * RELOAD_DEADLINE_MS_PER_ARTICLE);
    expect(reloadDeadlineMs(212_800)).toBeGreaterThan(RELOAD_DEADLINE_MS);
    expect(reloadDeadlineMs(400_000)).toBeGreaterThan(reloadDeadlineMs(212_800));
  });

  it('lets the snapshot’s indexes go only once the cache holds it, and still reloads whole', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'apples.txt': PLAIN_TEXT });
    const live = await LiveLibrary.open({
      seedsDir: dir,
      maxArticleBytes: 1e6,
      cacheDir: path.join(dir, '.cache'),
    });
    // a first build is saved from here: its indexes are needed for that
    expect(live.releaseIndexes()).toBe(false);
    expect(await live.saveCache()).toBe(true);
    expect(live.releaseIndexes()).toBe(true);
    expect(live.current.hasIndexes).toBe(false);
    expect(live.releaseIndexes()).toBe(false);
    writeFileSync(path.join(dir, 'rail.md'), FRONT_MATTER);
    const report = await live.reload()!;
    expect(report.ok).toBe(true);
    expect(live.current.hasIndexes).toBe(true);
    expect(live.current.search('rail').length).toBeGreaterThan(0);
  });

  it('runs one reload at a time', async () => {
    const live = await open(seedsFolder({ 'ferry.txt': SEED_FORMAT }));
    const first = live.reload();
    expect(first).not.toBeNull();
    expect(live.reload()).toBeNull();
    await first;
    expect(live.reload()).not.toBeNull();
  });
});

describe('/reload', () => {
  const who = (isAdmin: boolean) => ({ userId: '123456789012345678', username: 'u', isAdmin });

  it('refuses members without admin rights, and changes nothing', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const live = await open(dir);
    const before = live.current;
    writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT);
    const ctx = {
      library: live.current,
      who: who(false),
      articleBaseUrl: null,
      now: new Date('2026-06-01T12:00:00Z'),
      commands: COMMANDS,
      reload: () => live.reload(),
    };
    const { reply } = await runCommand(findCommand('reload')!, {}, ctx);
    expect(reply.flags).toBe(64);
    expect(reply.content).toMatch(/for server admins only/);
    expect(live.current).toBe(before);
  });

  it('reports old -> new counts to an admin', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const live = await open(dir);
    writeFileSync(path.join(dir, 'apples.txt'), PLAIN_TEXT);
    const ctx = {
      library: live.current,
      who: who(true),
      articleBaseUrl: null,
      now: new Date('2026-06-01T12:00:00Z'),
      commands: COMMANDS,
      reload: () => live.reload(),
    };
    const { reply } = await runCommand(findCommand('reload')!, {}, ctx);
    expect(reply.embeds![0]!.title).toBe('Reloaded: 1 → 2 articles');
    expect(reply.embeds![0]!.fields![0]).toEqual({ name: 'Added (1)', value: '`apples`' });
    expect(live.current.size).toBe(2);
  });
});
