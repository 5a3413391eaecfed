import {
  ApplicationIntegrationType,
  type Interaction,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { truncateAtWord } from '../articles/text.js';
import { LIMITS } from '../commands/limits.js';
import type { Place } from '../commands/parts.js';
import type { ReplyPayload } from '../commands/types.js';

/** Whether the bot's answer may be seen by everyone in the channel, and if not, why. */
export type Reach = { public: true } | { public: false; why: string };

/** Where an interaction happened and which installs authorised it (for commands' run-time checks). */
export function placeOf(interaction: Interaction): Place {
  const owners = interaction.authorizingIntegrationOwners;
  const installs: ApplicationIntegrationType[] = [];
  if (owners.guildId !== null) installs.push(ApplicationIntegrationType.GuildInstall);
  if (owners.userId !== null) installs.push(ApplicationIntegrationType.UserInstall);
  const context =
    interaction.context ??
    (interaction.guildId ? InteractionContextType.Guild : InteractionContextType.BotDM);
  return { context, installs };
}

/** True when the server the interaction happened in has added the bot (not only the person). */
export function serverInstalled(interaction: Interaction): boolean {
  return (
    interaction.guildId !== null && interaction.authorizingIntegrationOwners.guildId === interaction.guildId
  );
}

/**
 * Whether an answer may be posted for everyone where the interaction happened. Every answer goes
 * through the interaction's response and follow-ups, never to a channel by id, so it reaches people
 * where the bot is not a member (a person's own install in another server, group DMs); what limits
 * it there is what Discord documents:
 *
 * - In a server that has not added the bot (`authorizing_integration_owners` has no guild install
 *   for this guild), responses are public only if the member has Use External Apps: "Allows
 *   user-installed apps to send public responses. When disabled, users will still be allowed to use
 *   their apps but the responses will be ephemeral. This only applies to apps not also installed to
 *   the server." (https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags).
 *   There `app_permissions` ("permissions the app has within the channel the interaction was sent
 *   from", https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object)
 *   must also allow sending messages.
 * - In any server, our answers are embeds of links: without Embed Links in `app_permissions` they
 *   would show as bare text, so they stay private instead.
 * - In the bot's DMs and in group DMs there is no such permission: answers are public.
 */
export function reachOf(interaction: Interaction): Reach {
  if (!interaction.inGuild()) return { public: true };
  if (!serverInstalled(interaction)) {
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.UseExternalApps)) {
      return {
        public: false,
        why: 'this server lets apps its members added answer only privately here (Use External Apps is off for you)',
      };
    }
    if (!interaction.appPermissions.has(PermissionFlagsBits.SendMessages)) {
      return { public: false, why: 'apps may not post in this channel' };
    }
  }
  if (!interaction.appPermissions.has(PermissionFlagsBits.EmbedLinks)) {
    return { public: false, why: 'I may not embed links in this channel' };
  }
  return { public: true };
}

export function isEphemeral(payload: ReplyPayload): boolean {
  return ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

/** The reply as the asker alone will see it, saying why, when it may not be posted for everyone. */
export function withinReach(payload: ReplyPayload, reach: Reach): ReplyPayload {
  if (reach.public || isEphemeral(payload)) return payload;
  const note = `🔒 Only you can see this: ${reach.why}.`;
  return {
    ...payload,
    content: truncateAtWord(payload.content ? `${note}\n${payload.content}` : note, LIMITS.content),
    flags: (payload.flags ?? 0) | MessageFlags.Ephemeral,
    // a private reply pings no one
    allowed_mentions: { parse: [] },
  };
}
