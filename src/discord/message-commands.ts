import { type MessageContextMenuCommandInteraction, MessageFlags } from 'discord.js';
import { runMessageCommand } from '../commands/dispatch.js';
import { findMessageCommand } from '../commands/index.js';
import { errorReply } from '../commands/reply.js';
import { commandContext, type InteractionDeps, toDiscordEdit, toDiscordReply } from './interactions.js';
import { reachOf } from './reach.js';
import { withResultButtons } from './share.js';

/**
 * A message command ("Apps → Find news about this" on a message). The clicked message's content
 * arrives with the interaction (`data.resolved.messages`): Discord gives apps "the content of the
 * message a message command is triggered on" without the privileged message-content intent
 * (https://discord.com/developers/docs/events/gateway#message-content-intent). The answer is the
 * asker's alone until they Share it, so it is acknowledged privately before the search runs.
 */
export async function answerMessageCommand(
  interaction: MessageContextMenuCommandInteraction,
  deps: InteractionDeps,
): Promise<void> {
  const command = findMessageCommand(interaction.commandName, deps.commands);
  if (!command) {
    await interaction.reply(
      toDiscordReply(errorReply(`I no longer know “${interaction.commandName}”. Try /help.`)),
    );
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const target = interaction.targetMessage;
  const result = await runMessageCommand(
    command,
    { id: target.id, content: target.content ?? '', createdAt: target.createdAt },
    commandContext(interaction, deps),
  );
  const payload = withResultButtons(
    deps.pages,
    interaction.user.id,
    result,
    result.reply,
    reachOf(interaction),
  );
  await interaction.editReply(toDiscordEdit(payload));
}
