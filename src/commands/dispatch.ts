import { validateOptions } from './options.js';
import { errorReply, withMention } from './reply.js';
import type { Command, CommandContext, CommandResult } from './types.js';

/**
 * Runs a command for any transport: checks the options against the definition and admin rights at
 * run time, then the handler. A bad option or a refused admin command gets an ephemeral reply and
 * changes nothing. Handler errors are left to the caller, which knows how to log them.
 */
export async function runCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  context: CommandContext,
): Promise<CommandResult & { options: Record<string, unknown> }> {
  const checked = validateOptions(command.definition, rawOptions);
  if (!checked.ok) return { reply: errorReply(checked.error), results: [], options: rawOptions };
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
