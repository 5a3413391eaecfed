import { validateOptions } from './options.js';
import { refusedHere } from './parts.js';
import { errorReply, withMention } from './reply.js';
import type { Command, CommandContext, CommandResult, MessageCommand, TargetMessage } from './types.js';

/**
 * Runs a command for any transport: checks the options against the definition, where it is used and
 * admin rights at run time, then the handler. A bad option or a refused command gets an ephemeral
 * reply and changes nothing. Handler errors are left to the caller, which knows how to log them.
 */
export async function runCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  context: CommandContext,
): Promise<CommandResult & { options: Record<string, unknown> }> {
  const checked = validateOptions(command.definition, rawOptions);
  if (!checked.ok) return { reply: errorReply(checked.error), results: [], options: rawOptions };
  const refused = refusedHere(command.definition, context.place);
  if (refused) return { reply: errorReply(refused), results: [], options: checked.options };
  if (command.adminOnly && !context.who.isAdmin) {
    return {
      reply: errorReply(`/${command.definition.name} is for server admins only. Nothing was changed.`),
      results: [],
      options: checked.options,
    };
  }
  const result = await command.run(context, checked.options);
  const mention = checked.options.mention;
  if (typeof mention === 'string') {
    result.reply = withMention(result.reply, mention);
    const pages = result.pages;
    if (pages) result.pages = { count: pages.count, page: (n) => withMention(pages.page(n), mention) };
  }
  return { ...result, options: checked.options };
}

/** Runs a message command on the message it was used on, checking where it is used first. */
export async function runMessageCommand(
  command: MessageCommand,
  message: TargetMessage,
  context: CommandContext,
): Promise<CommandResult> {
  const refused = refusedHere(command.definition, context.place);
  if (refused) return { reply: errorReply(refused), results: [] };
  return command.runOnMessage(context, message);
}
