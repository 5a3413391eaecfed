import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Library } from '../library/library.js';
import type { ReloadReport } from '../library/live.js';
import type { Searcher } from '../search-pool/searcher.js';

/**
 * A reply is the Discord message payload itself: the Discord transport sends it as it is and the
 * console renders it as text, so both show the same thing.
 */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** MessageFlags; Ephemeral (64) shows the reply to the asker only. */
  flags?: number;
  allowed_mentions: APIAllowedMentions;
}

export type OptionValue = string | number | boolean;
export type CommandOptions = Record<string, OptionValue | undefined>;

/** Who is asking: what a handler may know about the person, whatever the transport. */
export interface Invoker {
  userId: string;
  username: string;
  /** Checked by the transport at run time (guild Administrator, ADMIN_USER_IDS, ADMIN_ROLE_IDS). */
  isAdmin: boolean;
}

export interface CommandContext {
  /** The snapshot to answer from: taken once per interaction, so a reload mid-reply changes nothing. */
  library: Library;
  who: Invoker;
  /**
   * The moment of asking: in Discord the interaction's creation time (from its snowflake id), in
   * the console the clock or `--now`. Articles dated after its day are not answers; time words in
   * a question ("this week") are read relative to it.
   */
  now: Date;
  articleBaseUrl: string | null;
  /**
   * Where the bot's own web pages are reached (PUBLIC_URL) while its web server runs, else null or
   * absent: articles with neither a url nor ARTICLE_BASE_URL link to PUBLIC_URL/articles/<id>.
   */
  publicUrl?: string | null;
  /**
   * Where the searches run (the worker pool, SEARCH_WORKERS); absent: in this thread, on `library`.
   * A handler reaches it through searcherOf(context).
   */
  searcher?: Searcher;
  /** Told of every reply runCommand gives (for metrics). */
  observe?: ReplyObserver;
  /** Starts a reload of the seeds folder; null when one is already running. Absent where the transport cannot reload. */
  reload?: () => Promise<ReloadReport> | null;
  /** All registered commands, for /help. */
  commands: readonly AnyCommand[];
  /** Where the interaction happened, for commands limited to some places; absent on the console. */
  place?: Place;
}

/** Where a command may be used, as the transport saw it; absent on the console (your own machine). */
export interface Place {
  /** Discord's interaction context: 0 server, 1 the bot's DMs, 2 a group DM or other private channel. */
  context: InteractionContextType;
  /** The installs that authorised this interaction: 0 the server's, 1 the person's. */
  installs: readonly ApplicationIntegrationType[];
}

/** How a command ended: answered, refused before the handler ran (bad option, not an admin), or threw. */
export type ReplyOutcome = 'answered' | 'refused' | 'failed';

export type ReplyObserver = (command: string, outcome: ReplyOutcome, seconds: number) => void;

/** What a handler returns: the reply, and for machine readers the results it shows. */
export interface CommandResult {
  reply: ReplyPayload;
  results?: unknown[];
  /**
   * The days a search used (its time words, or since/until) and whether any article of them
   * answers; absent when the command names no days. For machine readers (`--json`).
   */
  window?: { since: string | null; until: string | null; matched: boolean } | null;
  /**
   * Set when there are more results than the reply shows: `page(n)` builds page n (0-based) from the
   * same results, so paging never re-runs the query against a newer snapshot.
   */
  pages?: { count: number; page: (n: number) => ReplyPayload };
}

export type Choice = APIApplicationCommandOptionChoice<string>;

interface CommandParts {
  /** Only for admins: refused at run time, whatever Discord's default permissions say. */
  adminOnly?: boolean;
  /**
   * The work may take long (a search, a reload: it grows with the library): the Discord transport
   * acknowledges (defers) before running it, once the options are checked, so no amount of work
   * can delay the acknowledgement. Commands without it answer at once (help, refusals).
   */
  slow?: boolean;
  /**
   * Shown by /help under the command, and each run by tests/unit/commands/help.test.ts on the seed
   * article: a command line for a slash command, the text of a message for a message command.
   */
  examples?: readonly string[];
  /** How the command reads what it is asked beyond its options (time words, say): shown by /help. */
  notes?: string;
}

/** A slash command (chat input). */
export interface Command extends CommandParts {
  /** The definition registered with Discord; also drives option parsing and validation everywhere. */
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /**
   * The checks a handler makes before any search (a date that is not a day, a query of only common
   * words, nothing loaded): the message for the asker, or null. Run before the acknowledgement, so
   * a refusal is an immediate reply only the asker sees.
   */
  check?(context: CommandContext, options: CommandOptions): string | null;
  run(context: CommandContext, options: CommandOptions): CommandResult | Promise<CommandResult>;
  autocomplete?(
    context: CommandContext,
    option: string,
    value: string,
    options: CommandOptions,
  ): Choice[] | Promise<Choice[]>;
}

/** The message a message command was used on: its content arrives with the interaction. */
export interface TargetMessage {
  id: string;
  content: string;
  /** From the message id's snowflake. */
  createdAt: Date;
}

/** A message command: "Apps → <name>" on any message. */
export interface MessageCommand extends CommandParts {
  /** What it does, for /help: a message command's definition has no description. */
  description: string;
  definition: RESTPostAPIContextMenuApplicationCommandsJSONBody & { type: ApplicationCommandType.Message };
  runOnMessage(context: CommandContext, message: TargetMessage): CommandResult | Promise<CommandResult>;
}

export type AnyCommand = Command | MessageCommand;

export function isMessageCommand(command: AnyCommand): command is MessageCommand {
  return 'runOnMessage' in command;
}
