import { DiscordAPIError } from 'discord.js';
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIMessageComponentInteraction,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import { cutText, truncateAtWord } from '../articles/text.js';
import { checkCommand, runChecked } from '../commands/dispatch.js';
import { findCommand } from '../commands/index.js';
import { LIMITS } from '../commands/limits.js';
import { errorReply } from '../commands/reply.js';
import type { Choice, ReplyPayload } from '../commands/types.js';
import type { Logger } from '../logger.js';
import { BUSY_MESSAGE, isSearchBusy } from '../search-pool/searcher.js';
import { displayText } from '../shown-text.js';
import { commandContext, type InteractionDeps, rawOptions, userOf } from './context.js';
import { answerMessageCommand } from './message-commands.js';
import { isPageButton, isShareButton, NOT_A_BUTTON } from './pages.js';
import { toEditBody } from './payload.js';
import { reachOf, withinReach } from './reach.js';
import type { InteractionReply } from './respond.js';
import { answerShare, withResultButtons } from './share.js';

// Routing of raw interaction payloads (discord-api-types), the same for both transports: the
// gateway adapter (gateway.ts) and the HTTP endpoint (http.ts) hand each interaction here with an
// InteractionReply that knows how its first answer reaches Discord.

export type { InteractionDeps } from './context.js';

/** Discord drops an interaction not acknowledged within 3 s; past this a reply is deferred first. */
export const ACK_DEADLINE_MS = 2000;

/** Errors Discord sends when the interaction is gone or already answered: logged, never thrown. */
const UNKNOWN_INTERACTION = 10062;
const ALREADY_ACKNOWLEDGED = 40060;

function isIgnorableApiError(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    (error.code === UNKNOWN_INTERACTION || error.code === ALREADY_ACKNOWLEDGED)
  );
}

async function answerCommand(
  interaction: APIChatInputApplicationCommandInteraction,
  answer: InteractionReply,
  deps: InteractionDeps,
): Promise<void> {
  const name = interaction.data.name;
  const command = findCommand(name, deps.commands);
  if (!command) {
    await answer.reply(errorReply(`I no longer know /${name}. Try /help.`));
    return;
  }
  const ctx = commandContext(interaction, deps);
  // the decision comes before the work: a bad option or a refusal is answered at once, and a
  // command whose work grows with the library is acknowledged before that work starts (a
  // synchronous search would otherwise hold up any timer meant to defer it)
  const checked = checkCommand(command, rawOptions(interaction.data.options), ctx);
  if (!checked.ok) {
    await answer.reply(checked.reply);
    return;
  }
  const reach = reachOf(interaction);
  const ephemeral = checked.options.hide === true || command.adminOnly === true || !reach.public;
  if (command.slow) await answer.defer(ephemeral);
  const work = runChecked(command, checked, ctx);
  if (!answer.deferred) {
    // an instant command that still waits on something asynchronous is deferred when it runs late
    const timer = new Promise<'late'>((resolve) => setTimeout(resolve, ACK_DEADLINE_MS, 'late').unref());
    if ((await Promise.race([work, timer])) === 'late') await answer.defer(ephemeral);
  }
  const result = await work;
  const payload = await withResultButtons(
    deps.pages,
    userOf(interaction).id,
    result,
    withinReach(result.reply, reach),
    reach,
  );
  const forAskerOnly = ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  if (answer.deferred && forAskerOnly && !ephemeral) await replyPrivatelyAfterPublicDefer(answer, payload);
  else if (answer.deferred) await answer.editReply(toEditBody(payload));
  else await answer.reply(payload);
}

/** Stands in for a public deferred reply while the answer goes to the asker alone; then it is deleted. */
const NO_PUBLIC_ANSWER = 'No answer to show here.';

/**
 * A reply meant for the asker alone, after a public defer. The first follow-up would take the place
 * of the public "thinking…" message (keeping its visibility), so the placeholder is settled first
 * with a neutral line, the reply goes in an ephemeral follow-up, and the placeholder is deleted.
 */
async function replyPrivatelyAfterPublicDefer(
  answer: InteractionReply,
  payload: ReplyPayload,
): Promise<void> {
  await answer.editReply({ content: NO_PUBLIC_ANSWER, embeds: [], components: [] });
  await answer.followUp(payload);
  await answer.deleteReply();
}

/** The option being typed in, among the top-level options. */
function focusedOption(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): {
  name: string;
  value: string;
} {
  for (const option of options ?? [])
    if ('focused' in option && option.focused)
      return { name: option.name, value: String(option.value ?? '') };
  return { name: '', value: '' };
}

async function answerAutocomplete(
  interaction: APIApplicationCommandAutocompleteInteraction,
  answer: InteractionReply,
  deps: InteractionDeps,
): Promise<void> {
  const command = findCommand(interaction.data.name, deps.commands);
  const focused = focusedOption(interaction.data.options);
  let choices: Choice[] = [];
  if (command?.autocomplete) {
    choices = await command.autocomplete(
      commandContext(interaction, deps),
      focused.name,
      focused.value,
      rawOptions(interaction.data.options),
    );
  }
  await answer.choices(sanitizeChoices(choices));
}

/** At most 25 choices, names and values within 100 characters, no duplicates: Discord refuses anything else. */
export function sanitizeChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (const c of choices) {
    // plain text, shown as it is: no control or bidi characters, never half a surrogate pair
    const name = truncateAtWord(displayText(c.name).replace(/\s+/g, ' '), LIMITS.choiceName);
    const value = cutText(c.value, LIMITS.choiceValue);
    if (!name || !value || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out;
}

async function answerButton(
  interaction: APIMessageComponentInteraction,
  answer: InteractionReply,
  deps: InteractionDeps,
): Promise<void> {
  const customId = interaction.data.custom_id;
  if (isShareButton(customId)) return answerShare(interaction, answer, deps.pages);
  if (!isPageButton(customId)) {
    await answer.reply(errorReply(NOT_A_BUTTON));
    return;
  }
  const page = await deps.pages.open(customId, userOf(interaction).id);
  if (!page.ok) {
    await answer.reply(errorReply(page.message));
    return;
  }
  await answer.update(page.reply);
}

/**
 * Answers one interaction. Whatever goes wrong is logged with the interaction id and, where Discord
 * still lets us, told to the person in a reply only they see; it never reaches the transport.
 */
export async function handleInteraction(
  interaction: APIInteraction,
  answer: InteractionReply,
  deps: InteractionDeps,
): Promise<void> {
  let user = '';
  try {
    user = userOf(interaction).id;
  } catch {}
  const log = deps.logger.child({ interactionId: interaction.id, user });
  const started = performance.now();
  try {
    if (interaction.type === InteractionType.ApplicationCommand) {
      if (interaction.data.type === ApplicationCommandType.ChatInput) {
        await answerCommand(interaction as APIChatInputApplicationCommandInteraction, answer, deps);
        log.info(
          { command: interaction.data.name, ms: Math.round(performance.now() - started) },
          'answered command',
        );
      } else if (interaction.data.type === ApplicationCommandType.Message) {
        await answerMessageCommand(interaction as never, answer, deps);
        log.info(
          { command: interaction.data.name, ms: Math.round(performance.now() - started) },
          'answered message command',
        );
      }
    } else if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      await answerAutocomplete(interaction, answer, deps);
    } else if (
      interaction.type === InteractionType.MessageComponent &&
      interaction.data.component_type === ComponentType.Button
    ) {
      await answerButton(interaction, answer, deps);
    }
  } catch (error) {
    if (isSearchBusy(error)) {
      // the queue was full or the search ran out of time: a private "try again", never silence
      log.warn({ reason: error.name }, 'searches busy; told the asker to try again');
      await tellSomethingWentWrong(interaction, answer, log, errorReply(BUSY_MESSAGE));
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
    await tellSomethingWentWrong(interaction, answer, log);
  }
}

/** Tells the asker, and only them, that answering failed; it never shows in a public reply. */
async function tellSomethingWentWrong(
  interaction: APIInteraction,
  answer: InteractionReply,
  log: Logger,
  payload = errorReply('Something went wrong while answering. It has been logged; please try again.'),
): Promise<void> {
  if (
    interaction.type === InteractionType.ApplicationCommandAutocomplete ||
    interaction.type === InteractionType.Ping
  )
    return;
  try {
    if (!answer.deferred && !answer.replied) await answer.reply(payload);
    else if (answer.replied) await answer.followUp(payload);
    else if (answer.ephemeral) await answer.editReply(toEditBody(payload));
    else await replyPrivatelyAfterPublicDefer(answer, payload);
  } catch (error) {
    log.warn({ err: error }, 'could not send the error reply');
  }
}
