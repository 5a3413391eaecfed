import { validateOptions } from './options.js';
import { refusedHere } from './parts.js';
import { errorReply, withMention } from './reply.js';
import type {
  Command,
  CommandContext,
  CommandResult,
  MessageCommand,
  OptionValue,
  ReplyOutcome,
  ReplyPayload,
  TargetMessage,
} from './types.js';

/**
 * What checking a command before running it gives: the options to run it with and when the check
 * began (the reply is timed from there), or the refusal to send.
 */
export type CheckedCommand =
  | { ok: true; options: Record<string, OptionValue | undefined>; started: number }
  | { ok: false; reply: ReplyPayload; options: Record<string, unknown> };

/**
 * Tells context.observe (metrics) how a command ended and how long since its check began. Every
 * transport answers through checkCommand and runChecked, so replies are counted here, once each:
 * a refusal by checkCommand, an answer or a failure by runChecked.
 */
function observe(context: CommandContext, name: string, outcome: ReplyOutcome, started: number): void {
  context.observe?.(name, outcome, (performance.now() - started) / 1000);
}

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
  const started = performance.now();
  const refuse = (message: string, options: Record<string, unknown>): CheckedCommand => {
    observe(context, command.definition.name, 'refused', started);
    return { ok: false, reply: errorReply(message), options };
  };
  const checked = validateOptions(command.definition, rawOptions);
  if (!checked.ok) return refuse(checked.error, rawOptions);
  const refused = refusedHere(command.definition, context.place);
  if (refused) return refuse(refused, checked.options);
  if (command.adminOnly && !context.who.isAdmin)
    return refuse(
      `/${command.definition.name} is for server admins only. Nothing was changed.`,
      checked.options,
    );
  const refusal = command.check?.(context, checked.options) ?? null;
  if (refusal !== null) return refuse(refusal, checked.options);
  return { ok: true, options: checked.options, started };
}

/**
 * Runs a command checkCommand accepted. Handler errors are left to the caller (which knows how to
 * log them), after they are counted.
 */
export async function runChecked(
  command: Command,
  checked: CheckedCommand & { ok: true },
  context: CommandContext,
): Promise<CommandResult> {
  const { options, started } = checked;
  let result: CommandResult;
  try {
    result = await command.run(context, options);
  } catch (error) {
    observe(context, command.definition.name, 'failed', started);
    throw error;
  }
  const mention = options.mention;
  if (typeof mention === 'string') {
    result.reply = withMention(result.reply, mention);
    const pages = result.pages;
    if (pages) result.pages = { count: pages.count, page: (n) => withMention(pages.page(n), mention) };
  }
  observe(context, command.definition.name, 'answered', started);
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
  const result = await runChecked(command, checked, context);
  return { ...result, options: checked.options };
}

/** Runs a message command on the message it was used on, checking where it is used first. */
export async function runMessageCommand(
  command: MessageCommand,
  message: TargetMessage,
  context: CommandContext,
): Promise<CommandResult> {
  const started = performance.now();
  const name = command.definition.name;
  const refused = refusedHere(command.definition, context.place);
  if (refused) {
    observe(context, name, 'refused', started);
    return { reply: errorReply(refused), results: [] };
  }
  try {
    const result = await command.runOnMessage(context, message);
    observe(context, name, 'answered', started);
    return result;
  } catch (error) {
    observe(context, name, 'failed', started);
    throw error;
  }
}
