import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import { ALL_COMMANDS } from '../../src/commands/index.js';
import type { AnyCommand } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { type BotOptions, type RunningBot, startBot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/logger.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../fixtures/articles.js';
import { seedsFolder } from '../helpers.js';
import { FakeDiscord, fakeClientOptions } from './fake-discord.js';

/** How the fake Discord reaches the bot: the gateway (DISCORD_TOKEN) or HTTP interactions (DISCORD_PUBLIC_KEY). */
export type Transport = 'gateway' | 'http';
/** The same tests run over both: `describe.each(TRANSPORTS)` with `useTransport(mode)` in a beforeEach. */
export const TRANSPORTS: readonly Transport[] = ['gateway', 'http'];
let transport: Transport = 'gateway';
export function useTransport(mode: Transport): void {
  transport = mode;
}

/** The settings that put a bot in `mode` against `fake` (the web server on a free port for HTTP). */
export function transportEnv(mode: Transport, fake: FakeDiscord): Record<string, string> {
  return mode === 'http'
    ? { DISCORD_PUBLIC_KEY: fake.publicKey, DISCORD_APPLICATION_ID: fake.applicationId, WEB_PORT: '0' }
    : {};
}

/** After the start: in HTTP mode, the fake posts interactions to this bot's /interactions. */
export function connectTransport(bot: RunningBot, fake: FakeDiscord): void {
  if (bot.mode === 'http' && bot.web) fake.deliverInteractionsTo(`${bot.web.server.address}/interactions`);
}

const running: { bot: RunningBot; fake: FakeDiscord }[] = [];
afterEach(async () => {
  for (const { bot, fake } of running.splice(0)) {
    await bot.stop();
    await fake.close();
  }
});

/**
 * The real bot against a fake Discord, on the three fixture articles plus `files`, with every
 * command registered; stopped after each test. `env` overrides settings (`DISCORD_GUILD_ID: ''`
 * registers globally); pass `fake` to start again against the same Discord.
 */
export async function startTestBot(
  options: {
    files?: Record<string, string>;
    env?: Record<string, string>;
    fake?: FakeDiscord;
    commands?: readonly AnyCommand[];
    transport?: Transport;
    searchPool?: BotOptions['searchPool'];
  } = {},
) {
  const seeds = seedsFolder({
    'ferry.txt': SEED_FORMAT,
    'rail.md': FRONT_MATTER,
    'apples.txt': PLAIN_TEXT,
    ...options.files,
  });
  const fake = options.fake ?? (await FakeDiscord.start());
  const logs: string[] = [];
  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const env: Record<string, string> = {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guildId,
    SEEDS_DIR: seeds,
    // inside the seeds folder (hidden folders are not read as articles), so each test has its own
    INDEX_CACHE_DIR: path.join(seeds, '.cache'),
    ...transportEnv(options.transport ?? transport, fake),
    ...options.env,
  };
  const config = loadConfig(env);
  const bot = await startBot(config, {
    logger,
    clientOptions: fakeClientOptions(fake),
    commands: options.commands ?? ALL_COMMANDS,
    ...(options.searchPool ? { searchPool: options.searchPool } : {}),
  });
  connectTransport(bot, fake);
  running.push({ bot, fake });
  return { bot, fake, seeds, logs };
}

/** Stops a bot started with startTestBot now (its fake Discord stays up), e.g. to start it again. */
export async function stopTestBot(bot: RunningBot): Promise<void> {
  const i = running.findIndex((r) => r.bot === bot);
  if (i >= 0) running.splice(i, 1);
  await bot.stop();
}
