import { validateOptions } from './options.js';
import { errorReply, withMention } from './reply.js';
import type { Command, CommandContext, CommandResult, ReplyOutcome } from './types.js';

/**
 * Runs a command for any transport: checks the options against the definition and admin rights at
 * run time, then the handler. A bad option or a refused admin command gets an ephemeral reply and
 * changes nothing. Handler errors are left to the caller, which knows how to log them. Every
 * transport answers through here, so this is where replies are counted and timed (context.observe).
 */
export async function runCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  context: CommandContext,
): Promise<CommandResult & { options: Record<string, unknown> }> {
  const started = performance.now();
  const observe = (outcome: ReplyOutcome) =>
    context.observe?.(command.definition.name, outcome, (performance.now() - started) / 1000);
  try {
    const result = await dispatch(command, rawOptions, context);
    observe(result.refused ? 'refused' : 'answered');
    const { refused: _, ...rest } = result;
    return rest;
  } catch (error) {
    observe('failed');
    throw error;
  }
}

async function dispatch(
  command: Command,
  rawOptions: Record<string, unknown>,
  context: CommandContext,
): Promise<CommandResult & { options: Record<string, unknown>; refused?: boolean }> {
  const checked = validateOptions(command.definition, rawOptions);
  if (!checked.ok)
    return { reply: errorReply(checked.error), results: [], options: rawOptions, refused: true };
  if (command.adminOnly && !context.who.isAdmin) {
    return {
      reply: errorReply(`/${command.definition.name} is for server admins only. Nothing was changed.`),
      results: [],
      options: checked.options,
      refused: true,
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
