import { findNews } from './find-news.js';
import { help } from './help.js';
import { news } from './news.js';
import { quote } from './quote.js';
import { reload } from './reload.js';
import { type AnyCommand, type Command, isMessageCommand, type MessageCommand } from './types.js';
import { whoSaid } from './who-said.js';

/** Every slash command, in the order /help lists them. */
export const COMMANDS: readonly Command[] = [news, quote, help, reload];

/** Every message command ("Apps → …" on a message). */
export const MESSAGE_COMMANDS: readonly MessageCommand[] = [findNews, whoSaid];

/** Everything registered with Discord and listed by /help: adding a command is adding it here. */
export const ALL_COMMANDS: readonly AnyCommand[] = [...COMMANDS, ...MESSAGE_COMMANDS];

/** The slash command of that name in `commands` (default: all of them). */
export function findCommand(
  name: string,
  commands: readonly AnyCommand[] = ALL_COMMANDS,
): Command | undefined {
  return commands.find((c): c is Command => !isMessageCommand(c) && c.definition.name === name);
}

/** The message command of that name in `commands` (default: all of them). */
export function findMessageCommand(
  name: string,
  commands: readonly AnyCommand[] = ALL_COMMANDS,
): MessageCommand | undefined {
  return commands.find((c): c is MessageCommand => isMessageCommand(c) && c.definition.name === name);
}
