import type { REST } from 'discord.js';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
  Routes,
} from 'discord-api-types/v10';

type Definition = RESTPostAPIApplicationCommandsJSONBody;

export interface CommandScope {
  applicationId: string;
  /** A guild id registers there (instant); null registers globally. */
  guildId: string | null;
}

function commandsRoute(scope: CommandScope): `/${string}` {
  return scope.guildId
    ? Routes.applicationGuildCommands(scope.applicationId, scope.guildId)
    : Routes.applicationCommands(scope.applicationId);
}

/** Only what we set, with Discord's defaults filled in: Discord answers with many more fields than we send. */
function normalizeOption(option: Record<string, unknown>): unknown {
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: option.required ?? false,
    autocomplete: option.autocomplete ?? false,
    choices: option.choices ?? null,
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
    channel_types: option.channel_types ?? null,
    options: Array.isArray(option.options)
      ? option.options.map((o) => normalizeOption(o as Record<string, unknown>))
      : null,
  };
}

/**
 * Discord's documented defaults for a command that does not say where it can be installed and used
 * (https://discord.com/developers/docs/interactions/application-commands#application-command-object):
 * guild install only, and every context. Discord answers null or leaves the field out for them.
 */
const DEFAULT_INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall];
const DEFAULT_CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];

/** A set of small numbers in one order, a missing or null one as Discord's default. */
function numberSet(value: unknown, fallback: readonly number[]): number[] {
  const list = Array.isArray(value) ? (value as number[]) : fallback;
  return [...new Set(list)].sort((a, b) => a - b);
}

/**
 * `integration_types` and `contexts` apply "only for globally-scoped commands" (same page): a guild
 * command is available in its guild whatever they say, so they are compared for global commands only
 * and a guild registration is not redone for a field Discord ignores there.
 */
export function normalizeCommand(command: Record<string, unknown>, global = true): unknown {
  return {
    name: command.name,
    // message commands have no description; Discord answers ""
    description: command.description ?? '',
    type: command.type ?? 1,
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    ...(global
      ? {
          integration_types: numberSet(command.integration_types, DEFAULT_INTEGRATION_TYPES),
          contexts: numberSet(command.contexts, DEFAULT_CONTEXTS),
        }
      : {}),
    options: ((command.options as Record<string, unknown>[] | undefined) ?? []).map(normalizeOption),
  };
}

/**
 * True when what Discord has registered is what we would register (order of commands aside).
 * `global` says whether the commands are registered globally (see normalizeCommand).
 */
export function sameCommands(
  registered: readonly Record<string, unknown>[],
  wanted: readonly Definition[],
  global = true,
): boolean {
  const key = (c: Record<string, unknown>) => JSON.stringify(normalizeCommand(c, global));
  const a = registered.map(key).sort();
  const b = wanted.map((c) => key(c as unknown as Record<string, unknown>)).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export type SyncOutcome = 'unchanged' | 'updated' | 'cleared';

/**
 * Registers the commands only when they differ from what Discord has (GET, compare, PUT), so that
 * restarts do not spend Discord's daily command-creation limit.
 */
export async function syncCommands(
  rest: REST,
  scope: CommandScope,
  wanted: readonly Definition[],
): Promise<SyncOutcome> {
  const route = commandsRoute(scope);
  const registered = (await rest.get(route)) as Record<string, unknown>[];
  if (sameCommands(registered, wanted, scope.guildId === null)) return 'unchanged';
  await rest.put(route, { body: wanted });
  return 'updated';
}

/** Registers unconditionally (`newsbot deploy`), or removes every command (`--clear`). */
export async function putCommands(
  rest: REST,
  scope: CommandScope,
  wanted: readonly Definition[],
): Promise<SyncOutcome> {
  await rest.put(commandsRoute(scope), { body: wanted });
  return wanted.length ? 'updated' : 'cleared';
}

/** The application id: from the settings, else asked of Discord with the bot token. */
export async function resolveApplicationId(rest: REST, configured: string | null): Promise<string> {
  if (configured) return configured;
  const app = (await rest.get(Routes.currentApplication())) as { id: string };
  return app.id;
}
