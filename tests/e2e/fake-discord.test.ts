import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordOptions, fakeClientOptions } from './fake-discord.js';

const clients: Client[] = [];
const fakes: FakeDiscord[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  for (const fake of fakes.splice(0)) await fake.close();
});

/** A fake Discord and a real discord.js Client logged in to it and ready; `handle` answers interactions. */
async function connect(
  handle: (interaction: Interaction) => Promise<unknown>,
  options: FakeDiscordOptions = {},
) {
  const fake = await FakeDiscord.start(options);
  fakes.push(fake);
  const client = new Client({ intents: [GatewayIntentBits.Guilds], ...fakeClientOptions(fake) });
  clients.push(client);
  const errors: unknown[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => errors.push(error));
  });
  client.on(Events.Error, (error) => errors.push(error));
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
  return { fake, client, errors };
}

const noop = async () => {};

describe('FakeDiscord with a real discord.js Client', () => {
  it('logs the client in: READY, GUILD_CREATE, application, command registration', async () => {
    const { fake, client } = await connect(noop);
    expect(client.user?.id).toBe(fake.botUserId);
    expect(client.application?.id).toBe(fake.applicationId);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(fake.channelId)?.name).toBe('general');
    expect(fake.identifyCount).toBe(1);
    expect(fake.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fake.guildId).toMatch(/^\d{17,19}$/);

    const body = [
      {
        name: 'news',
        description: 'Search the news',
        default_member_permissions: String(PermissionFlagsBits.ManageGuild),
        options: [
          { name: 'query', description: 'What to look for', type: 3, required: true, autocomplete: true },
        ],
      },
    ];
    const created = await client.application!.commands.set(body, fake.guildId);
    expect(created.first()?.name).toBe('news');
    const stored = fake.commands(fake.guildId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: 'news',
      application_id: fake.applicationId,
      guild_id: fake.guildId,
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    });
    expect(stored[0]!.id).toBe(created.first()?.id);
    expect(fake.commands('global')).toEqual([]);
    // an invalid command is refused like Discord does (50035 Invalid Form Body)
    await expect(
      client.application!.commands.set([{ name: 'Bad Name', description: 'x' }]),
    ).rejects.toMatchObject({
      code: 50035,
    });
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`);
    expect(put?.headers.authorization).toBe(`Bot ${fake.token}`);
  });

  it('collects interaction.reply, then a button press answered with update', async () => {
    const { fake, errors } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('more').setLabel('More').setStyle(ButtonStyle.Primary),
        );
        const member = interaction.memberPermissions?.has(PermissionFlagsBits.Administrator)
          ? 'admin'
          : 'member';
        await interaction.reply({
          content: `${interaction.commandName}: ${interaction.options.getString('query')} (${member})`,
          components: [row],
        });
      } else if (interaction.isButton()) {
        await interaction.update({ content: `pressed ${interaction.customId}`, components: [] });
      }
    });
    const { id } = fake.sendCommand('news', [{ name: 'query', type: 3, value: 'bridges' }]);
    const record = await fake.waitForResponse(id);
    expect(record.callback?.type).toBe(4);
    expect(record.callback?.data).toMatchObject({ content: 'news: bridges (member)' });
    expect(record.callbackQuery).toEqual({ with_response: 'false' });
    expect(record.original?.content).toBe('news: bridges (member)');
    expect(record.original?.components?.[0]).toMatchObject({ type: 1, components: [{ custom_id: 'more' }] });

    const press = fake.sendButton('more', record.original);
    const pressed = await fake.waitForResponse(press.id);
    expect(pressed.callback).toMatchObject({ type: 7, data: { content: 'pressed more', components: [] } });
    expect(pressed.original?.id).toBe(record.original?.id);
    expect(fake.messages.get(record.original!.id)?.content).toBe('pressed more');

    const admin = fake.sendCommand('news', [{ name: 'query', type: 3, value: 'x' }], {
      permissions: String(PermissionFlagsBits.Administrator),
    });
    expect((await fake.waitForResponse(admin.id)).original?.content).toBe('news: x (admin)');
    expect(errors).toEqual([]);
  });

  it('collects deferReply + editReply, follow-ups, withResponse and autocomplete', async () => {
    let resourceMessageId: string | undefined;
    const { fake, errors } = await connect(async (interaction) => {
      if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        await interaction.respond([{ name: `${typed} news`, value: `${typed}-news` }]);
      } else if (interaction.isChatInputCommand() && interaction.commandName === 'slow') {
        await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        await interaction.editReply({ content: 'done thinking' });
        await interaction.followUp({ content: 'one more thing' });
      } else if (interaction.isChatInputCommand()) {
        const response = await interaction.reply({ content: 'with response', withResponse: true });
        resourceMessageId = response.resource?.message?.id;
      }
    });

    const slow = fake.sendCommand('slow');
    const record = await fake.waitForResponse(slow.id, { until: (r) => r.followUps.length > 0 });
    expect(record.callback).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(record.edits).toEqual([
      { messageId: record.messages[0]!.id, original: true, body: expect.anything() },
    ]);
    expect(record.edits[0]!.body).toMatchObject({ content: 'done thinking' });
    expect(record.original).toMatchObject({ content: 'done thinking', flags: MessageFlags.Ephemeral });
    expect(record.followUps[0]).toMatchObject({ content: 'one more thing' });
    const paths = fake.requests
      .filter((r) => r.path.includes(slow.token))
      .map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual([
      `POST /interactions/${slow.id}/${slow.token}/callback`,
      `PATCH /webhooks/${fake.applicationId}/${slow.token}/messages/@original`,
      `POST /webhooks/${fake.applicationId}/${slow.token}`,
    ]);
    expect(fake.requests.find((r) => r.method === 'POST' && r.path.startsWith('/webhooks/'))?.query).toEqual({
      wait: 'true',
    });

    const withResponse = fake.sendCommand('news');
    const replied = await fake.waitForResponse(withResponse.id);
    expect(replied.callbackQuery).toEqual({ with_response: 'true' });
    await expect.poll(() => resourceMessageId).toBe(replied.original?.id);

    const auto = fake.sendAutocomplete('news', [{ name: 'query', type: 3, value: 'rail', focused: true }]);
    const choices = await fake.waitForResponse(auto.id);
    expect(choices.callback).toEqual({
      type: 8,
      data: { choices: [{ name: 'rail news', value: 'rail-news' }] },
    });
    expect(fake.requests.find((r) => r.path.includes(auto.token))?.query).toEqual({});
    expect(errors).toEqual([]);
  });

  it('supports deferUpdate + editReply on a button, fetchReply, deleteReply and heartbeats', async () => {
    let fetched: string | undefined;
    const { fake, client, errors } = await connect(
      async (interaction) => {
        if (interaction.isChatInputCommand()) {
          await interaction.reply({
            content: 'page 1',
            components: [
              new ActionRowBuilder<ButtonBuilder>().addComponents(
                new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Secondary),
              ),
            ],
          });
          fetched = (await interaction.fetchReply()).content;
        } else if (interaction.isButton() && interaction.customId === 'next') {
          await interaction.deferUpdate();
          await interaction.editReply({ content: 'page 2' });
        } else if (interaction.isButton()) {
          await interaction.deferReply();
          await interaction.deleteReply();
        }
      },
      { heartbeatIntervalMs: 40 },
    );
    const command = fake.sendCommand('news');
    const page1 = await fake.waitForResponse(command.id);
    await expect.poll(() => fetched).toBe('page 1');

    const next = fake.sendButton('next', page1.original!.id);
    const page2 = await fake.waitForResponse(next.id);
    expect(page2.callback).toEqual({ type: 6 });
    expect(page2.edits[0]).toMatchObject({ messageId: page1.original!.id, original: true });
    expect(fake.messages.get(page1.original!.id)?.content).toBe('page 2');

    const gone = fake.sendButton('close', page1.original);
    const deleted = await fake.waitForResponse(gone.id, { until: (r) => r.deleted.length > 0 });
    expect(deleted.original).toBeNull();
    expect(fake.messages.has(deleted.deleted[0]!)).toBe(false);

    await expect.poll(() => fake.gatewayReceived.filter((p) => p.op === 1).length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(errors).toEqual([]);
  });

  it('answers a rate-limited callback with 429, which discord.js waits out and retries', async () => {
    const { fake, errors } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('after the wait');
    });
    fake.rateLimitNextCallbacks(1, 0.05);
    const { id } = fake.sendCommand('news');
    const record = await fake.waitForResponse(id);
    expect(record.attempts.map((a) => a.status)).toEqual([429, 204]);
    // the retry came after the 50 ms Discord asked for (the fake's arrival stamps, not a sleep)
    expect(record.attempts[1]!.at - record.attempts[0]!.at).toBeGreaterThanOrEqual(50);
    expect(record.original?.content).toBe('after the wait');
    expect(errors).toEqual([]);
  });

  it('fails a callback on request with Discord error codes', async () => {
    const { fake, errors } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('too late');
    });
    const first = fake.sendCommand('news');
    fake.failCallback(first.id, 10062);
    await expect.poll(() => errors.length).toBe(1);
    expect(errors[0]).toBeInstanceOf(DiscordAPIError);
    expect(errors[0]).toMatchObject({ code: 10062, status: 404 });
    expect(fake.interaction(first.id)?.callback).toBeNull();

    const second = fake.sendCommand('news');
    fake.failCallback(second.id, 40060);
    await expect.poll(() => errors.length).toBe(2);
    expect(errors[1]).toMatchObject({ code: 40060, status: 400 });
    await expect(fake.waitForResponse(second.id, { timeoutMs: 50 })).rejects.toThrow(
      /no matching response.*\n.*\n.*callback.*-> 400/s,
    );
  });

  it('resumes after dropConnection(4000) and re-identifies after dropConnection(1000)', async () => {
    const { fake, errors } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(`still here: ${interaction.commandName}`);
    });
    fake.dropConnection(4000);
    expect(() => fake.sendCommand('news')).toThrow(/no client is connected/);
    await fake.waitForReady();
    expect(fake.resumeCount).toBe(1);
    expect(fake.identifyCount).toBe(1);
    const afterResume = fake.sendCommand('resumed');
    expect((await fake.waitForResponse(afterResume.id)).original?.content).toBe('still here: resumed');

    fake.dropConnection(1000);
    await fake.waitForReady();
    expect(fake.identifyCount).toBe(2);
    expect(fake.resumeCount).toBe(1);
    const afterIdentify = fake.sendCommand('identified');
    expect((await fake.waitForResponse(afterIdentify.id)).original?.content).toBe('still here: identified');
    expect(errors).toEqual([]);
  });

  it('refuses a wrong token like Discord (401 -> TokenInvalid)', async () => {
    const fake = await FakeDiscord.start();
    fakes.push(fake);
    const client = new Client({ intents: [GatewayIntentBits.Guilds], ...fakeClientOptions(fake) });
    clients.push(client);
    await expect(client.login(`${fake.token}x`)).rejects.toMatchObject({ code: 'TokenInvalid' });
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /gateway/bot 401']);
  });

  it('close() is idempotent, frees the port and leaves no sockets behind', async () => {
    const handles = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'));
    // no socket or server is left from the earlier tests either (their clients and fakes are closed in afterEach)
    await expect.poll(handles, { timeout: 1000 }).toEqual([]);
    const { fake, client } = await connect(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('bye');
    });
    await fake.waitForResponse(fake.sendCommand('news').id);
    expect(handles().length).toBeGreaterThan(0);
    await client.destroy();
    await fake.close();
    await fake.close();
    await expect.poll(handles, { timeout: 1000 }).toEqual([]);
    await expect(fetch(`${fake.apiUrl}/v10/gateway`)).rejects.toThrow();
  });
});
