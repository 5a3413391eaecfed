import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
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
  extraEnv: Record<string, string> = {},
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
      ...extraEnv,
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

  it('with DISCORD_PUBLIC_KEY, npm start serves signed HTTP interactions: no gateway, no console, no token needed', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const { child, logs } = startProcess(fake, seeds, {
      DISCORD_TOKEN: '',
      DISCORD_PUBLIC_KEY: fake.publicKey,
      DISCORD_APPLICATION_ID: fake.applicationId,
      WEB_PORT: '0',
    });
    await expect.poll(() => logs().some((l) => l.msg === 'ready'), { timeout: 15_000 }).toBe(true);
    const ready = logs().find((l) => l.msg === 'ready') as {
      interactions: string;
      listening: string;
      mode: string;
    };
    expect(ready.mode).toBe('http');
    const endpoint = `${ready.listening}/interactions`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const ping = JSON.stringify({
      type: 1,
      id: '1',
      application_id: fake.applicationId,
      token: 'x',
      version: 1,
    });
    const pong = await fetch(endpoint, {
      method: 'POST',
      headers: { 'x-signature-ed25519': fake.signature(ping, timestamp), 'x-signature-timestamp': timestamp },
      body: ping,
    });
    expect(await pong.json()).toEqual({ type: 1 });
    const unsigned = await fetch(endpoint, { method: 'POST', body: ping });
    expect(unsigned.status).toBe(401);

    fake.deliverInteractionsTo(endpoint);
    const asked = fake.sendCommand('news', [{ name: 'query', type: 3, value: 'ferry families' }]);
    const reply = await fake.waitForResponse(asked.id);
    expect(reply.callback?.type).toBe(5);
    expect(reply.edits).toHaveLength(1);
    expect(fake.identifyCount).toBe(0);
    // no command registration without a token; interaction tokens never reach the logs
    expect(fake.requests.filter((r) => r.path.endsWith('/commands'))).toEqual([]);
    expect(JSON.stringify(logs())).not.toContain(reply.token);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('serves the web pages while connected: links and Read buttons point there, /readyz follows the gateway, SIGTERM closes it', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const seeds = seedsFolder({ 'news/ferry.txt': SEED_FORMAT });
    const { child, logs } = startProcess(fake, seeds, { WEB_PORT: '0' });
    await expect.poll(() => logs().some((l) => l.msg === 'ready'), { timeout: 15_000 }).toBe(true);
    const served = logs().find((l) => l.msg === 'web pages served') as { url: string; listening: string };
    expect(served.url).toMatch(/^http:\/\/localhost:\d+$/);
    const ready = await fetch(`${served.listening}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      articles: 1,
      gateway: 'connected',
      store: 'memory',
      generation: 0,
    });

    const asked = fake.sendCommand('news', [{ name: 'query', type: 3, value: 'ferry families' }]);
    const reply = await fake.waitForResponse(asked.id);
    // /news is acknowledged before it searches: the answer is the edit of the deferred reply
    const data = (reply.edits.at(-1)?.body ?? reply.callback!.data) as {
      embeds: { url: string }[];
      components: { components: { style: number; url: string; label: string }[] }[];
    };
    expect(data.embeds[0]!.url).toBe(`${served.url}/articles/news/ferry`);
    expect(data.components[0]!.components[0]).toMatchObject({ style: 5, url: data.embeds[0]!.url });
    const page = await fetch(`${served.listening}/articles/news/ferry`);
    expect(await page.text()).toContain('<h1>Harbour Council Approves New Ferry Route to the Islands</h1>');
    const metrics = await (await fetch(`${served.listening}/metrics`)).text();
    expect(metrics).toContain('newsbot_replies_total{command="news",outcome="answered"} 1');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${served.listening}/healthz`)).rejects.toThrow();
  });

  it('a WEB_PORT in use stops the start with one clear error, in Discord mode and in the console', async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const port = String((taken.address() as AddressInfo).port);
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const { child, logs } = startProcess(fake, seeds, { WEB_PORT: port });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    const fatal = logs().filter((l) => l.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]!.error).toBe(
      `WEB_PORT ${port} is already in use on 127.0.0.1: stop what uses it or choose another port`,
    );
    const consoleRun = spawn(process.execPath, [bin, 'console', '--seeds', seeds], {
      cwd: seeds,
      env: { PATH: process.env.PATH ?? '', WEB_PORT: port, INDEX_CACHE_DIR: 'off' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    consoleRun.stderr!.on('data', (d) => {
      stderr += String(d);
    });
    const [consoleCode] = await once(consoleRun, 'exit');
    expect(consoleCode).toBe(1);
    expect(stderr.trim()).toBe(
      `newsbot: WEB_PORT ${port} is already in use on 127.0.0.1: stop what uses it or choose another port`,
    );
  });

  it('the console serves the web pages while it runs and closes them on SIGTERM', async () => {
    const seeds = seedsFolder({ 'ferry.txt': SEED_FORMAT });
    const child = spawn(process.execPath, [bin, 'console', '--seeds', seeds], {
      cwd: seeds,
      env: { PATH: process.env.PATH ?? '', WEB_PORT: '0', INDEX_CACHE_DIR: 'off' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    cleanup.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    });
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += String(d);
    });
    await expect.poll(() => /listening on (\S+)\)/.exec(stderr)?.[1], { timeout: 15_000 }).toBeTruthy();
    const listening = /listening on (\S+)\)/.exec(stderr)![1]!;
    expect(stderr).toMatch(/^Web pages: http:\/\/localhost:\d+\/ /);
    expect((await fetch(`${listening}/healthz`)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${listening}/healthz`)).rejects.toThrow();
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
