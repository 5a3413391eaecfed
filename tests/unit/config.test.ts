import { describe, expect, it } from 'vitest';
import { ConfigError, defaultSearchWorkers, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      discordToken: null,
      discordApiUrl: 'https://discord.com/api',
      seedsDir: './seeds',
      maxArticleBytes: 1048576,
      articleBaseUrl: null,
      adminUserIds: [],
      logLevel: 'info',
      indexCacheDir: '.cache',
      seedsFollowLinks: 'none',
    });
  });

  it('reads the replica settings: DISCORD_PUBLIC_KEY (needs WEB_PORT and DISCORD_APPLICATION_ID), DISCORD_SHARDS, REDIS_URL', () => {
    const key = 'ab'.repeat(32);
    expect(loadConfig({})).toMatchObject({ discordPublicKey: null, discordShards: 'auto', redisUrl: null });
    expect(
      loadConfig({
        DISCORD_PUBLIC_KEY: key.toUpperCase(),
        WEB_PORT: '8080',
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_SHARDS: '4',
        REDIS_URL: 'redis://127.0.0.1:6379/0',
      }),
    ).toMatchObject({ discordPublicKey: key, discordShards: 4, redisUrl: 'redis://127.0.0.1:6379/0' });
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: key })).toThrow(
      /WEB_PORT is not[\s\S]*DISCORD_APPLICATION_ID is not/,
    );
    expect(() =>
      loadConfig({ DISCORD_PUBLIC_KEY: 'nope', WEB_PORT: '1', DISCORD_APPLICATION_ID: '123456789012345678' }),
    ).toThrow(/64 hexadecimal/);
    expect(() => loadConfig({ DISCORD_SHARDS: '0' })).toThrow(/DISCORD_SHARDS must be "auto"/);
    // a URL that may hold a password is named, never echoed
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'http://user:secret@host' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/REDIS_URL must be a redis:\/\//);
    expect(message).not.toContain('secret');
  });

  it('reads SEEDS_FOLLOW_LINKS, and refuses a value it does not know with the ones it does', () => {
    expect(loadConfig({ SEEDS_FOLLOW_LINKS: 'Inside' }).seedsFollowLinks).toBe('inside');
    expect(loadConfig({ SEEDS_FOLLOW_LINKS: 'none' }).seedsFollowLinks).toBe('none');
    expect(() => loadConfig({ SEEDS_FOLLOW_LINKS: 'yes' })).toThrow(
      /SEEDS_FOLLOW_LINKS must be "none" .* or "inside" .*, got "yes"/,
    );
  });

  it('reads HEAP_LIMIT_MB: auto by default, a number of MB, or off', () => {
    expect(loadConfig({}).heapLimitMb).toBe('auto');
    expect(loadConfig({ HEAP_LIMIT_MB: '12000' }).heapLimitMb).toBe(12000);
    expect(loadConfig({ HEAP_LIMIT_MB: 'OFF' }).heapLimitMb).toBe('off');
    expect(() => loadConfig({ HEAP_LIMIT_MB: '12GB' })).toThrow(
      /HEAP_LIMIT_MB must be a number of MB .*got "12GB"/,
    );
    expect(() => loadConfig({ HEAP_LIMIT_MB: '5' })).toThrow(/at least 128/);
  });

  it('reads every setting', () => {
    const c = loadConfig({
      DISCORD_TOKEN: 'MTIz.abcdefghijklmnopqrstuvwxyz',
      DISCORD_GUILD_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      SEEDS_DIR: '/data/news',
      MAX_ARTICLE_BYTES: '2048',
      ARTICLE_BASE_URL: 'https://example.org/a/',
      ADMIN_USER_IDS: '123456789012345678, 223456789012345678',
      ADMIN_ROLE_IDS: '323456789012345678',
      LOG_LEVEL: 'DEBUG',
      INDEX_CACHE_DIR: 'off',
    });
    expect(c).toMatchObject({
      discordGuildId: '123456789012345678',
      discordApiUrl: 'http://127.0.0.1:9999/api',
      seedsDir: '/data/news',
      maxArticleBytes: 2048,
      articleBaseUrl: 'https://example.org/a',
      adminUserIds: ['123456789012345678', '223456789012345678'],
      adminRoleIds: ['323456789012345678'],
      logLevel: 'debug',
      indexCacheDir: null,
    });
  });

  it('reports every bad value at once, one message each, without the token', () => {
    try {
      loadConfig({
        DISCORD_TOKEN: 'not a token',
        DISCORD_GUILD_ID: 'my-server',
        MAX_ARTICLE_BYTES: '-5',
        ARTICLE_BASE_URL: 'ftp://x',
        ADMIN_USER_IDS: '123456789012345678,bob',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(5);
      expect(problems.join('\n')).not.toContain('not a token');
      expect(problems.find((p) => p.startsWith('ADMIN_USER_IDS'))).toContain('bob');
    }
  });

  it('reads the web settings: off by default, loopback, PUBLIC_URL without a trailing slash', () => {
    expect(loadConfig({})).toMatchObject({ webPort: null, webHost: '127.0.0.1', publicUrl: null });
    expect(
      loadConfig({ WEB_PORT: '8080', WEB_HOST: '0.0.0.0', PUBLIC_URL: 'https://news.example.org/bot/' }),
    ).toMatchObject({ webPort: 8080, webHost: '0.0.0.0', publicUrl: 'https://news.example.org/bot' });
    expect(loadConfig({ WEB_PORT: '0' }).webPort).toBe(0);
  });

  it('reads SEARCH_WORKERS (default one per core, 0: the main thread) and WEB_RATE_LIMIT (0: off)', () => {
    expect(loadConfig({})).toMatchObject({ searchWorkers: defaultSearchWorkers(), webRateLimit: 1 });
    expect(defaultSearchWorkers()).toBeGreaterThanOrEqual(1);
    expect(loadConfig({ SEARCH_WORKERS: '0', WEB_RATE_LIMIT: '0' })).toMatchObject({
      searchWorkers: 0,
      webRateLimit: 0,
    });
    expect(loadConfig({ SEARCH_WORKERS: '4', WEB_RATE_LIMIT: '0.5' })).toMatchObject({
      searchWorkers: 4,
      webRateLimit: 0.5,
    });
    expect(() => loadConfig({ SEARCH_WORKERS: 'all' })).toThrow(/SEARCH_WORKERS must be/);
    expect(() => loadConfig({ SEARCH_WORKERS: '2.5' })).toThrow(/SEARCH_WORKERS must be a whole number/);
    expect(() => loadConfig({ SEARCH_WORKERS: '1000' })).toThrow(/SEARCH_WORKERS must be .* from 0 to 64/);
    expect(() => loadConfig({ WEB_RATE_LIMIT: '-1' })).toThrow(/WEB_RATE_LIMIT must be/);
  });

  it('names each bad web setting', () => {
    try {
      loadConfig({ WEB_PORT: '80a', WEB_HOST: 'local host', PUBLIC_URL: 'localhost:8080' });
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems[0]).toMatch(/^WEB_PORT must be a port number from 0 to 65535/);
      expect(problems.join('\n')).toMatch(/WEB_HOST .*"local host"/);
      expect(problems.join('\n')).toMatch(/PUBLIC_URL must be an http\(s\) URL/);
    }
    expect(() => loadConfig({ WEB_PORT: '70000' })).toThrow(/WEB_PORT/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://x.example.org' })).toThrow(/WEB_PORT is not/);
  });

  it('TRUST_PROXY: off by default; proxy addresses or a hop count; "true" (believe anyone) is refused', () => {
    expect(loadConfig({}).trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: 'off' }).trustProxy).toBeNull();
    expect(loadConfig({ TRUST_PROXY: 'loopback,10.0.0.5' }).trustProxy).toEqual({
      addresses: ['loopback', '10.0.0.5'],
    });
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY=true would believe X-Forwarded-For from anyone/,
    );
    expect(() => loadConfig({ TRUST_PROXY: 'my-proxy' })).toThrow(/not addresses: my-proxy/);
  });
});
