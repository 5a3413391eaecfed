import {
  type APIEmbed,
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
} from 'discord-api-types/v10';
import type { Article } from '../articles/types.js';
import { inProcess, isSearchBusy, type Searcher } from '../search-pool/searcher.js';
import { fitEmbeds } from './limits.js';
import { readRows, reply } from './reply.js';
import type { Command, CommandContext, CommandOptions, CommandResult, Place, ReplyPayload } from './types.js';

// The parts every command is made of: where it can be installed and used, the options several
// commands share, typed options derived from the definition, and paging. A new command is one file
// that spreads these into its definition and calls `slashCommand`.

/**
 * Installable by a server and by a person, usable in a server, in the bot's DMs and in group DMs.
 * Discord's defaults (guild install only) would hide the bot from people who add it to their
 * account (https://discord.com/developers/docs/interactions/application-commands#installation-context).
 */
export const ANYWHERE = {
  integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
  contexts: [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
};

/** Only in a server that installed the bot (admin commands act on that server's bot). */
export const SERVER_ONLY = {
  integration_types: [ApplicationIntegrationType.GuildInstall],
  contexts: [InteractionContextType.Guild],
};

/** The `hide` option: the reply is shown to the asker only (and gets a Share button). */
export const HIDE_OPTION = {
  type: ApplicationCommandOptionType.Boolean,
  name: 'hide',
  description: 'Show the reply to you only',
} as const;

/** Results shown per page unless `limit` says otherwise. */
export const DEFAULT_LIMIT = 3;
/** Ten embeds is the most one Discord message holds. */
export const MAX_LIMIT = 10;
/** How many hits a search keeps for paging: five pages at the largest limit. */
export const MAX_HITS = 50;

/** Where a handler runs its searches: the context's searcher (the worker pool), else this thread on its snapshot. */
export function searcherOf(context: Pick<CommandContext, 'searcher' | 'library'>): Searcher {
  return context.searcher ?? inProcess(context.library);
}

/** The `limit` option: how many `noun` one page shows. */
export function limitOption(noun: string) {
  return {
    type: ApplicationCommandOptionType.Integer,
    name: 'limit',
    description: `How many ${noun} to show (1-${MAX_LIMIT}, default ${DEFAULT_LIMIT})`,
    min_value: 1,
    max_value: MAX_LIMIT,
  } as const;
}

/**
 * Why the command may not run here, or null when it may: Discord shows a command only where its
 * definition allows, but an old client or a stale registration can still send it, so it is checked
 * again at run time.
 */
export function refusedHere(
  definition: { name: string; integration_types?: readonly number[]; contexts?: readonly number[] | null },
  place: Place | undefined,
): string | null {
  if (!place) return null;
  const contexts = definition.contexts ?? ANYWHERE.contexts;
  const installs = definition.integration_types ?? [ApplicationIntegrationType.GuildInstall];
  if (contexts.includes(place.context) && place.installs.some((i) => installs.includes(i))) return null;
  const serverOnly = !installs.includes(ApplicationIntegrationType.UserInstall);
  return serverOnly
    ? `/${definition.name} works only in a server that has added this bot. Nothing was changed.`
    : `/${definition.name} cannot be used here.`;
}

// ---- options typed from the definition ------------------------------------------------------------

type Definition = Command['definition'];
type OptionShape = NonNullable<Definition['options']>[number];

type ValueOf<T> = T extends ApplicationCommandOptionType.Integer | ApplicationCommandOptionType.Number
  ? number
  : T extends ApplicationCommandOptionType.Boolean
    ? boolean
    : string;

declare const OPTIONS: unique symbol;
/** A definition that remembers its options' literal names and types, for OptionsOf. */
export type TypedDefinition<O extends readonly OptionShape[]> = Definition & { readonly [OPTIONS]?: O };

/**
 * A slash command's definition, as Discord registers it, keeping the exact option names and types
 * (as discordjs/discord-utils-bot's ArgumentsOf does): `OptionsOf<typeof definition>` is then the
 * options object its handler receives.
 */
export function slashDefinition<const O extends readonly OptionShape[]>(
  definition: Omit<Definition, 'options'> & { options: O },
): TypedDefinition<O> {
  return definition as unknown as TypedDefinition<O>;
}

/**
 * The options a handler receives, derived from its definition: `{ query: string; limit?: number;
 * hide?: boolean; … }` for /news. Required options are present; the others may be missing.
 */
export type OptionsOf<D> =
  D extends TypedDefinition<infer O>
    ? {
        [P in O[number] as P extends { required: true } ? P['name'] : never]: ValueOf<P['type']>;
      } & {
        [P in O[number] as P extends { required: true } ? never : P['name']]?: ValueOf<P['type']>;
      }
    : CommandOptions;

/**
 * A slash command from its parts, with typed options: the dispatcher checks every value against
 * the definition before `run` sees it (options.ts), so the values have the types the definition says.
 */
export function slashCommand<D extends Definition>(parts: {
  definition: D;
  examples: readonly string[];
  notes?: string;
  check?(context: CommandContext, options: OptionsOf<D>): string | null;
  run(context: CommandContext, options: OptionsOf<D>): CommandResult | Promise<CommandResult>;
  autocomplete?: Command['autocomplete'];
  adminOnly?: boolean;
  slow?: boolean;
}): Command {
  const { check } = parts;
  return {
    ...parts,
    check: check && ((context, options) => check(context, options as OptionsOf<D>)),
    run: (context: CommandContext, options: CommandOptions) => parts.run(context, options as OptionsOf<D>),
  };
}

// ---- paging -----------------------------------------------------------------------------------------

/** One page of results: the items shown and " (4-6 of 12)" when there are more than shown. */
export interface Page<T> {
  items: T[];
  range: string;
}

export function pageOf<T>(all: readonly T[], limit: number, n: number): Page<T> {
  const start = n * limit;
  const items = all.slice(start, start + limit);
  const range = all.length > items.length ? ` (${start + 1}-${start + items.length} of ${all.length})` : '';
  return { items, range };
}

/**
 * The first page as the reply, its items as the results, and when there is more than one page a
 * builder for page n over the same items: paging never re-runs the query against a newer snapshot.
 */
export function pagedResult<T>(
  all: readonly T[],
  limit: number,
  render: (page: Page<T>) => ReplyPayload,
  result: (item: T) => unknown,
): CommandResult {
  const first = pageOf(all, limit, 0);
  const out: CommandResult = { reply: render(first), results: first.items.map(result) };
  const count = Math.ceil(all.length / limit);
  if (count > 1) out.pages = { count, page: (n) => render(pageOf(all, limit, n)) };
  return out;
}

/** How a paged search reply (/news, /quote) is shown. */
export interface HitsReply {
  /** Per page, what makes up its reply: "🔎 3 articles for “…”", followed by the page's range. */
  heading: string;
  limit: number;
  hide: boolean;
  articleBaseUrl: string | null;
}

/**
 * Search hits as a paged reply (see pagedResult): each page is the heading with its range, the
 * embeds its hits make (cut to fit a message) and a Read button per article.
 */
export function pagedHits<H extends { article: Article }>(
  hits: readonly H[],
  shown: HitsReply,
  embedsOf: (items: H[]) => APIEmbed[],
  result: (hit: H) => unknown,
): CommandResult {
  return pagedResult(
    hits,
    shown.limit,
    ({ items, range }) =>
      reply(
        {
          content: `${shown.heading}${range}`,
          embeds: fitEmbeds(embedsOf(items)),
          ...readRows(
            items.map((h) => h.article),
            shown.articleBaseUrl,
          ),
        },
        shown.hide,
      ),
    result,
  );
}

/** The days a search used as a reply's JSON line carries them (CommandResult.window). */
export function windowResult(answer: {
  window: { since: string | null; until: string | null; matched: boolean } | null;
}): CommandResult['window'] {
  const w = answer.window;
  return w ? { since: w.since, until: w.until, matched: w.matched } : null;
}

/** Autocomplete choices, or none when the searcher is too busy to answer within Discord's time. */
export function noneWhenBusy<T>(choices: Promise<T[]>): Promise<T[]> {
  return choices.catch((error: unknown) => {
    if (isSearchBusy(error)) return [];
    throw error;
  });
}

/** "12 articles", "1 quotation", "50+ articles" when the search stopped at MAX_HITS. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n}${n >= MAX_HITS ? '+' : ''} ${n === 1 ? noun : plural}`;
}
