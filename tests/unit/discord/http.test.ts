import type { KeyObject } from 'node:crypto';
import { REST } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../../src/commands/index.js';
import { loadConfig } from '../../../src/config.js';
import type { InteractionDeps } from '../../../src/discord/context.js';
import {
  httpInteractions,
  publicKeyFromHex,
  SIGNATURE_WINDOW_SECONDS,
  verifyInteraction,
} from '../../../src/discord/http.js';
import { MemoryAnswerStore } from '../../../src/discord/store.js';
import { LiveLibrary } from '../../../src/library/live.js';
import { createLogger } from '../../../src/logger.js';
import { Metrics } from '../../../src/web/metrics.js';
import { buildWebApp } from '../../../src/web/server.js';
import { SEED_FORMAT } from '../../fixtures/articles.js';
import { discordKeyPair, seedsFolder, signInteraction } from '../../helpers.js';

const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = String(NOW_MS / 1000);
const discord = discordKeyPair();
const stranger = discordKeyPair();
const key = publicKeyFromHex(discord.hex);
const signed = (body: string, timestamp = NOW_S, by: KeyObject = discord.privateKey) =>
  signInteraction(body, timestamp, by);

describe('Ed25519 signatures of HTTP interactions', () => {
  const body = '{"type":1,"id":"1"}';
  const raw = Buffer.from(body);

  it('accepts Discord’s signature over the timestamp and the raw body', () => {
    expect(verifyInteraction(key, signed(body), NOW_S, raw, NOW_MS)).toEqual({ ok: true });
  });

  it('refuses a tampered body, another key’s signature, and missing headers', () => {
    expect(verifyInteraction(key, signed(body), NOW_S, Buffer.from('{"type":1,"id":"2"}'), NOW_MS)).toEqual({
      ok: false,
      why: 'bad signature',
    });
    expect(
      verifyInteraction(key, signed(body, NOW_S, stranger.privateKey), NOW_S, raw, NOW_MS),
    ).toMatchObject({
      ok: false,
    });
    // the same signature with another timestamp: the timestamp is signed too
    const later = String(NOW_MS / 1000 + 1);
    expect(verifyInteraction(key, signed(body), later, raw, NOW_MS)).toMatchObject({ ok: false });
    expect(verifyInteraction(key, undefined, NOW_S, raw, NOW_MS)).toMatchObject({ ok: false });
    expect(verifyInteraction(key, signed(body), undefined, raw, NOW_MS)).toMatchObject({ ok: false });
    expect(verifyInteraction(key, 'zz', NOW_S, raw, NOW_MS)).toMatchObject({ ok: false });
  });

  it('refuses a timestamp outside the window, either way (a replay, or a clock far off)', () => {
    const old = String(NOW_MS / 1000 - SIGNATURE_WINDOW_SECONDS - 1);
    expect(verifyInteraction(key, signed(body, old), old, raw, NOW_MS)).toEqual({
      ok: false,
      why: 'stale timestamp',
    });
    const future = String(NOW_MS / 1000 + SIGNATURE_WINDOW_SECONDS + 1);
    expect(verifyInteraction(key, signed(body, future), future, raw, NOW_MS)).toMatchObject({ ok: false });
    const edge = String(NOW_MS / 1000 - SIGNATURE_WINDOW_SECONDS);
    expect(verifyInteraction(key, signed(body, edge), edge, raw, NOW_MS)).toEqual({ ok: true });
  });

  it('reads the key as the developer portal shows it (64 hex characters), and nothing else', () => {
    expect(() => publicKeyFromHex('abc')).toThrow(/64 hexadecimal/);
  });
});

describe('POST /interactions on the web server', () => {
  let live: LiveLibrary;
  let handled = 0;
  let app: ReturnType<typeof buildWebApp>;
  beforeAll(async () => {
    live = await LiveLibrary.open({
      seedsDir: seedsFolder({ 'ferry.txt': SEED_FORMAT }),
      maxArticleBytes: 1e6,
      cacheDir: null,
    });
    const logger = createLogger('silent');
    const deps: InteractionDeps = {
      live,
      config: loadConfig({}),
      logger,
      commands: ALL_COMMANDS,
      pages: new MemoryAnswerStore(),
    };
    const endpoint = httpInteractions({
      publicKey: key,
      deps: () => deps,
      // no Discord here: nothing may reach a webhook in these tests
      rest: new REST({ api: 'http://127.0.0.1:9/api' }),
      track: () => {
        handled += 1;
        return true;
      },
      now: () => NOW_MS,
    });
    app = buildWebApp({
      live,
      logger,
      metrics: new Metrics(live),
      publicUrl: null,
      interactions: endpoint,
    });
  });
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/interactions',
      payload: body,
      headers: { 'content-type': 'application/json', ...headers },
    });

  it('answers PING with PONG, and nothing else runs', async () => {
    const body = '{"type":1,"id":"1","application_id":"1","token":"t","version":1}';
    const res = await post(body, { 'x-signature-ed25519': signed(body), 'x-signature-timestamp': NOW_S });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 1 });
    expect(handled).toBe(0);
  });

  it('401 for a bad or missing signature or an old timestamp; the handler never runs', async () => {
    const body = '{"type":2,"id":"1"}';
    const tampered = await post('{"type":2,"id":"2"}', {
      'x-signature-ed25519': signed(body),
      'x-signature-timestamp': NOW_S,
    });
    expect(tampered.statusCode).toBe(401);
    expect((await post(body, {})).statusCode).toBe(401);
    const old = String(NOW_MS / 1000 - SIGNATURE_WINDOW_SECONDS - 60);
    expect(
      (await post(body, { 'x-signature-ed25519': signed(body, old), 'x-signature-timestamp': old }))
        .statusCode,
    ).toBe(401);
    expect(handled).toBe(0);
  });

  it('answers a signed /help in the HTTP response (type 4), and GET is not allowed', async () => {
    const body = JSON.stringify({
      type: 2,
      id: '1300000000000000000',
      application_id: '1300000000000000001',
      token: 'interaction-token',
      version: 1,
      user: { id: '1300000000000000002', username: 'reader' },
      data: { id: '1300000000000000003', name: 'help', type: 1 },
      context: 1,
      authorizing_integration_owners: { '1': '1300000000000000002' },
    });
    const res = await post(body, { 'x-signature-ed25519': signed(body), 'x-signature-timestamp': NOW_S });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      type: 4,
      data: { embeds: [expect.objectContaining({ title: 'newsbot' })] },
    });
    expect(handled).toBe(1);
    expect((await app.inject({ method: 'GET', url: '/interactions' })).statusCode).toBe(404);
  });
});
