import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type Interaction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  PermissionFlagsBits,
} from 'discord.js';
import { truncateAtWord } from '../articles/text.js';
import { checkCommand, runChecked } from '../commands/dispatch.js';
import { findCommand } from '../commands/index.js';
import { LIMITS } from '../commands/limits.js';
import { errorReply } from '../commands/reply.js';
import type {
  AnyCommand,
  Choice,
  CommandContext,
  CommandOptions,
  Invoker,
  ReplyObserver,
  ReplyPayload,
} from '../commands/types.js';
import type { Config } from '../config.js';
import type { LiveLibrary, ReloadReport } from '../library/live.js';
import type { Logger } from '../logger.js';
import { BUSY_MESSAGE, isSearchBusy, type Searcher } from '../search-pool/searcher.js';
import { answerMessageCommand } from './message-commands.js';
import { isPageButton, isShareButton, type PageStore } from './pages.js';
import { placeOf, reachOf, withinReach } from './reach.js';
import { answerShare, withResultButtons } from './share.js';

/** Discord drops an interaction not acknowledged within 3 s; past this a reply is deferred first. */
export const ACK_DEADLINE_MS = 2000;

/** Errors Discord sends when the interaction is gone or already answered: logged, never thrown. */
const UNKNOWN_INTERACTION = 10062;
const ALREADY_ACKNOWLEDGED = 40060;

export interface InteractionDeps {
  live: LiveLibrary;
  config: Config;
  logger: Logger;
  commands: readonly AnyCommand[];
  pages: PageStore;
  /** The web pages' address while the web server runs (links point there). */
  publicUrl?: string | null;
  observe?: ReplyObserver;
  /** Where searches run (the worker pool); absent: in this thread. */
  searcher?: Searcher;
  /** /reload; absent: the live library's own. */
  reload?: () => Promise<ReloadReport> | null;
}

/** The reply payload in discord.js's option names; mentions stay exactly as the payload allows. */
export function toDiscordReply(payload: ReplyPayload): InteractionReplyOptions {
  const message: InteractionReplyOptions = { ...toDiscordEdit(payload) } as InteractionReplyOptions;
  if (payload.flags && payload.flags & MessageFlags.Ephemeral) message.flags = MessageFlags.Ephemeral;
  return message;
}

/** For edits and page turns: ephemerality was fixed when the reply was created and cannot change. */
export function toDiscordEdit(payload: ReplyPayload): InteractionEditReplyOptions & InteractionUpdateOptions {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: (payload.components ?? []) as InteractionUpdateOptions['components'],
    allowedMentions: {
      parse: [],
      users: payload.allowed_mentions.users ?? [],
      roles: [],
      repliedUser: false,
    },
  };
}

/** Administrator in the guild, or listed in ADMIN_USER_IDS / ADMIN_ROLE_IDS: checked at run time. */
export function isAdmin(interaction: Interaction, config: Config): boolean {
  if (config.adminUserIds.includes(interaction.user.id)) return true;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.Administrator)) return true;
  const member = interaction.member;
  if (!member) return false;
  const roles = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((r) => config.adminRoleIds.includes(r));
}

function invoker(interaction: Interaction, config: Config): Invoker {
  return {
    userId: interaction.user.id,
    username: interaction.user.username,
    isAdmin: isAdmin(interaction, config),
  };
}

export function commandContext(interaction: Interaction, deps: InteractionDeps): CommandContext {
  return {
    library: deps.live.current,
    who: invoker(interaction, deps.config),
    // when the person asked, from the interaction's snowflake id: not the host's clock, nor how
    // long the interaction waited in a queue
    now: interaction.createdAt,
    articleBaseUrl: deps.config.articleBaseUrl,
    publicUrl: deps.publicUrl ?? null,
    ...(deps.observe ? { observe: deps.observe } : {}),
    ...(deps.searcher ? { searcher: deps.searcher } : {}),
    commands: deps.commands,
    reload: deps.reload ?? (() => deps.live.reload()),
    place: placeOf(interaction),
  };
}

function isIgnorableApiError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === UNKNOWN_INTERACTION || error.code === ALREADY_ACKNOWLEDGED)
  );
}

/** Options as the shared dispatcher reads them: name -> value (a user option's value is the user id). */
function rawOptions(interaction: ChatInputCommandInteraction | AutocompleteInteraction): CommandOptions {
  const raw: CommandOptions = {};
  for (const option of interaction.options.data)
    if (option.value !== undefined) raw[option.name] = option.value;
  return raw;
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const command = findCommand(interaction.commandName, deps.commands);
  if (!command) {
    await interaction.reply(
      toDiscordReply(errorReply(`I no longer know /${interaction.commandName}. Try /help.`)),
    );
    return;
  }
  const ctx = commandContext(interaction, deps);
  // the decision comes before the work: a bad option or a refusal is answered at once, and a
  // command whose work grows with the library is acknowledged before that work starts (a
  // synchronous search would otherwise hold up any timer meant to defer it)
  const checked = checkCommand(command, rawOptions(interaction), ctx);
  if (!checked.ok) {
    await interaction.reply(toDiscordReply(checked.reply));
    return;
  }
  const reach = reachOf(interaction);
  const ephemeral = checked.options.hide === true || command.adminOnly === true || !reach.public;
  const acknowledge = () => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  let deferred = false;
  if (command.slow) {
    await acknowledge();
    deferred = true;
  }
  const work = runChecked(command, checked, ctx);
  if (!deferred) {
    // an instant command that still waits on something asynchronous is deferred when it runs late
    const timer = new Promise<'late'>((resolve) => setTimeout(resolve, ACK_DEADLINE_MS, 'late').unref());
    if ((await Promise.race([work, timer])) === 'late') {
      await acknowledge();
      deferred = true;
    }
  }
  const result = await work;
  const payload = withResultButtons(
    deps.pages,
    interaction.user.id,
    result,
    withinReach(result.reply, reach),
    reach,
  );
  const forAskerOnly = ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  if (deferred && forAskerOnly && !ephemeral) await replyPrivatelyAfterPublicDefer(interaction, payload);
  else if (deferred) await interaction.editReply(toDiscordEdit(payload));
  else await interaction.reply(toDiscordReply(payload));
}

/** Stands in for a public deferred reply while the answer goes to the asker alone; then it is deleted. */
const NO_PUBLIC_ANSWER = 'No answer to show here.';

/**
 * A reply meant for the asker alone, after a public defer. The first follow-up would take the place
 * of the public "thinking…" message (keeping its visibility), so the placeholder is settled first
 * with a neutral line, the reply goes in an ephemeral follow-up, and the placeholder is deleted.
 */
async function replyPrivatelyAfterPublicDefer(
  interaction: Interaction,
  payload: ReplyPayload,
): Promise<void> {
  if (!interaction.isRepliable()) return;
  await interaction.editReply({ content: NO_PUBLIC_ANSWER, embeds: [], components: [] });
  await interaction.followUp(toDiscordReply(payload));
  await interaction.deleteReply();
}

async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const command = findCommand(interaction.commandName, deps.commands);
  const focused = interaction.options.getFocused(true);
  let choices: Choice[] = [];
  if (command?.autocomplete) {
    choices = await command.autocomplete(
      commandContext(interaction, deps),
      focused.name,
      String(focused.value ?? ''),
      rawOptions(interaction),
    );
  }
  await interaction.respond(sanitizeChoices(choices));
}

/** At most 25 choices, names and values within 100 characters, no duplicates: Discord refuses anything else. */
export function sanitizeChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const c of choices) {
    const name = truncateAtWord(c.name.replace(/\s+/g, ' '), LIMITS.choiceName);
    const value = c.value.slice(0, LIMITS.choiceValue);
    if (!name || !value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out;
}

async function answerButton(interaction: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  if (isShareButton(interaction.customId)) return answerShare(interaction, deps.pages);
  if (!isPageButton(interaction.customId)) return;
  const page = deps.pages.open(interaction.customId, interaction.user.id);
  if (!page.ok) {
    await interaction.reply(toDiscordReply(errorReply(page.message)));
    return;
  }
  await interaction.update(toDiscordEdit(page.reply));
}

/**
 * Answers one interaction. Whatever goes wrong is logged with the interaction id and, where Discord
 * still lets us, told to the person in a reply only they see; it never reaches the client's event loop.
 */
export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  const log = deps.logger.child({ interactionId: interaction.id, user: interaction.user.id });
  const started = performance.now();
  try {
    if (interaction.isChatInputCommand()) {
      await answerCommand(interaction, deps);
      log.info(
        { command: interaction.commandName, ms: Math.round(performance.now() - started) },
        'answered command',
      );
    } else if (interaction.isMessageContextMenuCommand()) {
      await answerMessageCommand(interaction, deps);
      log.info(
        { command: interaction.commandName, ms: Math.round(performance.now() - started) },
        'answered message command',
      );
    } else if (interaction.isAutocomplete()) {
      await answerAutocomplete(interaction, deps);
    } else if (interaction.isButton()) {
      await answerButton(interaction, deps);
    }
  } catch (error) {
    if (isSearchBusy(error)) {
      // the queue was full or the search ran out of time: a private "try again", never silence
      log.warn({ reason: error.name }, 'searches busy; told the asker to try again');
      await tellSomethingWentWrong(interaction, log, errorReply(BUSY_MESSAGE));
      return;
    }
    if (isIgnorableApiError(error)) {
      log.warn(
        { code: (error as DiscordAPIError).code, message: (error as Error).message },
        'interaction could not be answered',
      );
      return;
    }
    log.error({ err: error }, 'failed to answer interaction');
    await tellSomethingWentWrong(interaction, log);
  }
}

/** Tells the asker, and only them, that answering failed; it never shows in a public reply. */
async function tellSomethingWentWrong(
  interaction: Interaction,
  log: Logger,
  payload = errorReply('Something went wrong while answering. It has been logged; please try again.'),
): Promise<void> {
  if (!interaction.isRepliable()) return;
  try {
    if (!interaction.deferred && !interaction.replied) await interaction.reply(toDiscordReply(payload));
    else if (interaction.replied) await interaction.followUp(toDiscordReply(payload));
    else if (interaction.ephemeral) await interaction.editReply(toDiscordEdit(payload));
    else await replyPrivatelyAfterPublicDefer(interaction, payload);
  } catch (error) {
    log.warn({ err: error }, 'could not send the error reply');
  }
}
