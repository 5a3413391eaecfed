import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FRONT_MATTER, SEED_FORMAT } from '../fixtures/articles.js';
import { seedsFolder, writeArticles } from '../helpers.js';
import { FakeDiscord } from './fake-discord.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = path.join(root, 'dist/cli.js');
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** `npm start` as a host runs it: the built bin, a token in the environment, logs on stderr. */
function startProcess(
  fake: FakeDiscord,
  seeds: string,
): { child: ChildProcess; logs: () => Record<string, unknown>[] } {
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
      SEEDS_DIR: seeds,
      INDEX_CACHE_DIR: path.join(seeds, '.cache'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });
  const logs = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { child, logs };
}

describe('the bot as a process', () => {
  it('logs ready without the token, reloads on SIGHUP, and exits 0 on SIGTERM', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const { child, logs } = startProcess(fake, seeds);
    await expect.poll(() => logs().some((l) => l.msg === 'ready'), { timeout: 15_000 }).toBe(true);
    expect(logs().find((l) => l.msg === 'ready')).toMatchObject({ articles: 1, guilds: 1 });

    writeFileSync(path.join(seeds, 'rail.md'), FRONT_MATTER);
    child.kill('SIGHUP');
    await expect
      .poll(() => logs().find((l) => l.msg === 'reloaded'), { timeout: 10_000 })
      .toMatchObject({
        before: 1,
        after: 2,
        added: 1,
      });

    const answered = fake.sendCommand('news', [{ name: 'query', type: 3, value: 'rail strike' }]);
    const reply = await fake.waitForResponse(answered.id);
    // a search is acknowledged first (deferred), then the answer is the edit
    expect(reply.callback?.type).toBe(5);
    expect((reply.edits.at(-1)!.body as { embeds: { title: string }[] }).embeds[0]!.title).toMatch(
      /Rail strike/,
    );

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(logs().some((l) => l.msg === 'shutting down: finishing replies in flight')).toBe(true);
    expect(JSON.stringify(logs())).not.toContain(fake.token);
  });

  it('SIGTERM during a long reload abandons it and exits within a few seconds', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    // about ten seconds of reading, parsing and indexing for the reload (1,000 such articles took 7 s
    // on the test machine), written before the start into a hidden folder (left out of the walk) and
    // moved in at once later
    mkdirSync(path.join(seeds, '.incoming'));
    writeArticles(path.join(seeds, '.incoming'), 1500, 60);
    const { child, logs } = startProcess(fake, seeds);
    await expect.poll(() => logs().some((l) => l.msg === 'ready'), { timeout: 15_000 }).toBe(true);
    expect(logs().find((l) => l.msg === 'ready')).toMatchObject({ articles: 1 });
    renameSync(path.join(seeds, '.incoming'), path.join(seeds, 'batch'));
    child.kill('SIGHUP');
    await expect.poll(() => logs().some((l) => l.msg === 'reloading'), { timeout: 10_000 }).toBe(true);
    const signalled = performance.now();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    const seconds = (performance.now() - signalled) / 1000;
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(5);
    // the reload was stopped, not finished: it reports so, and nothing was swapped in
    expect(logs().some((l) => l.msg === 'reloaded')).toBe(false);
    expect(logs().find((l) => l.msg === 'reload failed; kept the previous articles')).toMatchObject({
      before: 1,
      after: 1,
      error: 'the bot is shutting down; kept the 1 articles already loaded',
    });
  }, 60_000);

  it('newsbot deploy registers the commands, and --clear removes them', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const env = {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: fake.guildId,
    };
    // spawnSync would block this process, and with it the fake server the child talks to
    const run = async (args: string[]) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout!.on('data', (d) => {
        out += String(d);
      });
      child.stderr!.on('data', (d) => {
        out += String(d);
      });
      const [code] = await once(child, 'exit');
      return { code, out };
    };
    const deployed = await run(['deploy']);
    expect(deployed).toMatchObject({
      code: 0,
      out: expect.stringMatching(
        /Registered 6 commands guild .*: \/news .* “Find news about this” “Who said this\?”/,
      ),
    });
    expect(
      fake
        .commands(fake.guildId)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['Find news about this', 'Who said this?', 'help', 'news', 'quote', 'reload']);
    const cleared = await run(['deploy', '--clear']);
    expect(cleared.code).toBe(0);
    expect(fake.commands(fake.guildId)).toEqual([]);
    expect(deployed.out + cleared.out).not.toContain(fake.token);
    // without a token it says what to do instead of failing obscurely
    const none = spawnSync(process.execPath, [bin, 'deploy'], {
      cwd: root,
      env: { PATH: env.PATH },
      encoding: 'utf8',
    });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/set DISCORD_TOKEN/);
  });
});
