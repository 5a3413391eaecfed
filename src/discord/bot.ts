import { Client, type ClientOptions, Events, GatewayIntentBits, REST, Status } from 'discord.js';
import { ALL_COMMANDS } from '../commands/index.js';
import type { AnyCommand } from '../commands/types.js';
import type { Config } from '../config.js';
import { LiveLibrary } from '../library/live.js';
import { createLogger, type Logger, scrubSecrets } from '../logger.js';
import type { SearchPool, SearchPoolOptions } from '../search-pool/pool.js';
import { reloadAndSwitch, startSearchPool } from '../search-pool/start.js';
import { startConfiguredWeb, type WebRun } from '../web/server.js';
import { handleInteraction } from './interactions.js';
import { PageStore } from './pages.js';
import { resolveApplicationId, syncCommands } from './register.js';

export interface BotOptions {
  logger?: Logger;
  /** Extra discord.js client options (tests pass a quicker identify throttle). */
  clientOptions?: Partial<ClientOptions>;
  /** A library already loaded; else the seeds folder is indexed before the bot logs in. */
  live?: LiveLibrary;
  commands?: readonly AnyCommand[];
  /** Search pool settings beyond SEARCH_WORKERS (tests: a small queue, slow searches). */
  searchPool?: Omit<SearchPoolOptions, 'workers'>;
}

export interface RunningBot {
  client: Client;
  live: LiveLibrary;
  logger: Logger;
  /** The web pages, when WEB_PORT is set. */
  web: WebRun | null;
  /** The search workers (null: SEARCH_WORKERS=0, searches in the main thread). */
  searchPool: SearchPool | null;
  /** Finishes the replies in flight, then disconnects. */
  stop(): Promise<void>;
  /** The same reload as /reload, for SIGHUP. */
  reload(): Promise<void>;
}

/**
 * Indexes the articles, connects, registers the commands when they changed, and answers
 * interactions. Resolves once the client is ready.
 */
export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const token = config.discordToken;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const logger = options.logger ?? createLogger(config.logLevel);
  const commands = options.commands ?? ALL_COMMANDS;
  const live =
    options.live ??
    (await LiveLibrary.open({
      seedsDir: config.seedsDir,
      maxArticleBytes: config.maxArticleBytes,
      cacheDir: config.indexCacheDir,
      followLinks: config.seedsFollowLinks,
    }));
  logger.info(
    {
      articles: live.current.size,
      problems: live.current.problems.length,
      seedsDir: config.seedsDir,
      fromCache: live.fromCache,
    },
    'articles indexed',
  );
  if (live.cacheNote)
    logger[live.cacheNote.damaged ? 'info' : 'debug'](
      { reason: live.cacheNote.reason },
      'index cache not used; built from the files',
    );
  await saveCache(live, logger);
  // workers that cannot start cost speed, not answers: the searches then run in this thread
  const searching = await startSearchPool(config, live, {
    ...options.searchPool,
    onProblem: (message) => logger.warn(message),
  }).catch((error: unknown) => {
    logger.error({ err: error }, 'search workers could not start; searching in the main thread');
    return null;
  });
  const searchPool = searching?.pool ?? null;
  searchPool?.whenReady().then(
    () => logger.info({ workers: config.searchWorkers }, 'search workers ready'),
    () => {},
  );

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    ...options.clientOptions,
    rest: { ...options.clientOptions?.rest, api: config.discordApiUrl },
  });
  const pages = new PageStore();
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  // before logging in: a port in use stops the start at once, and /readyz says "not ready" until the gateway is
  const web = await startConfiguredWeb(
    config,
    live,
    logger,
    () => client.ws.status === Status.Ready,
    searching,
  ).catch(async (error: unknown) => {
    await searching?.close();
    throw error;
  });
  if (web) logger.info({ url: web.server.publicUrl, listening: web.server.address }, 'web pages served');
  const links = {
    ...(web ? { publicUrl: web.server.publicUrl, observe: web.metrics.observe } : {}),
    reload: reloadAndSwitch(live, searchPool),
    ...(searching ? { searcher: searching.searcher } : {}),
  };

  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = handleInteraction(interaction, { live, config, logger, commands, pages, ...links }).finally(
      () => inFlight.delete(work),
    );
    inFlight.add(work);
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) =>
    logger.warn({ message: scrubSecrets(message, [token]) }, 'discord client warning'),
  );
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, 'gateway session resumed'),
  );
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.warn({ shard, code: event.code }, 'gateway disconnected'),
  );

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, async (c) => {
      try {
        const rest = new REST({ api: config.discordApiUrl }).setToken(token);
        const applicationId =
          c.application?.id ?? (await resolveApplicationId(rest, config.discordApplicationId));
        const scope = { applicationId, guildId: config.discordGuildId };
        const outcome = await syncCommands(
          rest,
          scope,
          commands.map((cmd) => cmd.definition),
        );
        logger.info(
          {
            user: c.user.tag,
            guilds: c.guilds.cache.size,
            articles: live.current.size,
            problems: live.current.problems.length,
            commands: `${outcome} (${config.discordGuildId ? `guild ${config.discordGuildId}` : 'global'})`,
          },
          'ready',
        );
        resolve();
      } catch (error) {
        reject(
          new Error(
            `connected, but registering the commands failed: ${scrubSecrets(String(error), [token])}`,
          ),
        );
      }
    });
  });
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    await web?.server.close();
    await searching?.close();
    throw new Error(scrubSecrets(error instanceof Error ? error.message : String(error), [token]));
  }

  return {
    client,
    live,
    logger,
    web,
    searchPool,
    async stop() {
      stopping = true;
      // a reload in flight is abandoned (the old articles stay), so its /reload reply goes at once
      if (live.cancelReload('the bot is shutting down')) logger.info('reload cancelled: shutting down');
      await Promise.allSettled([...inFlight]);
      await web?.server.close();
      await client.destroy();
      await searching?.close();
      // no one is waiting for a reply now: the moment it takes to save a reloaded index is free
      await saveCache(live, logger);
    },
    async reload() {
      const running = links.reload();
      if (!running) {
        logger.warn('reload requested while one is running; ignored');
        return;
      }
      logger.info('reloading');
      const report = await running;
      const fields = {
        before: report.before,
        after: report.after,
        added: report.added.length,
        changed: report.changed.length,
        removed: report.removed.length,
        problems: report.problems.length,
        seconds: report.seconds,
      };
      if (report.ok) logger.info(fields, 'reloaded');
      else logger.error({ ...fields, error: report.error }, 'reload failed; kept the previous articles');
    },
  };
}

/** Saves the warm-start cache when the snapshot changed since it was written; a failure only costs the next start time. */
async function saveCache(live: LiveLibrary, logger: Logger): Promise<void> {
  try {
    if (await live.saveCache()) logger.info('index cache saved');
  } catch (error) {
    logger.warn({ err: error }, 'could not save the index cache');
  }
}

/** `npm start` with a token: runs until SIGINT/SIGTERM; SIGHUP reloads the articles. */
export async function startDiscord(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  let bot: RunningBot;
  try {
    bot = await startBot(config, { logger });
  } catch (error) {
    logger.fatal({ error: error instanceof Error ? error.message : String(error) }, 'could not start');
    return 1;
  }
  process.on('SIGHUP', () => void bot.reload());
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutting down: finishing replies in flight');
      bot.stop().then(
        () => resolve(0),
        (error) => {
          logger.error({ err: error }, 'error while shutting down');
          resolve(0);
        },
      );
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
}
