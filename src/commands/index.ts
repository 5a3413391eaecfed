import { help } from './help.js';
import { news } from './news.js';
import { quote } from './quote.js';
import { reload } from './reload.js';
import type { Command } from './types.js';

/** Every slash command, in the order /help lists them. */
export const COMMANDS: readonly Command[] = [news, quote, help, reload];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.definition.name === name);
}
