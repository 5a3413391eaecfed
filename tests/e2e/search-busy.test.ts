import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { BUSY_MESSAGE, SearchBusy } from '../../src/search-pool/searcher.js';
import { startTestBot } from './bot-harness.js';
import type { InteractionRecord } from './fake-discord.js';

const STRING = ApplicationCommandOptionType.String;
const BOOLEAN = ApplicationCommandOptionType.Boolean;

/** Discord drops an interaction that is not acknowledged within this long. */
const DISCORD_ACK_MS = 3000;
/** Searches queued before the interactions arrive: one running, the rest filling the queue to its bound. */
const QUEUED = 200;
/** Each search blocks the worker this long (a hook in the worker, not a sleep here): the 200 take minutes. */
const SEARCH_DELAY_MS = 1000;

/** What the asker ends up reading: the callback's content and every edit's. */
const text = (r: InteractionRecord) =>
  [
    (r.callback?.data as { content?: string } | undefined)?.content,
    ...r.edits.map((e) => (e.body as { content?: string }).content),
  ]
    .filter(Boolean)
    .join('\n');

describe('searches under load (SEARCH_WORKERS)', () => {
  it('with 200 slow searches queued, every interaction is acknowledged within 3 s and the searches past the bound get a private busy reply', async () => {
    const { fake, bot } = await startTestBot({
      env: { SEARCH_WORKERS: '1' },
      searchPool: { maxQueued: QUEUED - 1, testDelayMs: SEARCH_DELAY_MS },
    });
    const pool = bot.searchPool!;
    await pool.whenReady();
    // refused when the bot stops (the pool closes): nothing waits for them
    const slow = Array.from({ length: QUEUED }, () => pool.run('newest', { max: 1 }).catch(() => null));
    expect(pool.stats()).toMatchObject({ busy: 1, queued: QUEUED - 1 });
    await expect(pool.run('newest', { max: 1 })).rejects.toBeInstanceOf(SearchBusy);

    // a few of each kind: discord.js sends at most 50 requests a second, and a busy reply after a public
    // "thinking…" takes four (defer, settle the placeholder, private follow-up, delete)
    const sent: { id: string; at: number; kind: string }[] = [];
    const send = (kind: string, id: string) => sent.push({ id, at: Date.now(), kind });
    for (let i = 0; i < 2; i++) {
      send('news', fake.sendCommand('news', [{ name: 'query', type: STRING, value: `ferry ${i}` }]).id);
      send(
        'hidden news',
        fake.sendCommand('news', [
          { name: 'query', type: STRING, value: `harbour ${i}` },
          { name: 'hide', type: BOOLEAN, value: true },
        ]).id,
      );
      send('quote', fake.sendCommand('quote', [{ name: 'speaker', type: STRING, value: 'Alvarez' }]).id);
      send('help', fake.sendCommand('help').id);
    }
    // done: an answer that was not deferred, the busy edit of a private defer, or the private follow-up after a public one
    const done = (r: InteractionRecord) =>
      r.callback !== null &&
      (r.callback.type !== 5 || text(r).includes(BUSY_MESSAGE) || r.followUps.length > 0);
    const records = await Promise.all(
      sent.map(({ id }) => fake.waitForResponse(id, { timeoutMs: 20_000, until: done })),
    );
    for (const [i, record] of records.entries()) {
      const acknowledged = record.attempts.find((a) => a.status < 300);
      expect(acknowledged, sent[i]!.kind).toBeDefined();
      expect(acknowledged!.at - sent[i]!.at, sent[i]!.kind).toBeLessThan(DISCORD_ACK_MS);
    }
    for (const [i, record] of records.entries()) {
      const { kind } = sent[i]!;
      if (kind === 'help') {
        // a reply that needs no search never waits behind the searches
        expect(JSON.stringify(record.callback)).toMatch(/I answer questions about 3 news articles/);
        continue;
      }
      // the busy reply is the asker's alone: in the ephemeral defer, or a private follow-up once a public one is cleared
      const busyPrivately =
        (record.callback?.data as { flags?: number } | undefined)?.flags === 64
          ? text(record).includes(BUSY_MESSAGE)
          : record.followUps.some(
              (f) =>
                (f as { content?: string; flags?: number }).content?.includes(BUSY_MESSAGE) &&
                (f as { flags?: number }).flags === 64,
            );
      expect(busyPrivately, kind).toBe(true);
    }
    expect(slow).toHaveLength(QUEUED);
  }, 60_000);
});
