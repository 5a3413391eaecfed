import {
  type APIApplicationCommandBasicOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { DATE_YEAR_MAX, DATE_YEAR_MIN } from '../articles/parse.js';
import { cutText } from '../articles/text.js';
import { utcDay } from '../library/time-words.js';
import type { CommandOptions, OptionValue } from './types.js';

export type OptionsResult = { ok: true; options: CommandOptions } | { ok: false; error: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** How each kind of Discord entity is mentioned in text: <@id> or <@!id>, <@&id>, <#id>. */
const MENTION_SYNTAX = {
  member: /^<@!?(\d{17,20})>$/,
  role: /^<@&(\d{17,20})>$/,
  channel: /^<#(\d{17,20})>$/,
} as const;
type MentionKind = keyof typeof MENTION_SYNTAX;

/** What each option type takes: a user option takes a member, never a role or a channel. */
const MENTION_KINDS: Record<number, MentionKind[]> = {
  [ApplicationCommandOptionType.User]: ['member'],
  [ApplicationCommandOptionType.Role]: ['role'],
  [ApplicationCommandOptionType.Channel]: ['channel'],
  [ApplicationCommandOptionType.Mentionable]: ['member', 'role'],
};

function basicOptions(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
): APIApplicationCommandBasicOption[] {
  return (definition.options ?? []) as APIApplicationCommandBasicOption[];
}

/** A YYYY-MM-DD string that names a real day. */
export function isIsoDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** How a date option may be written, for descriptions and messages. */
export const DATE_BOUND_FORMATS = 'YYYY-MM-DD, YYYY-MM or YYYY';

/**
 * A `since`/`until` value as a day: YYYY-MM-DD as it is; a month (YYYY-MM) or a year (YYYY) as its
 * first day for `since` and its last day for `until`, so `until:2022-02` keeps all of February.
 * Null when the value names no real day, month or year.
 */
export function dateBound(value: string, side: 'since' | 'until'): string | null {
  const v = value.trim();
  const m = /^(\d{4})(?:-(\d{2})(?:-\d{2})?)?$/.exec(v);
  if (!m) return null;
  const year = Number(m[1]);
  // four-digit years only, as article dates: Date.UTC reads 0099 as 1999, 0050 as 1950
  if (year < DATE_YEAR_MIN || year > DATE_YEAR_MAX) return null;
  if (isIsoDate(v)) return v;
  if (v.length > 7) return null;
  const month = m[2] === undefined ? null : Number(m[2]);
  if (month !== null && (month < 1 || month > 12)) return null;
  const day =
    side === 'since'
      ? new Date(Date.UTC(year, (month ?? 1) - 1, 1))
      : new Date(Date.UTC(year, month ?? 12, 0)); // day 0 of the next month: the last of this one
  return utcDay(day);
}

/**
 * The `since`/`until` options of a command as days (see dateBound), or the message that tells the
 * person what to fix. Shared by every command that takes a date range.
 */
export function dateRangeOptions(
  options: CommandOptions,
): { since: string | null; until: string | null } | { error: string } {
  const out = { since: null as string | null, until: null as string | null };
  for (const side of ['since', 'until'] as const) {
    const raw = options[side];
    if (raw === undefined) continue;
    const day = dateBound(String(raw), side);
    if (day === null)
      return {
        error: `\`${side}\` must be a date as ${DATE_BOUND_FORMATS}, with a year from ${DATE_YEAR_MIN} to ${DATE_YEAR_MAX}, got "${cutText(String(raw), 40)}".`,
      };
    out[side] = day;
  }
  if (out.since && out.until && out.since > out.until)
    return { error: `\`since\` (${out.since}) is after \`until\` (${out.until}).` };
  return out;
}

/** The `since` and `until` options of a command that takes a date range. */
export const SINCE_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'since',
  description: `Only from this day, month or year on (${DATE_BOUND_FORMATS})`,
  min_length: 4,
  max_length: 10,
} as const;
export const UNTIL_OPTION = {
  type: ApplicationCommandOptionType.String,
  name: 'until',
  description: `Only up to this day, month or year (${DATE_BOUND_FORMATS})`,
  min_length: 4,
  max_length: 10,
} as const;

/**
 * Checks raw option values (strings from a command line, or typed values from Discord) against the
 * command's definition: unknown names, required options, types, ranges and lengths. Discord checks
 * most of this itself; the console does not, and a handler must never see a bad value.
 */
export function validateOptions(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
  raw: Record<string, unknown>,
): OptionsResult {
  const defs = basicOptions(definition);
  const options: CommandOptions = {};
  for (const name of Object.keys(raw)) {
    if (!defs.some((d) => d.name === name)) {
      const known = defs.map((d) => d.name).join(', ') || 'none';
      return { ok: false, error: `/${definition.name} has no option \`${name}\` (options: ${known}).` };
    }
  }
  for (const def of defs) {
    const value = raw[def.name];
    if (value === undefined || value === null || value === '') {
      if (def.required)
        return { ok: false, error: `/${definition.name} needs \`${def.name}\`: ${def.description}` };
      continue;
    }
    const checked = checkValue(def, value);
    if (typeof checked === 'object') return { ok: false, error: `\`${def.name}\`: ${checked.error}` };
    options[def.name] = checked;
  }
  return { ok: true, options };
}

function checkValue(def: APIApplicationCommandBasicOption, value: unknown): OptionValue | { error: string } {
  switch (def.type) {
    case ApplicationCommandOptionType.String: {
      const s = String(value).trim();
      if (def.min_length !== undefined && s.length < def.min_length)
        return { error: `must be at least ${def.min_length} characters.` };
      if (def.max_length !== undefined && s.length > def.max_length)
        return { error: `must be at most ${def.max_length} characters (got ${s.length}).` };
      return s;
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const integer = def.type === ApplicationCommandOptionType.Integer;
      // typed text is read as plain decimal digits only: Number() would also take "0x5", "1e1", " +5"
      const written = typeof value === 'number' ? null : String(value);
      const n = written === null ? (value as number) : Number(written);
      const decimal = integer ? DECIMAL_INTEGER : DECIMAL_NUMBER;
      if (
        (written !== null && !decimal.test(written)) ||
        !Number.isFinite(n) ||
        (integer && !Number.isInteger(n))
      )
        return {
          error: `must be ${integer ? 'a whole number' : 'a number'} written in decimal digits (like 5), got "${cutText(String(value), 40)}".`,
        };
      const { min_value: min, max_value: max } = def;
      if ((min !== undefined && n < min) || (max !== undefined && n > max))
        return { error: `must be between ${min ?? '-∞'} and ${max ?? '∞'}, got ${n}.` };
      return n;
    }
    case ApplicationCommandOptionType.Boolean: {
      if (typeof value === 'boolean') return value;
      const s = String(value).trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(s)) return true;
      if (['false', 'no', 'off', '0'].includes(s)) return false;
      return { error: `must be true or false, got "${cutText(s, 40)}".` };
    }
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.Channel:
    case ApplicationCommandOptionType.Mentionable: {
      const text = String(value).trim();
      const kinds = MENTION_KINDS[def.type] ?? ['member'];
      const id = /^\d{17,20}$/.test(text)
        ? text
        : kinds.map((k) => MENTION_SYNTAX[k].exec(text)?.[1]).find((x) => x !== undefined);
      if (!id)
        return {
          error: `must be ${kinds.map((k) => `a ${k}`).join(' or ')} (a mention or an id), got "${cutText(text, 40)}".`,
        };
      return id;
    }
    default:
      return String(value);
  }
}

/**
 * A word before a colon that may name an option: letters, digits, `-` and `_`, starting with a
 * letter, at the start of the line or after a space (Discord's option names are such words).
 */
const OPTION_MARK = /(?<=^|\s)([A-Za-z][\w-]{0,31}):/g;

/**
 * Whether an unknown `word:` is meant as an option rather than as text of the query: a lowercase
 * word (as option names are) with the value right after the colon. "Note: x" (a capital, a space),
 * "10:30" (a digit first) and "https://…" (a link) stay text.
 */
function looksLikeOption(word: string, after: string): boolean {
  return /^[a-z][a-z0-9_-]*$/.test(word) && /^\S/.test(after) && !after.startsWith('//');
}

/**
 * Parses a command line written in Discord's option syntax: `/news query:Lavrov talks limit:5`.
 * Text before the first `name:` is the command's first string option (its query), so
 * `/news What did Lavrov say?` works too. A value in double quotes (`query:"re:election"`) is
 * taken as it is. An option given twice, or an unknown `name:value`, is an error that says so.
 * Returns null when the line names no command.
 */
export function parseCommandLine(
  line: string,
  definitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): { name: string; raw: Record<string, string> } | { error: string } | null {
  const m = /^\s*\/?([\w-]+)(?:\s+([\s\S]*))?$/.exec(line);
  if (!m) return null;
  const name = m[1]!.toLowerCase();
  const definition = definitions.find((d) => d.name === name);
  if (!definition) {
    return {
      error: `Unknown command /${name}. Commands: ${definitions.map((d) => `/${d.name}`).join(', ')}.`,
    };
  }
  const rest = (m[2] ?? '').trim();
  const defs = basicOptions(definition);
  const known = defs.map((d) => d.name);
  const listed = known.length ? known.join(', ') : 'none';
  const raw: Record<string, string> = {};
  if (!rest) return { name, raw };
  const marks: { name: string; index: number; end: number }[] = [];
  let quotedUntil = -1;
  for (const mark of rest.matchAll(OPTION_MARK)) {
    if (mark.index < quotedUntil) continue;
    const word = mark[1]!;
    const end = mark.index + mark[0].length;
    if (!known.includes(word.toLowerCase())) {
      if (looksLikeOption(word, rest.slice(end)))
        return {
          error: `/${name} has no option \`${word}\` (options: ${listed}). To look for "${word}:" as text, put the query in quotes: query:"…".`,
        };
      continue;
    }
    marks.push({ name: word.toLowerCase(), index: mark.index, end });
    // a quoted value is the option's whole value: no option names are looked for inside it
    if (rest[end] === '"') {
      const close = rest.indexOf('"', end + 1);
      if (close > end) quotedUntil = close;
    }
  }
  const bare = (marks.length ? rest.slice(0, marks[0]!.index) : rest).trim();
  let bareName: string | null = null;
  if (bare) {
    const first = defs.find((d) => d.type === ApplicationCommandOptionType.String);
    if (!first) return { error: `/${name} takes no text; use its options as name:value.` };
    raw[first.name] = bare;
    bareName = first.name;
  }
  for (const [i, mark] of marks.entries()) {
    if (raw[mark.name] !== undefined) {
      const how = mark.name === bareName ? ` (the text after /${name} is the ${mark.name})` : '';
      return { error: `\`${mark.name}\` is given twice${how}; give each option once.` };
    }
    const end = i + 1 < marks.length ? marks[i + 1]!.index : rest.length;
    raw[mark.name] = rest
      .slice(mark.end, end)
      .trim()
      .replace(/^(["'])([\s\S]*)\1$/, '$2');
  }
  return { name, raw };
}
