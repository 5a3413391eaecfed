// since/until, as /news and /quote take them: the option definitions and their parsing, in one
// place so a wider date syntax changes both commands at once.
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { isIsoDate } from './options.js';
import type { CommandOptions } from './types.js';

export const SINCE_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'since',
  description: 'Only articles from this day on (YYYY-MM-DD)',
  min_length: 10,
  max_length: 10,
} as const;

export const UNTIL_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'until',
  description: 'Only articles up to this day (YYYY-MM-DD)',
  min_length: 10,
  max_length: 10,
} as const;

export interface DateRange {
  since: string | null;
  until: string | null;
}

/** The date range of the options, or the message that tells the person what to fix. */
export function dateRange(options: CommandOptions): DateRange | { error: string } {
  const since = options.since === undefined ? null : String(options.since);
  const until = options.until === undefined ? null : String(options.until);
  for (const [name, value] of [
    ['since', since],
    ['until', until],
  ] as const) {
    if (value !== null && !isIsoDate(value))
      return { error: `\`${name}\` must be a date as YYYY-MM-DD, got "${value}".` };
  }
  if (since && until && since > until)
    return { error: `\`since\` (${since}) is after \`until\` (${until}).` };
  return { since, until };
}
