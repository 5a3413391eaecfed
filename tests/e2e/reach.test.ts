import { ApplicationCommandOptionType, PermissionFlagsBits } from 'discord.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../src/commands/index.js';
import { startTestBot, stopTestBot, TRANSPORTS, useTransport } from './bot-harness.js';
import { DEFAULT_MEMBER_PERMISSIONS, FakeDiscord, type InteractionRecord } from './fake-discord.js';

const STRING = ApplicationCommandOptionType.String;
const BOOLEAN = ApplicationCommandOptionType.Boolean;
const EPHEMERAL = 64;
const NO_PINGS = { parse: [], users: [], roles: [], replied_user: false };
/** A member allowed to let the apps they added answer publicly (Use External Apps). */
const MAY_USE_APPS = String(BigInt(DEFAULT_MEMBER_PERMISSIONS) | PermissionFlagsBits.UseExternalApps);

type Message = {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    author?: { name: string };
    fields?: { name: string; value: string }[];
  }[];
  flags?: number;
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
  allowed_mentions?: unknown;
};
const callbackData = (r: InteractionRecord) => (r.callback?.data ?? {}) as Message;
/** What the asker finally sees: the callback's message, or the edit of a deferred one. */
const answerOf = (r: InteractionRecord) => (r.edits.at(-1)?.body ?? r.callback?.data ?? {}) as Message;
/** The bot's own buttons (page turns, Share), not the Read links the web pages add over HTTP. */
const buttonsOf = (m: Message) =>
  (m.components ?? []).flatMap((row) => row.components).filter((b) => b.custom_id !== undefined);
/** Who sees the answer: fixed by the first callback, whether it answered or deferred (64: the asker only). */
const visibility = (r: InteractionRecord) => callbackData(r).flags ?? 0;

/** A person who added the bot to their account, in a server that has not added it. */
function userInstall(fake: FakeDiscord, permissions = MAY_USE_APPS) {
  const userId = '456789012345678901';
  return {
    user: { id: userId, username: 'traveller' },
    guildId: '876543210987654321',
    authorizingIntegrationOwners: { '1': userId },
    context: 0 as const,
    permissions,
    // what Discord gives an app in a server it is not in: what @everyone may do there
    appPermissions: String(
      PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.ViewChannel,
    ),
    fake,
  };
}

/** Nothing was ever sent to a channel by id: every answer went through the interaction. */
function onlyThroughInteractions(fake: FakeDiscord) {
  expect(fake.requests.filter((r) => r.path.startsWith('/channels/'))).toEqual([]);
}

describe.each(TRANSPORTS)(
  'installed by a person: answers where the bot is not a member (over %s)',
  (mode) => {
    beforeEach(() => useTransport(mode));
    it('a user install in a server the bot is not in answers publicly through the interaction', async () => {
      const { fake } = await startTestBot();
      const { fake: _, ...where } = userInstall(fake);
      const ask = fake.sendCommand(
        'news',
        [{ name: 'query', type: STRING, value: 'rail strike pay deal' }],
        where,
      );
      const answer = await fake.waitForResponse(ask.id);
      expect(visibility(answer)).toBe(0);
      expect(answerOf(answer).embeds![0]!.title).toMatch(/Rail strike/);
      expect(answer.original?.channel_id).not.toBe(fake.channelId);
      onlyThroughInteractions(fake);
    });

    it('where the server keeps members’ apps private, the answer is ephemeral and says why', async () => {
      const { fake } = await startTestBot();
      const { fake: _, ...where } = userInstall(fake, DEFAULT_MEMBER_PERMISSIONS);
      const ask = fake.sendCommand('news', [{ name: 'query', type: STRING, value: 'apple harvest' }], where);
      const answer = await fake.waitForResponse(ask.id);
      expect(visibility(answer)).toBe(EPHEMERAL);
      const reply = answerOf(answer);
      expect(reply.content).toMatch(/^🔒 Only you can see this: .*Use External Apps/);
      expect(reply.embeds![0]!.title).toMatch(/Orchard/);
      // a reply forced private offers no Share: it could not be posted here
      expect(buttonsOf(reply).map((b) => b.label)).not.toContain('Share');
      onlyThroughInteractions(fake);
    });

    it('a group DM and the bot’s DMs get public answers', async () => {
      const { fake } = await startTestBot();
      for (const context of [1, 2] as const) {
        const ask = fake.sendCommand('quote', [{ name: 'speaker', type: STRING, value: 'Alvarez' }], {
          context,
        });
        const answer = await fake.waitForResponse(ask.id);
        expect(visibility(answer), `context ${context}`).toBe(0);
        expect(answerOf(answer).embeds![0]!.fields?.[0]?.name).toMatch(/Alvarez/);
      }
      onlyThroughInteractions(fake);
    });

    it('/reload is refused at run time through a person’s install, even for that server’s admin', async () => {
      const { fake, bot } = await startTestBot();
      const { fake: _, ...where } = userInstall(fake, String(PermissionFlagsBits.Administrator));
      const r = fake.sendCommand('reload', [], where);
      const answer = await fake.waitForResponse(r.id);
      // refused at once, not deferred as a reload would be
      expect(answer.callback?.type).toBe(4);
      expect(callbackData(answer)).toMatchObject({
        flags: EPHEMERAL,
        content: expect.stringMatching(/only in a server that has added/),
      });
      expect(bot.live.current.size).toBe(3);
      const dm = fake.sendCommand('reload', [], {
        context: 1,
        user: { id: '456789012345678901', username: 'x' },
      });
      expect(answerOf(await fake.waitForResponse(dm.id)).content).toMatch(/only in a server/);
    });
  },
);

describe.each(TRANSPORTS)('message commands (over %s)', (mode) => {
  beforeEach(() => useTransport(mode));
  it('"Find news about this" asks the message’s words privately, with a Share button', async () => {
    const { fake } = await startTestBot();
    const asked = fake.sendMessageCommand('Find news about this', {
      content:
        'Did the **rail strike** really end? <@123456789012345678> https://example.com/x <:shock:112233445566778899>',
    });
    const answer = await fake.waitForResponse(asked.id);
    expect(answer.callback).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const reply = answerOf(answer);
    expect(reply.content).toMatch(/^🔎 1 article for “Did the rail strike really end\?”/);
    expect(reply.embeds![0]!.title).toMatch(/Rail strike/);
    // the article's own url as a Read link button, then Share
    const labels = (reply.components ?? []).flatMap((row) => row.components).map((b) => b.label);
    expect(labels).toEqual(['Read: Rail strike ends after pay deal', 'Share']);
    onlyThroughInteractions(fake);
  });

  it('a message of only a link gets a friendly private reply', async () => {
    const { fake } = await startTestBot();
    for (const name of ['Find news about this', 'Who said this?']) {
      const asked = fake.sendMessageCommand(name, { content: 'https://example.com/news/2026/ferry-route' });
      const reply = answerOf(await fake.waitForResponse(asked.id));
      expect(reply.content, name).toMatch(/^That message has no words I can look up/);
      expect(reply.content, name).not.toMatch(/⚠️/);
      expect(buttonsOf(reply), name).toEqual([]);
    }
  });

  it('a message of 2,000 characters is cut to the /news query limit at a word and still answered', async () => {
    const { fake } = await startTestBot();
    const filler = 'Islanders want the ferry link to the outer islands and the harbour council agrees. ';
    const content = filler.repeat(40).slice(0, 2000);
    expect(content).toHaveLength(2000);
    const asked = fake.sendMessageCommand('Find news about this', { content });
    const reply = answerOf(await fake.waitForResponse(asked.id));
    expect(reply.embeds![0]!.title).toMatch(/Ferry Route/);
    const quoted = /for “([^”]*)”/.exec(reply.content ?? '')![1]!;
    expect(quoted.length).toBeLessThanOrEqual(120);

    const who = fake.sendMessageCommand('Who said this?', {
      content:
        `${'Some chatter about the weather and the weekend. '.repeat(30)}This connects families who have been cut off every winter`.slice(
          -2000,
        ),
    });
    const found = answerOf(await fake.waitForResponse(who.id));
    expect(found.embeds![0]!.fields?.[0]?.name).toMatch(/Alvarez/);
  });

  it('"Who said this?" finds a paraphrase and a partial quote, and says when no article has it', async () => {
    const { fake } = await startTestBot();
    const paraphrase = fake.sendMessageCommand('Who said this?', {
      content: 'someone said the new ferry connects families that are cut off each winter??',
    });
    const answer = await fake.waitForResponse(paraphrase.id);
    expect(visibility(answer)).toBe(EPHEMERAL);
    const reply = answerOf(answer);
    expect(reply.content).toMatch(
      /^💬 .*Alvarez said it, in “Harbour Council Approves New Ferry Route to the Islands” on 2026-02-03\./,
    );
    expect(reply.embeds![0]!.fields?.[0]?.value).toMatch(/This connects families/);
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(['Share']);

    const partial = fake.sendMessageCommand('Who said this?', { content: '"cut off every winter"' });
    expect(answerOf(await fake.waitForResponse(partial.id)).embeds![0]!.fields?.[0]?.name).toMatch(/Alvarez/);

    const unknown = fake.sendMessageCommand('Who said this?', {
      content: 'The orchestra will tour three continents next spring, its conductor announced.',
    });
    const none = answerOf(await fake.waitForResponse(unknown.id));
    expect(none.content).toMatch(/^No article has that quotation/);
    expect(none.embeds ?? []).toEqual([]);
  });
});

describe.each(TRANSPORTS)('Share (over %s)', (mode) => {
  beforeEach(() => useTransport(mode));
  it('posts a private answer for everyone as a follow-up, "shared by" the asker with no ping', async () => {
    const { fake } = await startTestBot();
    const ask = fake.sendCommand('news', [
      { name: 'query', type: STRING, value: 'apple harvest' },
      { name: 'hide', type: BOOLEAN, value: true },
    ]);
    const answer = await fake.waitForResponse(ask.id);
    expect(visibility(answer)).toBe(EPHEMERAL);
    const share = buttonsOf(answerOf(answer)).find((b) => b.label === 'Share')!;
    expect(share.custom_id.length).toBeLessThanOrEqual(100);

    const press = fake.sendButton(share.custom_id, answer.original);
    const pressed = await fake.waitForResponse(press.id, {
      until: (r) => r.followUps.length > 0 && r.edits.length > 0,
    });
    expect(pressed.callback?.type).toBe(6);
    const posted = pressed.followUps[0] as Message;
    const userId = fake.interaction(ask.id)!.original!.interaction_metadata!.user.id;
    expect(posted.content).toMatch(new RegExp(`^📣 Shared by <@${userId}>\\n🔎 1 article`));
    expect(posted.flags ?? 0).toBe(0);
    expect(posted.allowed_mentions).toEqual(NO_PINGS);
    expect(posted.embeds![0]!.title).toMatch(/Orchard/);
    // no button but Read links (the web pages' over HTTP): only the asker could use the others
    expect(buttonsOf(posted)).toEqual([]);
    // the private copy shows it was shared, and cannot post it twice
    const after = buttonsOf(pressed.edits[0]!.body as Message);
    expect(after).toEqual([expect.objectContaining({ label: 'Shared', disabled: true })]);
    // issue 17: a replayed press (a double press, the old button) posts nothing the second time
    const again = fake.sendButton(share.custom_id, answer.original);
    const replayed = await fake.waitForResponse(again.id);
    expect(callbackData(replayed)).toMatchObject({
      flags: EPHEMERAL,
      content: expect.stringMatching(/already been shared/),
    });
    expect(replayed.followUps).toEqual([]);
    onlyThroughInteractions(fake);
  });

  it('where the bot may not post, Share answers privately that it cannot', async () => {
    const { fake } = await startTestBot();
    const { fake: _, ...where } = userInstall(fake);
    const asked = fake.sendMessageCommand(
      'Who said this?',
      { content: 'This connects families, Alvarez said' },
      where,
    );
    const answer = await fake.waitForResponse(asked.id);
    const share = buttonsOf(answerOf(answer)).find((b) => b.label === 'Share')!;
    // the server has since turned Use External Apps off for this member
    const press = fake.sendButton(share.custom_id, answer.original, {
      ...where,
      permissions: DEFAULT_MEMBER_PERMISSIONS,
    });
    const pressed = await fake.waitForResponse(press.id);
    expect(callbackData(pressed)).toMatchObject({
      flags: EPHEMERAL,
      content: expect.stringMatching(/cannot post this for everyone here: .*Use External Apps/),
    });
    expect(pressed.followUps).toEqual([]);
  });

  it('someone else cannot share the answer', async () => {
    const { fake } = await startTestBot();
    const asked = fake.sendMessageCommand('Who said this?', {
      content: 'connects families cut off every winter',
    });
    const answer = await fake.waitForResponse(asked.id);
    const share = buttonsOf(answerOf(answer)).find((b) => b.label === 'Share')!;
    const press = fake.sendButton(share.custom_id, answer.original, {
      user: { id: '999999999999999999', username: 'other' },
    });
    expect(callbackData(await fake.waitForResponse(press.id)).content).toMatch(
      /Only the person who asked can share/,
    );
  });
});

describe('registration of where commands install and run', () => {
  beforeEach(() => useTransport('gateway'));
  it('re-registers once when the fields are new, and a second start registers nothing', async () => {
    const fake = await FakeDiscord.start();
    // what an older version registered: the same commands without integration_types and contexts
    fake.setCommands(
      'global',
      ALL_COMMANDS.map(({ definition }) => {
        const {
          integration_types: _i,
          contexts: _c,
          ...old
        } = definition as unknown as Record<string, unknown>;
        return old;
      }),
    );
    const global = { DISCORD_GUILD_ID: '' };
    const puts = () => fake.requests.filter((r) => r.method === 'PUT' && r.path.endsWith('/commands'));
    const first = await startTestBot({ fake, env: global });
    expect(puts()).toHaveLength(1);
    expect(puts()[0]!.path).toBe(`/applications/${fake.applicationId}/commands`);
    const registered = fake.commands('global');
    expect(registered.find((c) => c.name === 'news')).toMatchObject({
      integration_types: [0, 1],
      contexts: [0, 1, 2],
    });
    expect(registered.find((c) => c.name === 'reload')).toMatchObject({
      integration_types: [0],
      contexts: [0],
    });
    expect(registered.filter((c) => c.type === 3).map((c) => c.name)).toEqual([
      'Find news about this',
      'Who said this?',
    ]);

    await stopTestBot(first.bot);
    await startTestBot({ fake, env: global });
    expect(puts()).toHaveLength(1);
  });
});
