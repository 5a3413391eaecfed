import type {
  APIActionRowComponent,
  APIAllowedMentions,
  APIApplicationCommandOptionChoice,
  APIComponentInMessageActionRow,
  APIEmbed,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { Library } from '../library/library.js';
import type { ReloadReport } from '../library/live.js';

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
  /** Starts a reload of the seeds folder; null when one is already running. Absent where the transport cannot reload. */
  reload?: () => Promise<ReloadReport> | null;
  /** All registered commands, for /help. */
  commands: readonly Command[];
}

/** What a handler returns: the reply, and for machine readers the results it shows. */
export interface CommandResult {
  reply: ReplyPayload;
  results?: unknown[];
  /**
   * Set when there are more results than the reply shows: `page(n)` builds page n (0-based) from the
   * same results, so paging never re-runs the query against a newer snapshot.
   */
  pages?: { count: number; page: (n: number) => ReplyPayload };
}

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface Command {
  /** The definition registered with Discord; also drives option parsing and validation everywhere. */
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Only for admins: refused at run time, whatever Discord's default permissions say. */
  adminOnly?: boolean;
  /** Replies that may take long (a reload) are deferred by the Discord transport before running. */
  slow?: boolean;
  run(context: CommandContext, options: CommandOptions): CommandResult | Promise<CommandResult>;
  autocomplete?(context: CommandContext, option: string, value: string, options: CommandOptions): Choice[];
}
