import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/logger.js';
import { FRONT_MATTER, manyFerries, PLAIN_TEXT, SEED_FORMAT } from '../fixtures/articles.js';
import { logLines } from '../helpers.js';
import { FakeDiscord, fakeClientOptions, type InteractionRecord } from './fake-discord.js';

// Two replicas in HTTP interactions mode on one articles folder, sharing a real redis-server
// (Debian's package), behind a recording fake Discord that posts each interaction to the replica
// the test names, as a load balancer would.

const INSTALL = 'apt-get install -y redis-server';
function findRedis(): string | null {
  for (const candidate of ['redis-server', '/usr/bin/redis-server', '/usr/local/bin/redis-server']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {}
  }
  return null;
}
const REDIS = findRedis();

const STRING = ApplicationCommandOptionType.String;
const INTEGER = ApplicationCommandOptionType.Integer;
const BOOLEAN = ApplicationCommandOptionType.Boolean;
const ADMIN = PermissionFlagsBits.Administrator.toString();

type Message = {
  content?: string;
  embeds?: { title?: string; description?: string }[];
  flags?: number;
  components?: { components: { custom_id?: string; label: string; disabled?: boolean }[] }[];
};
const shown = (r: InteractionRecord) => (r.edits.at(-1)?.body ?? r.callback?.data ?? {}) as Message;
const buttons = (m: Message) =>
  (m.components ?? []).flatMap((row) => row.components).filter((b) => b.custom_id !== undefined);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of its own on a free port in a temp folder, no persistence; resolves once it accepts connections. */
async function startRedis(binary: string, port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += String(chunk);
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  return child;
}

function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe.skipIf(REDIS === null)(`two replicas sharing Redis (needs redis-server: ${INSTALL})`, () => {
  let fake: FakeDiscord;
  let redis: ChildProcess;
  let redisPort: number;
  let work: string;
  let seeds: string;
  const bots: RunningBot[] = [];
  const logs: string[][] = [];
  const endpoint = (bot: RunningBot) => `${bot.web!.server.address}/interactions`;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'newsbot-replicas-'));
    seeds = path.join(work, 'seeds');
    for (const [rel, text] of Object.entries({
      'ferry.txt': SEED_FORMAT,
      'rail.md': FRONT_MATTER,
      'apples.txt': PLAIN_TEXT,
      ...manyFerries(12),
    })) {
      const full = path.join(seeds, rel);
      execFileSync('mkdir', ['-p', path.dirname(full)]);
      writeFileSync(full, text);
    }
    redisPort = await freePort();
    redis = await startRedis(REDIS!, redisPort, work);
    fake = await FakeDiscord.start();
    for (const name of ['a', 'b']) {
      const { stream, lines } = logLines();
      logs.push(lines);
      const config = loadConfig({
        DISCORD_PUBLIC_KEY: fake.publicKey,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        WEB_PORT: '0',
        SEEDS_DIR: seeds,
        // the same articles folder, a cache folder each
        INDEX_CACHE_DIR: path.join(work, `cache-${name}`),
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      });
      bots.push(
        await startBot(config, {
          logger: createLogger('debug', stream),
          clientOptions: fakeClientOptions(fake),
        }),
      );
    }
  });

  afterAll(async () => {
    for (const bot of bots) await bot.stop().catch(() => {});
    await fake?.close();
    if (redis) await stopRedis(redis);
    rmSync(work, { recursive: true, force: true });
  });

  it('a question on A pages and shares on B, once; a reload on A reaches B; both answer without Redis; B answers without A', async () => {
    const [a, b] = bots as [RunningBot, RunningBot];
    expect(a.store.kind).toBe('redis');

    // /news to A (private, paged), its Next button to B
    const ask = fake.sendCommand(
      'news',
      [
        { name: 'query', type: STRING, value: 'island ferry crossings' },
        { name: 'limit', type: INTEGER, value: 2 },
        { name: 'hide', type: BOOLEAN, value: true },
      ],
      { endpoint: endpoint(a) },
    );
    const answer = await fake.waitForResponse(ask.id);
    const first = shown(answer);
    expect(buttons(first).map((x) => x.label)).toEqual([
      '◀ Previous',
      expect.stringMatching(/^1 \//),
      'Next ▶',
      'Share',
    ]);
    const next = fake.sendButton(buttons(first)[2]!.custom_id!, answer.original, { endpoint: endpoint(b) });
    const turned = await fake.waitForResponse(next.id);
    expect(turned.callback?.type).toBe(7);
    const second = turned.callback!.data as Message;
    expect(second.content).toMatch(/\(3-4 of \d+\)/);

    // Share on B posts once; the same press again on A (another replica) posts nothing
    const share = buttons(second).find((x) => x.label === 'Share')!.custom_id!;
    const press = fake.sendButton(share, answer.original, { endpoint: endpoint(b) });
    const pressed = await fake.waitForResponse(press.id, {
      until: (r) => r.followUps.length > 0 && r.edits.length > 0,
    });
    expect((pressed.followUps[0] as Message).content).toMatch(/^📣 Shared by/);
    const replay = fake.sendButton(share, answer.original, { endpoint: endpoint(a) });
    const replayed = await fake.waitForResponse(replay.id);
    expect(((replayed.callback?.data ?? {}) as Message).content).toMatch(/already been shared/);
    expect(replayed.followUps).toEqual([]);

    // an article added, /reload on A: B reloads too, and says so in A's reply
    writeFileSync(
      path.join(seeds, 'lighthouse.md'),
      '---\ntitle: Old lighthouse at Carrow Point relit\ndate: 2026-01-20\n---\nThe Carrow Point lighthouse shone again on Tuesday after forty dark years.\n',
    );
    const reload = fake.sendCommand('reload', [], { permissions: ADMIN, endpoint: endpoint(a) });
    const reloaded = shown(await fake.waitForResponse(reload.id, { timeoutMs: 20_000 }));
    expect(reloaded.embeds![0]!.description).toMatch(/Other replicas: 1 of 1 reloaded within/);
    const found = fake.sendCommand(
      'news',
      [{ name: 'query', type: STRING, value: 'Carrow Point lighthouse' }],
      {
        endpoint: endpoint(b),
      },
    );
    expect(shown(await fake.waitForResponse(found.id)).embeds![0]!.title).toBe(
      'Old lighthouse at Carrow Point relit',
    );
    const generation = async (bot: RunningBot) =>
      (await fetch(`${bot.web!.server.address}/readyz`).then((r) => r.json())) as {
        generation: number;
        store: string;
      };
    expect((await generation(a)).generation).toBe(1);
    expect((await generation(b)).generation).toBe(1);
    expect(await fetch(`${b.web!.server.address}/metrics`).then((r) => r.text())).toMatch(
      /newsbot_reload_generation 1/,
    );

    // Redis stopped: both still answer /news; paging says it is unavailable; /readyz says so; logged once
    await stopRedis(redis);
    for (const bot of [a, b]) {
      await expect.poll(async () => (await generation(bot)).store, { timeout: 5000 }).toBe('disconnected');
      const asked = fake.sendCommand(
        'news',
        [
          { name: 'query', type: STRING, value: 'island ferry crossings' },
          { name: 'limit', type: INTEGER, value: 2 },
        ],
        { endpoint: endpoint(bot) },
      );
      const reply = shown(await fake.waitForResponse(asked.id));
      expect(reply.embeds!.length).toBe(2);
      expect(reply.content).toMatch(/Paging is unavailable right now/);
      expect(buttons(reply)).toEqual([]);
    }
    for (const lines of logs) expect(lines.filter((l) => l.includes('redis unavailable')).length).toBe(1);

    // Redis back: the replicas reconnect by themselves
    redis = await startRedis(REDIS!, redisPort, work);
    for (const bot of [a, b])
      await expect.poll(async () => (await generation(bot)).store, { timeout: 10_000 }).toBe('connected');

    // A gone: B still answers
    await a.stop();
    const last = fake.sendCommand('news', [{ name: 'query', type: STRING, value: 'rail strike' }], {
      endpoint: endpoint(b),
    });
    expect(shown(await fake.waitForResponse(last.id)).embeds![0]!.title).toMatch(/Rail strike/);
  });
});
