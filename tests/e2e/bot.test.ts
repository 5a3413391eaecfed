import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApplicationCommandOptionType, ApplicationCommandType, PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/index.js';
import type { Command } from '../../src/commands/types.js';
import { loadConfig } from '../../src/config.js';
import { type RunningBot, startBot } from '../../src/discord/bot.js';
import { createLogger } from '../../src/logger.js';
import { FRONT_MATTER, manyFerries, PLAIN_TEXT, SEED_FORMAT } from '../fixtures/articles.js';
import { logLines, seedsFolder } from '../helpers.js';
import { connectTransport, TRANSPORTS, type Transport, transportEnv } from './bot-harness.js';
import { FakeDiscord, fakeClientOptions, type InteractionRecord } from './fake-discord.js';

let transport: Transport = 'gateway';

const STRING = ApplicationCommandOptionType.String;
const INTEGER = ApplicationCommandOptionType.Integer;
const BOOLEAN = ApplicationCommandOptionType.Boolean;
const USER = ApplicationCommandOptionType.User;
const ADMIN = PermissionFlagsBits.Administrator.toString();

/** A command that always fails, to prove a throwing handler is logged and answered, not fatal. */
const broken: Command = {
  definition: {
    name: 'broken',
    description: 'Always fails',
    type: ApplicationCommandType.ChatInput,
    options: [],
  },
  run: () => {
    throw new Error('handler exploded');
  },
};

const running: { bot: RunningBot; fake: FakeDiscord }[] = [];
afterEach(async () => {
  for (const { bot, fake } of running.splice(0)) {
    await bot.stop();
    await fake.close();
  }
});

async function start(
  files: Record<string, string> = {},
  env: Record<string, string> = {},
  fake?: FakeDiscord,
  commands: Command[] = [...COMMANDS, broken],
) {
  const seeds = seedsFolder({
    'ferry.txt': SEED_FORMAT,
    'rail.md': FRONT_MATTER,
    'apples.txt': PLAIN_TEXT,
    ...files,
  });
  fake ??= await FakeDiscord.start();
  const { stream, lines: logs } = logLines();
  const logger = createLogger('debug', stream);
  const config = loadConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guildId,
    SEEDS_DIR: seeds,
    // inside the seeds folder (hidden folders are not read as articles), so each test has its own
    INDEX_CACHE_DIR: path.join(seeds, '.cache'),
    ...transportEnv(transport, fake),
    ...env,
  });
  const bot = await startBot(config, {
    logger,
    clientOptions: fakeClientOptions(fake),
    commands,
  });
  connectTransport(bot, fake);
  running.push({ bot, fake });
  return { bot, fake, seeds, logs };
}

type Embed = {
  title?: string;
  description?: string;
  author?: { name: string };
  fields?: { name: string; value: string }[];
};
type Message = {
  content?: string;
  embeds?: Embed[];
  flags?: number;
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
  allowed_mentions?: unknown;
};
const data = (record: { callback: { data?: unknown } | null }) => record.callback?.data as Message;
/** The message the asker ends up seeing: the callback's, or for a deferred reply its latest edit (with the defer's flags). */
const shown = (record: InteractionRecord): Message =>
  record.callback?.type === 5
    ? { ...(record.edits.at(-1)?.body as Message), flags: data(record).flags ?? 0 }
    : data(record);

describe.each(TRANSPORTS)('newsbot in Discord over %s (fake Discord on 127.0.0.1)', (mode) => {
  beforeEach(() => {
    transport = mode;
  });
  // the gateway's own failures (a dropped session, a refused callback POST) have no HTTP counterpart
  const gatewayIt = mode === 'gateway' ? it : it.skip;

  it('indexes, logs in, registers guild commands once, and logs one ready line without the token', async () => {
    const { fake, logs } = await start();
    const puts = () => fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(
      fake
        .commands(fake.guildId)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['broken', 'help', 'news', 'quote', 'reload']);
    expect(fake.commands(fake.guildId).find((c) => c.name === 'reload')?.default_member_permissions).toBe(
      ADMIN,
    );
    const ready = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'ready');
    expect(ready).toMatchObject(
      mode === 'gateway' ? { articles: 3, problems: 0, guilds: 1 } : { articles: 3, mode: 'http' },
    );
    expect(logs.join('')).not.toContain(fake.token);

    // a restart with the same definitions does not PUT again (Discord's daily create limit)
    const [first] = running.splice(0);
    await first!.bot.stop();
    await start({}, {}, fake);
    expect(puts()).toHaveLength(1);
  });

  it('/news answers with embeds, no mentions, and pages through more results for the asker only', async () => {
    const { fake } = await start(manyFerries(12));
    const ask = fake.sendCommand('news', [
      { name: 'query', type: STRING, value: 'island ferry crossings' },
      { name: 'limit', type: INTEGER, value: 2 },
    ]);
    const answer = await fake.waitForResponse(ask.id);
    const first = shown(answer);
    expect(answer.callback?.type).toBe(5); // a search is acknowledged before it runs
    expect(first.embeds).toHaveLength(2);
    expect(first.allowed_mentions).toEqual({ parse: [], users: [], roles: [], replied_user: false });
    // the page turns are the last row (over HTTP the web server runs, so Read links come first)
    const buttons = first.components!.at(-1)!.components;
    expect(buttons.map((b) => b.label)).toEqual([
      '◀ Previous',
      expect.stringMatching(/^1 \/ \d+$/),
      'Next ▶',
    ]);
    for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);

    const next = fake.sendButton(buttons[2]!.custom_id, answer.original);
    const turned = await fake.waitForResponse(next.id);
    expect(turned.callback?.type).toBe(7);
    expect(data(turned).content).toMatch(/\(3-4 of \d+\)/);
    expect(data(turned).embeds![0]!.title).not.toBe(first.embeds![0]!.title);

    const stranger = fake.sendButton(buttons[2]!.custom_id, answer.original, {
      user: { id: '999999999999999999', username: 'someone' },
    });
    const refused = await fake.waitForResponse(stranger.id);
    expect(data(refused)).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/Only the person who asked/),
    });

    const expired = fake.sendButton('page:gone00:1:next', answer.original);
    expect(data(await fake.waitForResponse(expired.id)).content).toMatch(/expired/);
  });

  it('hide makes the reply ephemeral; mention prefixes it and allows exactly that user', async () => {
    const { fake } = await start();
    const hidden = fake.sendCommand('news', [
      { name: 'query', type: STRING, value: 'apple harvest' },
      { name: 'hide', type: BOOLEAN, value: true },
    ]);
    expect(shown(await fake.waitForResponse(hidden.id)).flags).toBe(64);

    const target = '345678901234567890';
    const pointed = fake.sendCommand('news', [
      { name: 'query', type: STRING, value: 'apple harvest' },
      { name: 'mention', type: USER, value: target },
    ]);
    const reply = shown(await fake.waitForResponse(pointed.id));
    expect(reply.content).toMatch(new RegExp(`^<@${target}> `));
    expect(reply.allowed_mentions).toEqual({ parse: [], users: [target], roles: [], replied_user: false });
  });

  it('a bad option gets an ephemeral explanation', async () => {
    const { fake } = await start();
    const bad = fake.sendCommand('news', [
      { name: 'query', type: STRING, value: 'ferry' },
      { name: 'since', type: STRING, value: '2026-99-99' },
    ]);
    const refused = await fake.waitForResponse(bad.id);
    expect(refused.callback?.type).toBe(4); // checked before any work: answered at once, not deferred
    expect(data(refused)).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/YYYY-MM-DD/),
    });
  });

  it('a search is acknowledged before it runs: a search that cannot finish until the deferral arrives still answers', async () => {
    const news = COMMANDS.find((c) => c.definition.name === 'news')!;
    // the real /news, held until the test has seen Discord get the "thinking…" deferral: if the bot
    // searched first and acknowledged after, the deferral would never come and the test would fail
    let release!: () => void;
    const deferralSeen = new Promise<void>((resolve) => {
      release = resolve;
    });
    const heldNews: Command = {
      ...news,
      run: async (context, options) => {
        await deferralSeen;
        return news.run(context, options);
      },
    };
    const commands = [...COMMANDS.filter((c) => c !== news), heldNews];
    const { fake } = await start({}, {}, undefined, commands);
    const ask = fake.sendCommand('news', [{ name: 'query', type: STRING, value: 'rail strike' }]);
    const deferred = await fake.waitForResponse(ask.id, { until: (r) => r.callback !== null });
    expect(deferred.callback?.type).toBe(5);
    expect(deferred.edits.length + deferred.followUps.length).toBe(0);
    release();
    const answer = await fake.waitForResponse(ask.id);
    expect(shown(answer).embeds![0]!.title).toMatch(/Rail strike/);
  });

  it('an error after a public defer is told to the asker alone; the public placeholder is deleted', async () => {
    const failingSearch: Command = {
      ...broken,
      definition: { ...broken.definition, name: 'search' },
      slow: true,
    };
    const { fake, logs } = await start({}, {}, undefined, [...COMMANDS, failingSearch]);
    const ask = fake.sendCommand('search');
    const answer = await fake.waitForResponse(ask.id, {
      until: (r) => r.deleted.length > 0,
      timeoutMs: 10_000,
    });
    expect(answer.callback).toMatchObject({ type: 5, data: { flags: 0 } });
    const error = answer.messages.find((m) => /Something went wrong/.test(m.content));
    expect(error?.flags).toBe(64);
    expect(answer.original).toBeNull();
    for (const m of answer.messages.filter((m) => !((m.flags ?? 0) & 64)))
      expect(m.content).not.toMatch(/Something went wrong|exploded/);
    expect(logs.some((l) => l.includes('failed to answer interaction'))).toBe(true);
  });

  it('/quote answers who said what, and autocompletes speakers with their counts', async () => {
    const { fake } = await start();
    const ask = fake.sendCommand('quote', [{ name: 'speaker', type: STRING, value: 'Alvarez' }]);
    const reply = shown(await fake.waitForResponse(ask.id));
    expect(reply.embeds![0]!.fields![0]!.name).toMatch(/Alvarez/);
    expect(reply.embeds![0]!.fields![0]!.value).toMatch(/This connects families/);

    const auto = fake.sendAutocomplete('quote', [
      { name: 'speaker', type: STRING, value: 'alv', focused: true },
    ]);
    const choices = (await fake.waitForResponse(auto.id)).callback!.data as {
      choices: { name: string; value: string }[];
    };
    expect(choices.choices[0]).toMatchObject({
      name: expect.stringMatching(/Alvarez \(1 quote\)/),
      value: expect.stringMatching(/Alvarez/),
    });
  });

  it('/news autocomplete offers what was typed, then matching titles, at most 25 within 100 characters', async () => {
    const { fake } = await start(manyFerries(30));
    const auto = fake.sendAutocomplete('news', [
      { name: 'query', type: STRING, value: 'ferry serv', focused: true },
    ]);
    const { choices } = (await fake.waitForResponse(auto.id)).callback!.data as {
      choices: { name: string; value: string }[];
    };
    expect(choices[0]).toMatchObject({ name: 'ferry serv', value: 'ferry serv' });
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.slice(1).every((c) => /Ferry service update/.test(c.name) && c.name.length <= 100)).toBe(
      true,
    );
  });

  it('/reload: refused for a member without rights; an admin gets old -> new counts', async () => {
    const { fake, seeds, bot } = await start();
    writeFileSync(
      path.join(seeds, 'extra.txt'),
      'Extra article\n\nSomething new happened today in the harbour.\n',
    );
    const member = fake.sendCommand('reload');
    expect(data(await fake.waitForResponse(member.id))).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/admins only/),
    });
    expect(bot.live.current.size).toBe(3);

    const admin = fake.sendCommand('reload', [], { permissions: ADMIN });
    // the reply waits for the search workers to switch too: it is deferred, and may take more than 3 s
    const answer = await fake.waitForResponse(admin.id, { timeoutMs: 20_000 });
    expect(answer.callback?.type).toBe(5); // deferred: a reload may take longer than 3 s
    const edited = answer.edits[0]!.body as Message;
    expect(edited.embeds![0]!.title).toBe('Reloaded: 3 → 4 articles');
    expect(bot.live.current.size).toBe(4);
  });

  it('ADMIN_USER_IDS may reload; a folder that became empty keeps the old articles', async () => {
    const adminId = '456789012345678901';
    const { fake, seeds, bot } = await start({}, { ADMIN_USER_IDS: adminId });
    for (const f of ['ferry.txt', 'rail.md', 'apples.txt']) rmSync(path.join(seeds, f));
    const r = fake.sendCommand('reload', [], { user: { id: adminId, username: 'editor' } });
    const edited = (await fake.waitForResponse(r.id)).edits[0]!.body as Message;
    expect(edited.embeds![0]!.title).toMatch(/Reload failed: nothing changed/);
    expect(edited.embeds![0]!.description).toMatch(/kept the 3 articles/);
    expect(bot.live.current.size).toBe(3);
    const still = fake.sendCommand('news', [{ name: 'query', type: STRING, value: 'apple harvest' }]);
    expect(shown(await fake.waitForResponse(still.id)).embeds![0]!.title).toMatch(/Orchard/);
  });

  it('a handler that throws is logged with the interaction id and answered; the bot lives on', async () => {
    const { fake, logs } = await start();
    const boom = fake.sendCommand('broken');
    expect(data(await fake.waitForResponse(boom.id))).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/Something went wrong/),
    });
    const entry = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'failed to answer interaction');
    expect(entry).toMatchObject({ interactionId: boom.id, err: { message: 'handler exploded' } });
    const after = fake.sendCommand('help');
    expect(data(await fake.waitForResponse(after.id)).embeds![0]!.title).toBe('newsbot');
  });

  gatewayIt('keeps answering after a gateway drop and resume, and after a 429 on a callback', async () => {
    const { fake } = await start();
    fake.dropConnection(4000);
    await fake.waitForReady();
    expect(fake.resumeCount).toBe(1);
    fake.rateLimitNextCallbacks(1, 0.05);
    const ask = fake.sendCommand('news', [{ name: 'query', type: STRING, value: 'rail strike' }]);
    const answer = await fake.waitForResponse(ask.id);
    expect(answer.attempts.map((a) => a.status)).toEqual([429, 204]);
    expect(shown(answer).embeds![0]!.title).toMatch(/Rail strike/);
  });

  gatewayIt.each([50035, 500] as const)(
    'a callback that fails (%s) is logged without the interaction or webhook token',
    async (code) => {
      const { fake, logs } = await start();
      const ask = fake.sendCommand('news', [{ name: 'query', type: STRING, value: 'rail strike' }]);
      fake.failCallback(ask.id, code, code === 500 ? 4 : 1);
      await expect
        .poll(() => logs.some((l) => l.includes('failed to answer interaction')), { timeout: 10_000 })
        .toBe(true);
      const record = fake.interaction(ask.id)!;
      expect(record.attempts.some((a) => a.status === (code === 500 ? 500 : 400))).toBe(true);
      const all = logs.join('');
      expect(all).toContain('/interactions/');
      expect(all).not.toContain(record.token);
      expect(all).not.toContain(fake.token);
    },
  );

  gatewayIt('connects as many shards as GET /gateway/bot recommends: two sessions for two', async () => {
    const fake = await FakeDiscord.start({ shards: 2 });
    const { logs } = await start({}, {}, fake);
    expect(fake.identifyCount).toBe(2);
    expect(fake.shardsIdentified.map((s) => s.join('/')).sort()).toEqual(['0/2', '1/2']);
    expect(logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'ready')).toMatchObject({
      shards: 2,
      guilds: 1,
    });
    const ask = fake.sendCommand('help');
    expect(data(await fake.waitForResponse(ask.id)).embeds![0]!.title).toBe('newsbot');
  });

  gatewayIt('an interaction Discord already dropped (10062) is logged, not thrown', async () => {
    const { fake, logs } = await start();
    const late = fake.sendCommand('help');
    fake.failCallback(late.id, 10062);
    await expect.poll(() => logs.some((l) => l.includes('interaction could not be answered'))).toBe(true);
    const next = fake.sendCommand('help');
    expect(data(await fake.waitForResponse(next.id)).embeds![0]!.title).toBe('newsbot');
  });
  it("/news answers as of the interaction's creation time (its snowflake), not the host's clock", async () => {
    const { fake } = await start({
      'canal/before.md':
        '---\ntitle: Canal lock at Brimley closes for repairs\ndate: 2022-06-10\n---\nThe canal lock at Brimley closed for repairs on Friday.\n',
      'canal/after.md':
        '---\ntitle: Brimley canal lock reopens to barges\ndate: 2022-06-20\n---\nBarges passed the Brimley canal lock again on Monday after the repairs.\n',
    });
    const query = [{ name: 'query', type: STRING, value: 'Brimley canal lock' }];
    const text = (m: Message) => JSON.stringify(m);
    // asked on 15 June 2022: the lock had not reopened yet, whatever the host's clock says
    const june15 = fake.sendCommand('news', query, { createdAt: new Date('2022-06-15T12:00:00Z') });
    const early = shown(await fake.waitForResponse(june15.id));
    expect(early.embeds?.[0]?.title).toBe('Canal lock at Brimley closes for repairs');
    expect(text(early)).not.toContain('reopens');
    expect(text(early)).not.toContain('2022-06-20');
    // asked on 25 June 2022, the newer report answers too
    const june25 = fake.sendCommand('news', query, { createdAt: new Date('2022-06-25T12:00:00Z') });
    const late = shown(await fake.waitForResponse(june25.id));
    expect(text(late)).toContain('Brimley canal lock reopens to barges');
    // "this week" is the week of the interaction: 20-26 June 2022
    const thisWeek = fake.sendCommand(
      'news',
      [{ name: 'query', type: STRING, value: 'Brimley canal lock this week' }],
      {
        createdAt: new Date('2022-06-25T12:00:00Z'),
      },
    );
    const week = shown(await fake.waitForResponse(thisWeek.id));
    expect(week.content).toMatch(/from the week of 20 Jun 2022/);
    expect(week.embeds?.[0]?.title).toBe('Brimley canal lock reopens to barges');
  });
});
