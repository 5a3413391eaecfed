// Time words in a question ("this week", "in June", "since March", "recently") read as a window of
// days, relative to the moment of asking.
//
// chrono-node finds and reads the expressions (it knows "last week", "Sept. 12, 2001", "2 weeks
// ago", "on Monday" and many more, in any capitalisation); it returns instants, so turning one
// into a range of days is ours: the unit the words name (a day, a week, a month, a year) around
// the instant, or from it to now. Days are UTC days; weeks run Monday to Sunday (ISO 8601).
// News is asked about the past, so a month or weekday without a year means the most recent one
// not after now ("in June" asked in March 2023 is June 2022).

import * as chrono from 'chrono-node';
import { DAY_MS } from './days.js';
import type { DateWindow } from './ranking.js';

/** What the time words of a question say. */
export interface TimeWords {
  /** The question without its time words: what is searched. */
  query: string;
  /** The days they name, or null when the question names no time. */
  window: DateWindow | null;
  /** How the reply names the window: "from the week of 26 Sep 2022". */
  label: string | null;
}

/**
 * "recently", "lately", "in recent days": the last this many days, today included. Two weeks: a
 * news story stays "recent" for about as long as it is followed day by day, and a window is soft
 * (articles outside it still answer when none inside does), so a wider one costs little.
 */
export const RECENT_DAYS = 14;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The UTC day of a moment, YYYY-MM-DD: how every date in the library is written. */
export function utcDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** A day as a Date at 00:00 UTC. */
type Day = Date;

const toDay = (day: string | null): Day | null => (day ? new Date(`${day}T00:00:00Z`) : null);
const dayOf = (d: Date): Day => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
const addDays = (d: Day, n: number): Day => new Date(d.getTime() + n * DAY_MS);
/** The Monday of the week of `d` (weeks start on Monday). */
const mondayOf = (d: Day): Day => addDays(d, -((d.getUTCDay() + 6) % 7));
const monthStart = (y: number, m: number): Day => new Date(Date.UTC(y, m, 1));
const monthEnd = (y: number, m: number): Day => new Date(Date.UTC(y, m + 1, 0));

/** "26 Sep 2022" */
export function formatDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** How a reply names a window of days, when it has no name of its own ("from 1 Mar 2022 to 31 Mar 2022"). */
export function describeWindow({ since, until }: DateWindow): string {
  if (since && until)
    return since === until ? `from ${formatDay(since)}` : `from ${formatDay(since)} to ${formatDay(until)}`;
  if (since) return `since ${formatDay(since)}`;
  if (until) return `up to ${formatDay(until)}`;
  return 'from any date';
}

interface Found {
  start: number;
  end: number;
  window: DateWindow;
  label: string;
}

/** A window from `from` to `to` (inclusive days), with its label. */
function span(from: Day | null, to: Day | null, label?: string): { window: DateWindow; label: string } {
  const window = { since: from && utcDay(from), until: to && utcDay(to) };
  return { window, label: label ?? describeWindow(window) };
}

const week = (d: Day) =>
  span(mondayOf(d), addDays(mondayOf(d), 6), `from the week of ${formatDay(utcDay(mondayOf(d)))}`);
const month = (y: number, m: number) => span(monthStart(y, m), monthEnd(y, m), `from ${MONTH_NAMES[m]} ${y}`);
const year = (y: number) => span(new Date(Date.UTC(y, 0, 1)), new Date(Date.UTC(y, 11, 31)), `from ${y}`);
const day = (d: Day) => span(d, d, `from ${formatDay(utcDay(d))}`);

/** The most recent Saturday and Sunday not after today (today itself on a weekend). */
function lastWeekend(today: Day): { window: DateWindow; label: string } {
  const back = (today.getUTCDay() + 1) % 7; // days since Saturday
  const saturday = addDays(today, -back);
  return span(saturday, addDays(saturday, 1), `from the weekend of ${formatDay(utcDay(saturday))}`);
}

/** Words before a time expression that bound it on one side or are part of it ("since March", "in June"). */
const LEADING =
  /\b(between|since|from|after|before|until|till|through|in|on|during|over|at|of|by|earlier|later|early|late|mid|throughout|within|for|across)[\s-]+$/i;
/**
 * "the" or "this" right before an expression the parser reads without it ("in the last week",
 * "this past week"): part of the time words, so neither it nor the word before it is left in
 * the searched words ("what happened in the" is no question).
 */
const ARTICLE_BEFORE = /\b(?:the|this)\s+$/i;
/** Expressions our own rules read, before chrono-node sees the rest. */
const OWN_RULES: {
  pattern: RegExp;
  read: (m: RegExpExecArray, today: Day) => { window: DateWindow; label: string };
}[] = [
  {
    pattern: /\b(?:(?:very |most |more |quite |only )?recently|lately|in recent (?:days|weeks)|of late)\b/gi,
    read: (_m, today) => span(addDays(today, 1 - RECENT_DAYS), today, `from the last ${RECENT_DAYS} days`),
  },
  {
    pattern: /\b(?:(?:over|during|at|on) )?(?:the |this |last |this past |the past )?weekend\b/gi,
    read: (_m, today) => lastWeekend(today),
  },
  {
    // a bare year is a time only after a preposition: "in 2022", "since 2019", not "the 2022 World Cup"
    pattern: /\b(in|during|since|throughout|before|until|after) ((?:19|20)\d\d)\b(?![-/]\d)/gi,
    read: (m, today) => {
      const y = Number(m[2]);
      const whole = year(y);
      const word = m[1]!.toLowerCase();
      if (word === 'since') return span(new Date(Date.UTC(y, 0, 1)), today);
      if (word === 'after') return span(new Date(Date.UTC(y + 1, 0, 1)), today);
      if (word === 'before') return span(null, new Date(Date.UTC(y - 1, 11, 31)));
      if (word === 'until') return span(null, new Date(Date.UTC(y, 11, 31)));
      return whole;
    },
  },
];

/** Words that may be a time and nothing else may start a question's time expression: a cheap gate before the parser. */
const MAYBE_TIME =
  /\b(?:today|tonight|yesterday|week|weeks|weekend|month|months|year|years|days?|ago|recently|lately|recent|since|(?:19|20)\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

/** Words chrono-node reads as dates that are more often something else: "the Sun", "a march". */
const AMBIGUOUS =
  /^(?:march|may|sun|sat|mon|tue|tues|wed|thu|thur|thurs|fri|now|this morning|this afternoon|this evening)$/i;

/** A word joined to a number by a hyphen: a name ("Covid-19", "G-20", "Boeing 737-800"), never a date. */
const NAME_WITH_NUMBER = /\p{L}[\p{L}\p{N}]*-\d[\p{L}\p{N}-]*/gu;

/** A unit of time a relative expression names ("this week", "past 3 months"). */
function unitOf(text: string): 'day' | 'week' | 'month' | 'year' | null {
  const m = /\b(day|week|month|year)s?\b/i.exec(text);
  return m ? (m[1]!.toLowerCase() as 'day' | 'week' | 'month' | 'year') : null;
}

/** Whether a chrono-node result is a time in this question, not a name or a score ("the Sun", "9/11", "Saturday Night Live"). */
function isTimeHere(result: chrono.ParsedResult, text: string): boolean {
  const matched = result.text;
  if (AMBIGUOUS.test(matched) && !LEADING.test(text.slice(0, result.index))) return false;
  if (/^\d{1,2}[/.-]\d{1,2}$/.test(matched)) return false;
  // followed by a capitalised word, a weekday or month is part of a name ("May Day"); a full date is not
  const partOfName = /^\s+\p{Lu}/u.test(text.slice(result.index + matched.length));
  return !partOfName || result.start.isCertain('day');
}

/** The days that one side of a chrono-node result names (`matched` is the expression's text). */
function readComponents(
  start: chrono.ParsedComponents,
  matched: string,
  today: Day,
): { window: DateWindow; label: string } | null {
  const unit = unitOf(matched);
  // chrono-node reads "this week" as the Sunday it starts on in the US; any "this <unit>" is the one of today
  const at = unit && /^this\b/i.test(matched) ? today : dayOf(start.date());
  const rolling =
    /^(?:the )?(?:past|last)\s+(?:\d+|a few|few|couple|several|two|three|four|five|six|seven|eight|nine|ten)\b|^(?:the )?past\s+(?:day|week|month|year)\b/i.test(
      matched,
    );
  if (unit && rolling) return span(at, today);
  if (unit === 'week') return week(at);
  if (unit === 'month') return month(at.getUTCFullYear(), at.getUTCMonth());
  if (unit === 'year') return year(at.getUTCFullYear());
  if (unit === 'day') return day(at);
  const y = start.isCertain('year') ? start.get('year')! : null;
  const m = start.isCertain('month') ? start.get('month')! - 1 : null;
  if (start.isCertain('day') && m !== null) {
    let d = new Date(Date.UTC(y ?? today.getUTCFullYear(), m, start.get('day')!));
    if (y === null && d > today) d = new Date(Date.UTC(today.getUTCFullYear() - 1, m, start.get('day')!));
    return day(d);
  }
  if (start.isCertain('day')) return day(at); // today, yesterday, "2 days ago"
  if (start.isCertain('weekday')) {
    // the most recent such weekday, today included: "on Monday" asked on a Thursday is three days ago
    const back = (today.getUTCDay() - start.get('weekday')! + 7) % 7;
    return day(addDays(today, -(/^last\b/i.test(matched) && back === 0 ? 7 : back)));
  }
  if (m !== null) {
    let yy = y ?? today.getUTCFullYear();
    if (y === null && monthStart(yy, m) > today) yy -= 1;
    return month(yy, m);
  }
  if (y !== null) return year(y);
  return null;
}

/** Applies a leading "since"/"before"/… to a window: since March is from 1 March to today. */
function bound(
  leading: string | undefined,
  found: { window: DateWindow; label: string },
  today: Day,
): { window: DateWindow; label: string } {
  const since = toDay(found.window.since);
  const until = toDay(found.window.until);
  switch (leading?.toLowerCase()) {
    case 'since':
    case 'from':
      return span(since, today, since ? `since ${formatDay(utcDay(since))}` : undefined);
    case 'after': {
      const from = until && addDays(until, 1);
      return span(from, today, from ? `since ${formatDay(utcDay(from))}` : undefined);
    }
    case 'before':
      return span(null, since && addDays(since, -1));
    case 'until':
    case 'till':
    case 'by':
      return span(null, until);
    default:
      return found;
  }
}

/**
 * Reads the time words of a question relative to `now`: the window of days they name (the first
 * expression that names one; "from March to May" is one) and the question without them.
 */
export function readTimeWords(question: string, now: Date): TimeWords {
  if (!MAYBE_TIME.test(question)) return { query: question, window: null, label: null };
  const today = dayOf(now);
  const found: Found[] = [];
  let rest = question;
  const blank = (start: number, end: number) => {
    rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  };
  for (const rule of OWN_RULES) {
    for (const m of rest.matchAll(rule.pattern)) {
      found.push({ start: m.index, end: m.index + m[0].length, ...rule.read(m as RegExpExecArray, today) });
      blank(m.index, m.index + m[0].length);
    }
  }
  // names with a number ("Covid-19", "G-20", "F-35") are no dates: hidden from the parser, places kept
  const parsed = rest.replace(NAME_WITH_NUMBER, (m) => ' '.repeat(m.length));
  for (const result of chrono.parse(parsed, { instant: now, timezone: 'UTC' })) {
    if (!isTimeHere(result, rest)) continue;
    const read = readComponents(result.start, result.text, today);
    if (!read) continue;
    const before = rest.slice(0, result.index);
    const article = ARTICLE_BEFORE.exec(before);
    const leading = LEADING.exec(article ? before.slice(0, article.index) : before);
    let window = bound(leading?.[1], read, today);
    // "from March to May": from the start of the first to the end of the second
    const last = result.end && readComponents(result.end, result.text, today);
    if (last) window = span(toDay(read.window.since), toDay(last.window.until));
    found.push({
      start: leading ? leading.index : article ? article.index : result.index,
      end: result.index + result.text.length,
      ...window,
    });
  }
  if (!found.length) return { query: question, window: null, label: null };
  found.sort((a, b) => a.start - b.start);
  // "between June and August", "from May to July" read as two expressions: one range
  const [first, second] = found as [Found, Found | undefined];
  if (
    second &&
    /^(?:between|from)\b/i.test(question.slice(first.start)) &&
    /^\s*(?:and|to|through|until|till|-|–)\s*$/.test(question.slice(first.end, second.start))
  ) {
    Object.assign(first, span(toDay(first.window.since), toDay(second.window.until)), { end: second.end });
    found.splice(1, 1);
  }
  let query = question;
  for (const f of [...found].reverse()) query = query.slice(0, f.start) + query.slice(f.end);
  query = query
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([?.!,;:])/g, '$1')
    .trim()
    // a question that opened with its time words ("In the last week, who won?") starts at its words
    .replace(/^[,;:]\s*/, '');
  const named = found[0]!;
  return { query, window: named.window, label: named.label };
}

/**
 * The moment a command line names with `--now`: a day (YYYY-MM-DD, its start in UTC) or a full
 * ISO 8601 time; `none` (or nothing) is null: the clock at each request.
 */
export function parseMoment(value: string): { now: Date | null } | { error: string } {
  const v = value.trim();
  if (v === '' || v.toLowerCase() === 'none') return { now: null };
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && utcDay(d) === v) return { now: d };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(v)) {
    const d = new Date(v);
    if (
      !Number.isNaN(d.getTime()) &&
      new Date(`${v.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(v.slice(0, 10))
    )
      return { now: d };
  }
  return {
    error: `--now must be a day (YYYY-MM-DD), an ISO time (2022-09-02T15:04:05Z) or none, got "${v.slice(0, 40)}"`,
  };
}
