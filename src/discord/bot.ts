import { Client, type ClientOptions, Events, GatewayIntentBits, REST, Status } from 'discord.js';
import { ALL_COMMANDS } from '../commands/index.js';
import type { AnyCommand } from '../commands/types.js';
import type { Config } from '../config.js';
import { LiveLibrary, openOptionsOf, textAsideAfterSave } from '../library/live.js';
import { logReloadProgress, Progress, reportProgress } from '../library/progress.js';
import { createLogger, type Logger, scrubSecrets } from '../logger.js';
import type { SearchPool, SearchPoolOptions } from '../search-pool/pool.js';
import { reloadAndSwitch, startSearchPool } from '../search-pool/start.js';
import { type ReplicaStatus, startConfiguredWeb, type WebRun } from '../web/server.js';
import { startConfiguredStartingWeb } from '../web/starting.js';
import type { InteractionDeps } from './context.js';
import { answerGatewayInteractions } from './gateway.js';
import { httpInteractions, publicKeyFromHex } from './http.js';
import { type CommandScope, resolveApplicationId, syncCommands } from './register.js';
import { RedisAnswerStore, RedisLink, ReloadFanout } from './replicas.js';
import { startingInteractions } from './starting.js';
import { type AnswerStore, MemoryAnswerStore } from './store.js';

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
  /** The gateway client; null in HTTP interactions mode. */
  client: Client | null;
  /** 'gateway' (DISCORD_TOKEN) or 'http' (DISCORD_PUBLIC_KEY). */
  mode: 'gateway' | 'http';
  /** Paged answers and Share: in memory, or in Redis (REDIS_URL). */
  store: AnswerStore;
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
 * Indexes the articles and answers interactions: over the gateway (DISCORD_TOKEN), or, with
 * DISCORD_PUBLIC_KEY, as Discord's HTTP interactions at WEB_PORT's /interactions (no gateway). The
 * commands are registered when they changed (in HTTP mode only when DISCORD_TOKEN is set).
 * Resolves once it answers.
 */
/** Opens the library, saying in the log every few seconds how far the start is (a large archive takes minutes). */
async function openWithProgress(config: Config, logger: Logger, progress: Progress): Promise<LiveLibrary> {
  const stopReporting = reportProgress(
    progress,
    (text) => logger.info({ progress: progress.state }, text.trim()),
    { bar: false },
  );
  try {
    return await LiveLibrary.open(openOptionsOf(config, progress));
  } finally {
    stopReporting();
  }
}

export async function startBot(config: Config, options: BotOptions = {}): Promise<RunningBot> {
  const token = config.discordToken;
  const mode = config.discordPublicKey ? 'http' : 'gateway';
  if (mode === 'gateway' && !token) throw new Error('DISCORD_TOKEN is not set');
  const logger = options.logger ?? createLogger(config.logLevel);
  const commands = options.commands ?? ALL_COMMANDS;
  // with WEB_PORT, a long first start answers /healthz, /readyz (with its progress) and /metrics
  const progress = new Progress('start');
  // in HTTP interactions mode Discord's POSTs are answered meanwhile (PONG, or how far the start is)
  const startingAnswers = config.discordPublicKey
    ? startingInteractions({ publicKey: publicKeyFromHex(config.discordPublicKey), progress })
    : undefined;
  const starting = options.live ? null : await startConfiguredStartingWeb(config, progress, startingAnswers);
  const live =
    options.live ??
    (await openWithProgress(config, logger, progress).catch(async (error: unknown) => {
      await starting?.close();
      throw error;
    }));
  const stopReloadLog = logReloadProgress(live, (line, state) => logger.info({ progress: state }, line));
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
  const pause = await textAsideAfterSave(live);
  if (pause !== null)
    logger.info(
      { pauseMs: Math.round(pause) },
      "the articles' text left in the index cache; memory collected",
    );
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

  const link = config.redisUrl ? new RedisLink(config.redisUrl, logger) : null;
  const fanout = new ReloadFanout(live, link, logger);
  try {
    if (link) await link.connect();
    await fanout.start();
  } catch (error) {
    await searching?.close();
    await link?.close();
    await starting?.close();
    throw error;
  }
  const store: AnswerStore = link ? new RedisAnswerStore(link) : new MemoryAnswerStore();
  /** /reload: this replica's, and the others' through Redis; the report waits for the search workers to switch. */
  const reload = reloadAndSwitch(fanout, searchPool);
  const replicas = (): ReplicaStatus => ({
    store: link ? (link.connected ? 'connected' : 'disconnected') : 'memory',
    generation: fanout.generation,
  });

  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const track = (work: Promise<void>): boolean => {
    if (stopping) return false;
    const tracked = work.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    return true;
  };
  const deps = (web: WebRun | null): InteractionDeps => ({
    live,
    config,
    logger,
    commands,
    pages: store,
    reload,
    ...(searching ? { searcher: searching.searcher } : {}),
    ...(web ? { publicUrl: web.server.publicUrl, observe: web.metrics.observe } : {}),
  });
  const scopeOf = (applicationId: string): CommandScope => ({
    applicationId,
    guildId: config.discordGuildId,
  });
  const closeAll = async (client: Client | null, web: WebRun | null) => {
    stopping = true;
    stopReloadLog();
    // a reload in flight is abandoned (the old articles stay), so its /reload reply goes at once
    if (live.cancelReload('the bot is shutting down')) logger.info('reload cancelled: shutting down');
    await Promise.allSettled([...inFlight]);
    await web?.server.close();
    // not handed over (the pages failed to start): the starting face still holds the port
    await starting?.close();
    await client?.destroy();
    await link?.close();
    await searching?.close();
  };
  /** A start that fails: what it had started is closed, then the error goes on to the caller. */
  const closeAndThrow = async (error: unknown): Promise<never> => {
    await closeAll(null, null);
    throw error;
  };
  const common = {
    live,
    logger,
    store,
    searchPool,
    async stop(this: RunningBot) {
      await closeAll(this.client, this.web);
      // no one is waiting for a reply now: the moment it takes to save a reloaded index is free
      await saveCache(live, logger);
    },
    async reload() {
      const running = reload();
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
        ...(report.replicas
          ? { replicasReloaded: report.replicas.reloaded, replicasListening: report.replicas.listening }
          : {}),
      };
      if (report.ok) logger.info(fields, 'reloaded');
      else logger.error({ ...fields, error: report.error }, 'reload failed; kept the previous articles');
    },
  };

  if (mode === 'http') {
    // DISCORD_PUBLIC_KEY: Discord posts interactions here; answers go to the interaction webhooks
    const applicationId = config.discordApplicationId;
    if (!applicationId) return closeAndThrow(new Error('DISCORD_APPLICATION_ID is not set'));
    const rest = new REST({ api: config.discordApiUrl, ...options.clientOptions?.rest });
    if (token) rest.setToken(token);
    let web: WebRun | null = null;
    let answering: InteractionDeps | null = null;
    const endpoint = httpInteractions({
      publicKey: publicKeyFromHex(config.discordPublicKey!),
      rest,
      track,
      deps: () => {
        if (!answering) throw new Error('not answering yet');
        return answering;
      },
    });
    web = await startConfiguredWeb(config, live, logger, undefined, {
      interactions: endpoint,
      replicas,
      search: searching,
      starting,
    }).catch(closeAndThrow);
    if (!web) return closeAndThrow(new Error('WEB_PORT is not set'));
    answering = deps(web);
    let outcome = 'not registered (no DISCORD_TOKEN)';
    if (token) {
      try {
        outcome = await syncCommands(
          rest,
          scopeOf(applicationId),
          commands.map((cmd) => cmd.definition),
        );
      } catch (error) {
        await closeAll(null, web);
        throw new Error(`registering the commands failed: ${scrubSecrets(String(error), [token])}`);
      }
    }
    logger.info(
      {
        mode,
        interactions: `${web.server.publicUrl}/interactions`,
        listening: web.server.address,
        articles: live.current.size,
        store: store.kind,
        commands: `${outcome}${token ? ` (${config.discordGuildId ? `guild ${config.discordGuildId}` : 'global'})` : ''}`,
      },
      'ready',
    );
    return { client: null, mode, web, ...common };
  }

  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [], repliedUser: false },
    // 'auto': as many shards as Discord recommends (GET /gateway/bot); one session cannot serve
    // more than 2,500 servers
    ...(config.discordShards === 'auto'
      ? { shards: 'auto' as const }
      : {
          shards: Array.from({ length: config.discordShards }, (_, i) => i),
          shardCount: config.discordShards,
        }),
    ...options.clientOptions,
    rest: { ...options.clientOptions?.rest, api: config.discordApiUrl },
  });
  // before logging in: a port in use stops the start at once, and /readyz says "not ready" until the gateway is
  const web = await startConfiguredWeb(config, live, logger, () => client.ws.status === Status.Ready, {
    replicas,
    search: searching,
    starting,
  }).catch(closeAndThrow);
  if (web) logger.info({ url: web.server.publicUrl, listening: web.server.address }, 'web pages served');

  answerGatewayInteractions(client, deps(web), track);
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
        const rest = new REST({ api: config.discordApiUrl }).setToken(token!);
        const applicationId =
          c.application?.id ?? (await resolveApplicationId(rest, config.discordApplicationId));
        const outcome = await syncCommands(
          rest,
          scopeOf(applicationId),
          commands.map((cmd) => cmd.definition),
        );
        logger.info(
          {
            user: c.user.tag,
            guilds: c.guilds.cache.size,
            shards: c.ws.shards.size,
            articles: live.current.size,
            problems: live.current.problems.length,
            store: store.kind,
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
    await client.login(token!);
    await ready;
  } catch (error) {
    await closeAll(client, web);
    throw new Error(scrubSecrets(error instanceof Error ? error.message : String(error), [token]));
  }

  return { client, mode, web, ...common };
}

/** Saves the warm-start cache when the snapshot changed since it was written; a failure only costs the next start time. */
async function saveCache(live: LiveLibrary, logger: Logger): Promise<void> {
  try {
    if (await live.saveCache()) logger.info('index cache saved');
  } catch (error) {
    logger.warn({ err: error }, 'could not save the index cache');
  }
}

/** `npm start` with a token or a public key: runs until SIGINT/SIGTERM; SIGHUP reloads the articles (on every replica). */
export async function startDiscord(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  let bot: RunningBot;
  // listened for from the first moment: a SIGHUP's default action would end the process
  let started: RunningBot | null = null;
  process.on('SIGHUP', () => {
    if (started) void started.reload();
    else logger.warn('SIGHUP before the bot was ready: ignored (the articles were just read)');
  });
  try {
    bot = await startBot(config, { logger });
    started = bot;
  } catch (error) {
    logger.fatal({ error: error instanceof Error ? error.message : String(error) }, 'could not start');
    return 1;
  }
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
