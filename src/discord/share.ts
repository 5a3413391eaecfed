import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { truncateAtWord } from '../articles/text.js';
import { LIMITS } from '../commands/limits.js';
import { errorReply } from '../commands/reply.js';
import type { CommandResult, ReplyPayload } from '../commands/types.js';
import { toDiscordEdit, toDiscordReply } from './interactions.js';
import type { PageStore } from './pages.js';
import { isEphemeral, type Reach, reachOf } from './reach.js';

/**
 * The reply with its buttons: page turns when there are more results than shown, and Share on a
 * private answer (hide:true or a message command) that shows results and may be posted here.
 */
export function withResultButtons(
  pages: PageStore,
  userId: string,
  result: CommandResult,
  reply: ReplyPayload,
  reach: Reach,
): ReplyPayload {
  const shareable = reach.public && isEphemeral(reply) && (result.results?.length ?? 0) > 0;
  return pages.add(userId, result.pages, reply, { shareable });
}

/**
 * A private answer as everyone sees it once shared: the asker named but not pinged (mentions parse
 * nothing), no buttons (only the asker could use them).
 */
export function sharedReply(page: ReplyPayload, userId: string): ReplyPayload {
  const content = `📣 Shared by <@${userId}>${page.content ? `\n${page.content}` : ''}`;
  const { flags, components: _buttons, ...rest } = page;
  const shared: ReplyPayload = {
    ...rest,
    content: truncateAtWord(content, LIMITS.content),
    allowed_mentions: { parse: [] },
  };
  const kept = (flags ?? 0) & ~MessageFlags.Ephemeral;
  if (kept) shared.flags = kept;
  return shared;
}

/**
 * Share pressed: the answer is posted for everyone as a follow-up of this interaction (never to the
 * channel by id, so it works where the bot is not a member), and the private copy shows it was
 * shared. Where the bot may not post, the asker is told so, privately.
 */
export async function answerShare(interaction: ButtonInteraction, pages: PageStore): Promise<void> {
  // where it may be posted is asked first: a refused Share leaves the answer shareable elsewhere
  const reach = reachOf(interaction);
  if (!reach.public) {
    await interaction.reply(
      toDiscordReply(errorReply(`I cannot post this for everyone here: ${reach.why}.`)),
    );
    return;
  }
  const found = pages.share(interaction.customId, interaction.user.id);
  if (!found.ok) {
    await interaction.reply(toDiscordReply(errorReply(found.message)));
    return;
  }
  await interaction.deferUpdate();
  await interaction.followUp(toDiscordReply(sharedReply(found.reply, interaction.user.id)));
  await interaction.editReply({
    components: toDiscordEdit({ ...found.reply, components: found.buttons }).components,
  });
}
