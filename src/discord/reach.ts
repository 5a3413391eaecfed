import {
  type APIInteraction,
  ApplicationIntegrationType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import { truncateAtWord } from '../articles/text.js';
import { LIMITS } from '../commands/limits.js';
import type { Place, ReplyPayload } from '../commands/types.js';

/** Whether the bot's answer may be seen by everyone in the channel, and if not, why. */
export type Reach = { public: true } | { public: false; why: string };

/** True when a permission bitfield (Discord sends decimal strings) has the flag; Administrator has every flag. */
export function hasPermission(bits: string | undefined, flag: bigint): boolean {
  if (!bits) return false;
  try {
    const have = BigInt(bits);
    const admin = PermissionFlagsBits.Administrator;
    return (have & flag) === flag || (have & admin) === admin;
  } catch {
    return false;
  }
}

/** The installs that authorised the interaction: the guild's ("0") and the person's ("1"). */
function owners(interaction: APIInteraction): Record<string, string | undefined> {
  return (interaction.authorizing_integration_owners ?? {}) as Record<string, string | undefined>;
}

/** Where an interaction happened and which installs authorised it (for commands' run-time checks). */
export function placeOf(interaction: APIInteraction): Place {
  const by = owners(interaction);
  const installs: ApplicationIntegrationType[] = [];
  if (by[ApplicationIntegrationType.GuildInstall] !== undefined)
    installs.push(ApplicationIntegrationType.GuildInstall);
  if (by[ApplicationIntegrationType.UserInstall] !== undefined)
    installs.push(ApplicationIntegrationType.UserInstall);
  const context =
    interaction.context ??
    (interaction.guild_id ? InteractionContextType.Guild : InteractionContextType.BotDM);
  return { context, installs };
}

/** True when the server the interaction happened in has added the bot (not only the person). */
export function serverInstalled(interaction: APIInteraction): boolean {
  return (
    interaction.guild_id !== undefined &&
    owners(interaction)[ApplicationIntegrationType.GuildInstall] === interaction.guild_id
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
export function reachOf(interaction: APIInteraction): Reach {
  if (!interaction.guild_id || !interaction.member) return { public: true };
  if (!serverInstalled(interaction)) {
    if (!hasPermission(interaction.member.permissions, PermissionFlagsBits.UseExternalApps)) {
      return {
        public: false,
        why: 'this server lets apps its members added answer only privately here (Use External Apps is off for you)',
      };
    }
    if (!hasPermission(interaction.app_permissions, PermissionFlagsBits.SendMessages)) {
      return { public: false, why: 'apps may not post in this channel' };
    }
  }
  if (!hasPermission(interaction.app_permissions, PermissionFlagsBits.EmbedLinks)) {
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
