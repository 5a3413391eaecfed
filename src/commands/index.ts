import { help } from './help.js';
import { news } from './news.js';
import type { Command } from './types.js';

/** Every slash command, in the order /help lists them. */
export const COMMANDS: readonly Command[] = [news, help];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.definition.name === name);
}
