import { availableParallelism } from 'node:os';
import { FOLLOW_LINKS, type FollowLinks } from './articles/walk.js';
import { parseTrustProxy, type TrustProxy } from './web/trust-proxy.js';

// Environment -> one typed, validated Config. Every bad value gets its own clear message, and all of
// them are reported at once so a person fixes their .env in one go. The token's value never appears
// in a message.

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  /** Bot token; null runs the local console instead of connecting to Discord. */
  discordToken: string | null;
  /** Application (client) id; null means "ask Discord for it after login". */
  discordApplicationId: string | null;
  /** Register commands in this guild only (instant), else globally. */
  discordGuildId: string | null;
  /** REST base, without the version ("https://discord.com/api"). */
  discordApiUrl: string;
  /**
   * The application's Ed25519 public key (64 hex characters): set, the bot answers Discord's HTTP
   * interactions at WEB_PORT's /interactions instead of connecting to the gateway.
   */
  discordPublicKey: string | null;
  /** Gateway shards this process runs: 'auto' (as many as Discord recommends) or a count. */
  discordShards: 'auto' | number;
  /** Redis shared by replicas (paged answers, Share, reloads); null: kept in this process. */
  redisUrl: string | null;
  seedsDir: string;
  /** Symbolic links inside SEEDS_DIR: named and not followed ('none'), or followed ('inside'). */
  seedsFollowLinks: FollowLinks;
  maxArticleBytes: number;
  /** Base for links to articles that have no url of their own: `${articleBaseUrl}/${id}`. */
  articleBaseUrl: string | null;
  adminUserIds: string[];
  adminRoleIds: string[];
  logLevel: LogLevel;
  /** Where the warm-start cache is kept; null: no cache (INDEX_CACHE_DIR=off). */
  indexCacheDir: string | null;
  /** HEAP_LIMIT_MB: the heap limit in MB, 'auto' (a share of memory, the default) or 'off' (Node's own). */
  heapLimitMb?: number | 'auto' | 'off';
  /** Port of the web pages (articles, search, health, metrics); null: no web server. 0: any free port. */
  webPort: number | null;
  /** Address the web server listens on: 127.0.0.1 by default, 0.0.0.0 behind a proxy. */
  webHost: string;
  /**
   * The address people reach the web pages at, without a trailing slash (links in replies point
   * there); null: http://localhost:<the port listened on>.
   */
  publicUrl: string | null;
  /**
   * TRUST_PROXY: the reverse proxies whose X-Forwarded-For names the client (for the rate limit
   * and the connection cap); null: no one's (the default), each connection is its own client.
   */
  trustProxy: TrustProxy | null;
  /**
   * Worker threads that answer searches (/news, /quote, autocomplete, "Who said this?", the web
   * search pages), each with a copy of the snapshot; 0: searches run in the main thread.
   */
  searchWorkers: number;
  /**
   * Worker threads that parse the article files at a start (and at a reload that changed many);
   * 0: parse in the main thread. The outcome is the same either way.
   */
  parseWorkers: number;
  /** Web searches (/search, /quotes) per second per address after a burst; 0: no limit. */
  webRateLimit: number;
}

/** A heap below this cannot hold the bot and a few hundred articles: a typo, not a choice. */
const MIN_HEAP_MB = 128;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const SNOWFLAKE = /^\d{17,20}$/;
const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;
const MAX_PORT = 65535;
/** Loopback only unless asked: the pages are public once a proxy or 0.0.0.0 exposes them. */
const DEFAULT_WEB_HOST = '127.0.0.1';
/** SEARCH_WORKERS default: one per core the process may use, at least one. */
export const defaultSearchWorkers = (): number => Math.max(1, availableParallelism());
/**
 * PARSE_WORKERS default: one per core when there are several (the main thread meanwhile reads the
 * files and hashes them); none on one core, where a worker would only add the copying of its results.
 */
export const defaultParseWorkers = (): number => (availableParallelism() > 1 ? availableParallelism() : 0);
/** More workers than this is a typo: each holds a copy of the index (docs/operations.md "Keeping up under load"). */
const MAX_SEARCH_WORKERS = 64;
/** WEB_RATE_LIMIT default: one search a second per address after a burst of 20 (src/web/server.ts). */
const DEFAULT_WEB_RATE_LIMIT = 1;

type Env = Record<string, string | undefined>;

function cacheDir(value: string | null): string | null {
  if (value === null) return '.cache';
  return /^(off|none|false|0)$/i.test(value) ? null : value;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const text = (name: string): string | null => {
    const v = env[name]?.trim();
    return v ? v : null;
  };

  const snowflake = (name: string): string | null => {
    const v = text(name);
    if (v !== null && !SNOWFLAKE.test(v)) {
      problems.push(`${name} must be a Discord id (17-20 digits), got "${v}"`);
      return null;
    }
    return v;
  };

  const snowflakeList = (name: string): string[] => {
    const v = text(name);
    if (!v) return [];
    const ids = v
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.filter((id) => !SNOWFLAKE.test(id));
    if (bad.length)
      problems.push(`${name} must be a comma-separated list of Discord ids; not ids: ${bad.join(', ')}`);
    return ids.filter((id) => SNOWFLAKE.test(id));
  };

  const url = (name: string, fallback: string | null): string | null => {
    const v = text(name);
    if (!v) return fallback;
    try {
      const parsed = new URL(v);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
      return v.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL, got "${v}"`);
      return fallback;
    }
  };

  const token = text('DISCORD_TOKEN');
  if (token !== null && (/\s/.test(token) || token.length < 20)) {
    // never echo the value: it may be a real token with a typo
    problems.push('DISCORD_TOKEN does not look like a bot token (too short or contains spaces)');
  }

  let maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES;
  const rawMax = text('MAX_ARTICLE_BYTES');
  if (rawMax !== null) {
    const n = Number(rawMax);
    if (!Number.isInteger(n) || n <= 0)
      problems.push(`MAX_ARTICLE_BYTES must be a positive whole number of bytes, got "${rawMax}"`);
    else maxArticleBytes = n;
  }

  let logLevel: LogLevel = 'info';
  const rawLevel = text('LOG_LEVEL');
  if (rawLevel !== null) {
    if ((LOG_LEVELS as readonly string[]).includes(rawLevel.toLowerCase()))
      logLevel = rawLevel.toLowerCase() as LogLevel;
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLevel}"`);
  }

  let webPort: number | null = null;
  const rawPort = text('WEB_PORT');
  if (rawPort !== null) {
    const n = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || n > MAX_PORT)
      problems.push(
        `WEB_PORT must be a port number from 0 to ${MAX_PORT} (0: any free port), got "${rawPort}"`,
      );
    else webPort = n;
  }
  const webHost = text('WEB_HOST') ?? DEFAULT_WEB_HOST;
  if (/[\s/]/.test(webHost))
    problems.push(`WEB_HOST must be an address or host name to listen on, got "${webHost}"`);
  const publicUrl = url('PUBLIC_URL', null);
  if (publicUrl !== null && rawPort === null)
    problems.push(
      'PUBLIC_URL is set but WEB_PORT is not: set WEB_PORT to serve the pages PUBLIC_URL points at',
    );

  const trust = parseTrustProxy(text('TRUST_PROXY'));
  if ('error' in trust) problems.push(trust.error);

  let seedsFollowLinks: FollowLinks = 'none';
  const rawFollow = text('SEEDS_FOLLOW_LINKS');
  if (rawFollow !== null) {
    if ((FOLLOW_LINKS as readonly string[]).includes(rawFollow.toLowerCase()))
      seedsFollowLinks = rawFollow.toLowerCase() as FollowLinks;
    else
      problems.push(
        `SEEDS_FOLLOW_LINKS must be "none" (links are named, not followed) or "inside" (links whose target stays inside SEEDS_DIR are followed), got "${rawFollow}"`,
      );
  }

  const publicKey = text('DISCORD_PUBLIC_KEY');
  if (publicKey !== null && !/^[0-9a-f]{64}$/i.test(publicKey))
    problems.push(
      "DISCORD_PUBLIC_KEY must be the application's public key from the developer portal (64 hexadecimal characters)",
    );
  if (publicKey !== null && rawPort === null)
    problems.push(
      'DISCORD_PUBLIC_KEY is set but WEB_PORT is not: Discord posts interactions to the web server',
    );
  if (publicKey !== null && text('DISCORD_APPLICATION_ID') === null)
    problems.push(
      'DISCORD_PUBLIC_KEY is set but DISCORD_APPLICATION_ID is not: replies go to /webhooks/<application id>/…',
    );

  let discordShards: 'auto' | number = 'auto';
  const rawShards = text('DISCORD_SHARDS');
  if (rawShards !== null && rawShards.toLowerCase() !== 'auto') {
    const n = Number(rawShards);
    if (!/^\d+$/.test(rawShards) || n < 1)
      problems.push(`DISCORD_SHARDS must be "auto" or a number of shards (1 or more), got "${rawShards}"`);
    else discordShards = n;
  }

  let redisUrl: string | null = null;
  const rawRedis = text('REDIS_URL');
  if (rawRedis !== null) {
    try {
      const parsed = new URL(rawRedis);
      if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new Error('not redis');
      redisUrl = rawRedis;
    } catch {
      // the URL may hold a password: named, not echoed
      problems.push('REDIS_URL must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)');
    }
  }

  let heapLimitMb: number | 'auto' | 'off' = 'auto';
  const rawHeap = text('HEAP_LIMIT_MB');
  if (rawHeap !== null) {
    const lower = rawHeap.toLowerCase();
    if (lower === 'auto' || lower === 'off') heapLimitMb = lower;
    else if (/^\d+$/.test(rawHeap) && Number(rawHeap) >= MIN_HEAP_MB) heapLimitMb = Number(rawHeap);
    else
      problems.push(
        `HEAP_LIMIT_MB must be a number of MB (at least ${MIN_HEAP_MB}), "auto" (a share of the machine's memory) or "off" (Node's default), got "${rawHeap}"`,
      );
  }
  const count = (name: string, fallback: number, max: number, what: string): number => {
    const v = text(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (!/^\d+(\.\d+)?$/.test(v) || n > max) {
      problems.push(`${name} must be ${what} from 0 to ${max}, got "${v}"`);
      return fallback;
    }
    return n;
  };
  /** A number of worker threads (SEARCH_WORKERS, PARSE_WORKERS); 0: `zero` says what then. */
  const workers = (name: string, fallback: number, zero: string): number => {
    const n = count(name, fallback, MAX_SEARCH_WORKERS, `a whole number of worker threads (0: ${zero})`);
    if (!Number.isInteger(n))
      problems.push(`${name} must be a whole number of worker threads, got "${text(name)}"`);
    return n;
  };
  const searchWorkers = workers('SEARCH_WORKERS', defaultSearchWorkers(), 'search in the main thread');
  const parseWorkers = workers('PARSE_WORKERS', defaultParseWorkers(), 'parse in the main thread');
  const webRateLimit = count(
    'WEB_RATE_LIMIT',
    DEFAULT_WEB_RATE_LIMIT,
    1_000_000,
    'a number of searches per second per address (0: no limit)',
  );

  const config: Config = {
    discordToken: token,
    discordApplicationId: snowflake('DISCORD_APPLICATION_ID'),
    discordGuildId: snowflake('DISCORD_GUILD_ID'),
    discordApiUrl: url('DISCORD_API_URL', 'https://discord.com/api') ?? 'https://discord.com/api',
    discordPublicKey:
      publicKey !== null && /^[0-9a-f]{64}$/i.test(publicKey) ? publicKey.toLowerCase() : null,
    discordShards,
    redisUrl,
    seedsDir: text('SEEDS_DIR') ?? './seeds',
    seedsFollowLinks,
    maxArticleBytes,
    articleBaseUrl: url('ARTICLE_BASE_URL', null),
    adminUserIds: snowflakeList('ADMIN_USER_IDS'),
    adminRoleIds: snowflakeList('ADMIN_ROLE_IDS'),
    logLevel,
    indexCacheDir: cacheDir(text('INDEX_CACHE_DIR')),
    heapLimitMb,
    webPort,
    webHost,
    publicUrl,
    trustProxy: 'value' in trust ? trust.value : null,
    searchWorkers,
    parseWorkers,
    webRateLimit,
    ...overrides,
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
