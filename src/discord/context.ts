import {
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIUser,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type {
  AnyCommand,
  CommandContext,
  CommandOptions,
  Invoker,
  ReplyObserver,
} from '../commands/types.js';
import type { Config } from '../config.js';
import type { LiveLibrary } from '../library/live.js';
import type { Logger } from '../logger.js';
import type { Searcher } from '../search-pool/searcher.js';
import { hasPermission, placeOf } from './reach.js';
import type { AnswerStore } from './store.js';

/** What answering an interaction needs, whatever the transport. */
export interface InteractionDeps {
  live: LiveLibrary;
  config: Config;
  logger: Logger;
  commands: readonly AnyCommand[];
  /** Paged answers and Share entries: in this process, or in Redis for every replica. */
  pages: AnswerStore;
  /** The web pages' address while the web server runs (links point there). */
  publicUrl?: string | null;
  observe?: ReplyObserver;
  /** Where searches run (the worker pool, SEARCH_WORKERS); absent: in this thread. */
  searcher?: Searcher;
  /** /reload: this replica's reload, and every other replica's when they share Redis. */
  reload?: CommandContext['reload'];
}

/** Discord's epoch (2015-01-01), from which a snowflake counts milliseconds in its top 42 bits. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;
const SNOWFLAKE_TIME_SHIFT = 22n;

/** When a snowflake (an interaction's or a message's id) was made. */
export function snowflakeTime(id: string): Date {
  try {
    return new Date(Number((BigInt(id) >> SNOWFLAKE_TIME_SHIFT) + DISCORD_EPOCH_MS));
  } catch {
    return new Date(Number.NaN);
  }
}

/** The person who interacted: the member's user in a server, the user elsewhere. */
export function userOf(interaction: APIInteraction): APIUser {
  const user = interaction.member?.user ?? interaction.user;
  if (!user) throw new Error('interaction without a user');
  return user;
}

/** Administrator in the guild, or listed in ADMIN_USER_IDS / ADMIN_ROLE_IDS: checked at run time. */
export function isAdmin(interaction: APIInteraction, config: Config): boolean {
  if (config.adminUserIds.includes(userOf(interaction).id)) return true;
  const member = interaction.member;
  if (!member) return false;
  if (hasPermission(member.permissions, PermissionFlagsBits.Administrator)) return true;
  return member.roles.some((r) => config.adminRoleIds.includes(r));
}

function invoker(interaction: APIInteraction, config: Config): Invoker {
  const user = userOf(interaction);
  return { userId: user.id, username: user.username, isAdmin: isAdmin(interaction, config) };
}

export function commandContext(interaction: APIInteraction, deps: InteractionDeps): CommandContext {
  return {
    library: deps.live.current,
    who: invoker(interaction, deps.config),
    // when the person asked, from the interaction's snowflake id: not the host's clock, nor how
    // long the interaction waited in a queue
    now: snowflakeTime(interaction.id),
    articleBaseUrl: deps.config.articleBaseUrl,
    publicUrl: deps.publicUrl ?? null,
    ...(deps.observe ? { observe: deps.observe } : {}),
    ...(deps.searcher ? { searcher: deps.searcher } : {}),
    commands: deps.commands,
    reload: deps.reload ?? (() => deps.live.reload()),
    place: placeOf(interaction),
  };
}

/** Options as the shared dispatcher reads them: name -> value (a user option's value is the user id). */
export function rawOptions(
  options: readonly APIApplicationCommandInteractionDataOption[] | undefined,
): CommandOptions {
  const raw: CommandOptions = {};
  for (const option of options ?? [])
    if ('value' in option && option.value !== undefined) raw[option.name] = option.value;
  return raw;
}
