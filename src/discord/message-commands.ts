import type { APIMessageApplicationCommandInteraction } from 'discord-api-types/v10';
import { runMessageCommand } from '../commands/dispatch.js';
import { findMessageCommand } from '../commands/index.js';
import { errorReply } from '../commands/reply.js';
import { commandContext, type InteractionDeps, snowflakeTime, userOf } from './context.js';
import { toEditBody } from './payload.js';
import { reachOf } from './reach.js';
import type { InteractionReply } from './respond.js';
import { withResultButtons } from './share.js';

/**
 * A message command ("Apps → Find news about this" on a message). The clicked message's content
 * arrives with the interaction (`data.resolved.messages`): Discord gives apps "the content of the
 * message a message command is triggered on" without the privileged message-content intent
 * (https://discord.com/developers/docs/events/gateway#message-content-intent). The answer is the
 * asker's alone until they Share it, so it is acknowledged privately before the search runs.
 */
export async function answerMessageCommand(
  interaction: APIMessageApplicationCommandInteraction,
  answer: InteractionReply,
  deps: InteractionDeps,
): Promise<void> {
  const name = interaction.data.name;
  const command = findMessageCommand(name, deps.commands);
  if (!command) {
    await answer.reply(errorReply(`I no longer know “${name}”. Try /help.`));
    return;
  }
  await answer.defer(true);
  const targetId = interaction.data.target_id;
  const target = interaction.data.resolved.messages[targetId];
  const result = await runMessageCommand(
    command,
    { id: targetId, content: target?.content ?? '', createdAt: snowflakeTime(targetId) },
    commandContext(interaction, deps),
  );
  const payload = await withResultButtons(
    deps.pages,
    userOf(interaction).id,
    result,
    result.reply,
    reachOf(interaction),
  );
  await answer.editReply(toEditBody(payload));
}
