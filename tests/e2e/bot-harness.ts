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
    ...options.env,
  };
  const config = loadConfig(env);
  const bot = await startBot(config, {
    logger,
    clientOptions: fakeClientOptions(fake),
    commands: options.commands ?? ALL_COMMANDS,
    ...(options.searchPool ? { searchPool: options.searchPool } : {}),
  });
  running.push({ bot, fake });
  return { bot, fake, seeds, logs };
}

/** Stops a bot started with startTestBot now (its fake Discord stays up), e.g. to start it again. */
export async function stopTestBot(bot: RunningBot): Promise<void> {
  const i = running.findIndex((r) => r.bot === bot);
  if (i >= 0) running.splice(i, 1);
  await bot.stop();
}
