import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { publicKeyFromHex } from '../../../src/discord/http.js';
import { startingInteractions, startingNote } from '../../../src/discord/starting.js';
import { Progress } from '../../../src/library/progress.js';
import { type StartingWeb, startStartingWeb } from '../../../src/web/starting.js';
import { discordKeyPair, signInteraction } from '../../helpers.js';

const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW_S = String(NOW_MS / 1000);
const discord = discordKeyPair();
const stranger = discordKeyPair();

const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0)) await close();
});

/** A POST over a real socket to the starting face. */
function post(
  address: string,
  path: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${address}${path}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    // an oversized body may be cut off by the server once it has answered 413
    req.on('error', reject);
    req.end(body);
  });
}

const signedHeaders = (body: string, by = discord.privateKey) => ({
  'x-signature-ed25519': signInteraction(body, NOW_S, by),
  'x-signature-timestamp': NOW_S,
});

/** A start 12,400 files into 21,280, and the starting face answering interactions for it. */
async function startingFace(
  limits: { interactionBodyLimitBytes?: number } = {},
): Promise<{ face: StartingWeb; progress: Progress }> {
  const progress = new Progress('start', () => 0);
  progress.listed(21_280);
  for (let i = 0; i < 12_400; i++) progress.record(true);
  const face = await startStartingWeb({
    host: '127.0.0.1',
    port: 0,
    publicUrl: null,
    trustProxy: null,
    progress,
    limits,
    interactions: startingInteractions({
      publicKey: publicKeyFromHex(discord.hex),
      progress,
      now: () => NOW_MS,
    }),
  });
  closing.push(() => face.close());
  return { face, progress };
}

const command = JSON.stringify({
  type: 2,
  id: '1300000000000000000',
  application_id: '1300000000000000001',
  token: 'interaction-token',
  version: 1,
  user: { id: '1300000000000000002', username: 'reader' },
  data: { id: '1300000000000000003', name: 'news', type: 1 },
});

describe('Discord interactions while the bot starts', () => {
  it('answers a signed PING with PONG (the endpoint check)', async () => {
    const { face } = await startingFace();
    const body = '{"type":1,"id":"1","application_id":"1","token":"t","version":1}';
    const res = await post(face.address, '/interactions', body, signedHeaders(body));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ type: 1 });
  });

  it('answers a command with an ephemeral note of how far the start is, mentioning no one', async () => {
    const { face } = await startingFace();
    const res = await post(face.address, '/interactions', command, signedHeaders(command));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({
      type: 4,
      data: {
        content: 'Starting: 12,400 of 21,280 articles read. Try again in a minute.',
        flags: 64,
        allowed_mentions: { parse: [] },
      },
    });
  });

  it('answers a component press with the same note and autocomplete with no choices', async () => {
    const { face, progress } = await startingFace();
    progress.phase('indexing articles', 21_280);
    progress.step(5_000, 21_280);
    const press = JSON.stringify({
      type: 3,
      id: '1',
      token: 't',
      data: { custom_id: 'more:1', component_type: 2 },
    });
    const pressed = await post(face.address, '/interactions', press, signedHeaders(press));
    expect(JSON.parse(pressed.body)).toMatchObject({
      type: 4,
      data: {
        content: 'Starting: 21,280 articles read, indexing articles 5,000 of 21,280. Try again in a minute.',
        flags: 64,
      },
    });
    const typing = JSON.stringify({ type: 4, id: '2', token: 't', data: { name: 'news', options: [] } });
    const choices = await post(face.address, '/interactions', typing, signedHeaders(typing));
    expect(choices.status).toBe(200);
    expect(JSON.parse(choices.body)).toEqual({ type: 8, data: { choices: [] } });
  });

  it('401 for a bad, missing or another key’s signature, as the full server', async () => {
    const { face } = await startingFace();
    const tampered = command.replace('news', 'quote');
    expect((await post(face.address, '/interactions', tampered, signedHeaders(command))).status).toBe(401);
    expect((await post(face.address, '/interactions', command, {})).status).toBe(401);
    const other = await post(
      face.address,
      '/interactions',
      command,
      signedHeaders(command, stranger.privateKey),
    );
    expect(other.status).toBe(401);
    expect(JSON.parse(other.body)).toEqual({ error: 'invalid request signature (bad signature)' });
  });

  it('413 for a body over the limit, unread; other pages still 503', async () => {
    const { face } = await startingFace({ interactionBodyLimitBytes: 64 });
    const big = JSON.stringify({ type: 2, id: '1', token: 't', data: { name: 'x'.repeat(200) } });
    expect((await post(face.address, '/interactions', big, signedHeaders(big))).status).toBe(413);
    expect((await post(face.address, '/news', '{}', {})).status).toBe(503);
  });

  it('without HTTP interactions, POST /interactions is 503 like every other page', async () => {
    const progress = new Progress('start');
    const face = await startStartingWeb({
      host: '127.0.0.1',
      port: 0,
      publicUrl: null,
      trustProxy: null,
      progress,
    });
    closing.push(() => face.close());
    const body = '{"type":1}';
    expect((await post(face.address, '/interactions', body, signedHeaders(body))).status).toBe(503);
  });
});

describe('the starting note', () => {
  it('says each phase in words', () => {
    const progress = new Progress('start', () => 0);
    progress.listed(3);
    progress.phase('restoring');
    expect(startingNote(progress.state)).toBe(
      'Starting: restoring the index of 3 articles. Try again in a minute.',
    );
    progress.phase('saving');
    expect(startingNote(progress.state)).toBe(
      'Starting: 3 articles read and indexed, almost ready. Try again in a minute.',
    );
  });
});
