import { validateOptions } from './options.js';
import { refusedHere } from './parts.js';
import { errorReply, withMention } from './reply.js';
import type {
  Command,
  CommandContext,
  CommandResult,
  MessageCommand,
  OptionValue,
  ReplyPayload,
  TargetMessage,
} from './types.js';

/** What checking a command before running it gives: the options to run it with, or the refusal to send. */
export type CheckedCommand =
  | { ok: true; options: Record<string, OptionValue | undefined> }
  | { ok: false; reply: ReplyPayload; options: Record<string, unknown> };

/**
 * The cheap part of running a command, for any transport: the options against the definition and
 * admin rights at run time. A bad option or a refused admin command gets an ephemeral reply and
 * changes nothing. Separate from the work, so a transport can acknowledge before the work starts.
 */
export function checkCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  context: CommandContext,
): CheckedCommand {
  const checked = validateOptions(command.definition, rawOptions);
  if (!checked.ok) return { ok: false, reply: errorReply(checked.error), options: rawOptions };
  const refused = refusedHere(command.definition, context.place);
  if (refused) return { ok: false, reply: errorReply(refused), options: checked.options };
  if (command.adminOnly && !context.who.isAdmin) {
    return {
      ok: false,
      reply: errorReply(`/${command.definition.name} is for server admins only. Nothing was changed.`),
      options: checked.options,
    };
  }
  const refusal = command.check?.(context, checked.options) ?? null;
  if (refusal !== null) return { ok: false, reply: errorReply(refusal), options: checked.options };
  return { ok: true, options: checked.options };
}

/** Runs a command whose options checkCommand accepted. Handler errors are left to the caller. */
export async function runChecked(
  command: Command,
  options: Record<string, OptionValue | undefined>,
  context: CommandContext,
): Promise<CommandResult> {
  const result = await command.run(context, options);
  const mention = options.mention;
  if (typeof mention === 'string') {
    result.reply = withMention(result.reply, mention);
    const pages = result.pages;
    if (pages) result.pages = { count: pages.count, page: (n) => withMention(pages.page(n), mention) };
  }
  return result;
}

/**
 * Runs a command for any transport: checkCommand, then the handler. Handler errors are left to the
 * caller, which knows how to log them.
 */
export async function runCommand(
  command: Command,
  rawOptions: Record<string, unknown>,
  context: CommandContext,
): Promise<CommandResult & { options: Record<string, unknown> }> {
  const checked = checkCommand(command, rawOptions, context);
  if (!checked.ok) return { reply: checked.reply, results: [], options: checked.options };
  const result = await runChecked(command, checked.options, context);
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
