import {
  type APIMessageComponentInteraction,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord-api-types/v10';
import { truncateAtWord } from '../articles/text.js';
import { LIMITS } from '../commands/limits.js';
import { errorReply } from '../commands/reply.js';
import type { CommandResult, ReplyPayload } from '../commands/types.js';
import { userOf } from './context.js';
import { toEditBody } from './payload.js';
import { isEphemeral, type Reach, reachOf } from './reach.js';
import type { InteractionReply } from './respond.js';
import type { AnswerStore } from './store.js';

/**
 * The reply with its buttons: page turns when there are more results than shown, and Share on a
 * private answer (hide:true or a message command) that shows results and may be posted here.
 */
export function withResultButtons(
  pages: AnswerStore,
  userId: string,
  result: CommandResult,
  reply: ReplyPayload,
  reach: Reach,
): Promise<ReplyPayload> {
  const shareable = reach.public && isEphemeral(reply) && (result.results?.length ?? 0) > 0;
  return pages.add(userId, result.pages, reply, { shareable });
}

/**
 * A private answer as everyone sees it once shared: the asker named but not pinged (mentions parse
 * nothing), its link buttons (Read) kept and no other button (only the asker could use them).
 */
export function sharedReply(page: ReplyPayload, userId: string): ReplyPayload {
  const content = `📣 Shared by <@${userId}>${page.content ? `\n${page.content}` : ''}`;
  const { flags, components, ...rest } = page;
  const shared: ReplyPayload = {
    ...rest,
    content: truncateAtWord(content, LIMITS.content),
    allowed_mentions: { parse: [] },
  };
  const linkRows = (components ?? []).filter(
    (row) =>
      row.components.length > 0 &&
      row.components.every((c) => c.type === ComponentType.Button && c.style === ButtonStyle.Link),
  );
  if (linkRows.length) shared.components = linkRows;
  const kept = (flags ?? 0) & ~MessageFlags.Ephemeral;
  if (kept) shared.flags = kept;
  return shared;
}

/**
 * Share pressed: the answer is posted for everyone as a follow-up of this interaction (never to the
 * channel by id, so it works where the bot is not a member), and the private copy shows it was
 * shared. Where the bot may not post, the asker is told so, privately.
 */
export async function answerShare(
  interaction: APIMessageComponentInteraction,
  answer: InteractionReply,
  pages: AnswerStore,
): Promise<void> {
  // where it may be posted is asked first: a refused Share leaves the answer shareable elsewhere
  const reach = reachOf(interaction);
  if (!reach.public) {
    await answer.reply(errorReply(`I cannot post this for everyone here: ${reach.why}.`));
    return;
  }
  const userId = userOf(interaction).id;
  // the claim comes before anything is posted: a second press, here or on another replica, gets nothing
  const found = await pages.share(interaction.data.custom_id, userId);
  if (!found.ok) {
    await answer.reply(errorReply(found.message));
    return;
  }
  await answer.deferUpdate();
  await answer.followUp(sharedReply(found.reply, userId));
  await answer.editReply({
    components: toEditBody({ ...found.reply, components: found.buttons }).components,
  });
}
