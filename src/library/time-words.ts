// Time words in a question ("this week", "in June", "since March", "recently") read as a window of
// days, relative to the moment of asking.
//
// chrono-node finds and reads the expressions (it knows "last week", "Sept. 12, 2001", "2 weeks
// ago", "on Monday" and many more, in any capitalisation); it returns instants, so turning one
// into a range of days is ours: the unit the words name (a day, a week, a month, a year) around
// the instant, or from it to now. Days are UTC days; weeks run Monday to Sunday (ISO 8601).
// News is asked about the past, so a month or weekday without a year means the most recent one
// not after now ("in June" asked in March 2023 is June 2022). A range's two ends are read
// together: the end is the first such date not before the start ("between November and February"
// asked in July 2022 is November 2021 to February 2022; asked in January 2023, November 2022 to
// February 2023), so a range that contains now is read around now ("between June and August" asked
// on 1 July is this summer's).

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
  /** The parser's date this was read from, for a range's end to be placed after it ("between June and August"). */
  side?: Side | undefined;
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

/** An ordinal's ending after a day's number: "1st", "22nd". */
const ORDINAL = '(?:st|nd|rd|th)?';
/** Words or dashes joining the two ends of a range: "June to August", "1-5 May". */
const CONNECTORS = 'and|to|through|thru|until|till|-|–|—';
/** A month's name or its abbreviation, as a group of alternatives (longest first). */
const MONTH_WORDS =
  'january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec';

/** The month (0-11) a month word names. */
const monthOfWord = (word: string): number =>
  MONTHS.findIndex((m) => word.toLowerCase().startsWith(m.toLowerCase()));

/**
 * Whether a lead word and a connector make a range: "and" only after "between" ("1 and 5 May"
 * alone is a list of days), "to", "until" or a dash after any lead or none.
 */
function joins(lead: string | undefined, connector: string): boolean {
  return connector.toLowerCase() !== 'and' || lead?.toLowerCase() === 'between';
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
/** Expressions our own rules read, before chrono-node sees the rest (null: not a time here, left to the parser). */
const OWN_RULES: {
  pattern: RegExp;
  read: (m: RegExpExecArray, today: Day) => { window: DateWindow; label: string } | null;
}[] = [
  {
    // days of one month that the parser misses or misreads ("between 1 and 5 May" is 5 May to it,
    // "from 1 to 5 May" hours): the month, and the year when given, belong to both days
    pattern: new RegExp(
      `\\b(?:(between|from)\\s+)?(\\d{1,2})${ORDINAL}\\s*(${CONNECTORS})\\s*(\\d{1,2})${ORDINAL}\\s+(?:of\\s+)?(${MONTH_WORDS})\\.?(?:,?\\s+((?:19|20)\\d\\d)\\b)?`,
      'gi',
    ),
    read: (m, today) => daysOfMonth(m[1], m[3]!, m[2]!, m[4]!, m[5]!, m[6], today),
  },
  {
    // "May 1-5", "between May 1 and 5": the second day is of the first's month
    pattern: new RegExp(
      `\\b(?:(between|from)\\s+)?(${MONTH_WORDS})\\.?\\s+(\\d{1,2})${ORDINAL}\\s*(${CONNECTORS})\\s*(\\d{1,2})${ORDINAL}\\b(?!\\s*(?:[:.]\\d|am\\b|pm\\b|%|percent\\b))(?:,?\\s+((?:19|20)\\d\\d)\\b)?`,
      'gi',
    ),
    read: (m, today) => daysOfMonth(m[1], m[4]!, m[3]!, m[5]!, m[2]!, m[6], today),
  },
  {
    // "between 2019 and 2021", "from 2019 to 2021": the whole years, first to last
    pattern: new RegExp(
      `\\b(between|from)\\s+((?:19|20)\\d\\d)\\s*(${CONNECTORS})\\s*((?:19|20)\\d\\d)\\b(?![-/]\\d)`,
      'gi',
    ),
    read: (m) => {
      if (!joins(m[1], m[3]!)) return null;
      const [a, b] = [Number(m[2]), Number(m[4])].sort((x, y) => x - y) as [number, number];
      return span(new Date(Date.UTC(a, 0, 1)), new Date(Date.UTC(b, 11, 31)));
    },
  },
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

/**
 * One end of a time expression as read: the parts its words give for certain (month 0-11, weekday
 * 0 = Sunday), the instant the parser made of it, and its words ("last week", "5 May").
 */
interface Side {
  year: number | null;
  month: number | null;
  day: number | null;
  weekday: number | null;
  date: Day;
  text: string;
}

function sideOf(components: chrono.ParsedComponents, text: string): Side {
  const certain = (c: chrono.Component) => (components.isCertain(c) ? components.get(c) : null);
  const month = certain('month');
  return {
    year: certain('year'),
    month: month === null ? null : month - 1,
    day: certain('day'),
    weekday: certain('weekday'),
    date: dayOf(components.date()),
    text,
  };
}

/**
 * Where a date without its year (or week) goes: the most recent one not after a day (a date alone
 * or a range's start: not after today), or the first one not before a day (a range's end: not
 * before its start).
 */
type Placement = { notAfter: Day } | { notBefore: Day };

/** The year of a yearly date (a day of a month, a month) placed as `place` says; `first`/`last` are its first and last days in a year. */
function placeYear(first: (y: number) => Day, last: (y: number) => Day, place: Placement): number {
  if ('notAfter' in place) {
    const y = place.notAfter.getUTCFullYear();
    return first(y) > place.notAfter ? y - 1 : y;
  }
  const y = place.notBefore.getUTCFullYear();
  return last(y) < place.notBefore ? y + 1 : y;
}

/** A read side: its days, and whether they were placed (no year or week given) rather than named. */
type Read = { window: DateWindow; label: string; placed: boolean };
const named = (r: { window: DateWindow; label: string }): Read => ({ ...r, placed: false });
const placed = (r: { window: DateWindow; label: string }): Read => ({ ...r, placed: true });

/** The days one side of a time expression names, a date without its year placed as `place` says. */
function readSide(side: Side, today: Day, place: Placement = { notAfter: today }): Read | null {
  const { text: matched } = side;
  const unit = unitOf(matched);
  // chrono-node reads "this week" as the Sunday it starts on in the US; any "this <unit>" is the one of today
  const at = unit && /^this\b/i.test(matched) ? today : side.date;
  const rolling =
    /^(?:the )?(?:past|last)\s+(?:\d+|a few|few|couple|several|two|three|four|five|six|seven|eight|nine|ten)\b|^(?:the )?past\s+(?:day|week|month|year)\b/i.test(
      matched,
    );
  if (unit && rolling) return named(span(at, today));
  if (unit === 'week') return named(week(at));
  if (unit === 'month') return named(month(at.getUTCFullYear(), at.getUTCMonth()));
  if (unit === 'year') return named(year(at.getUTCFullYear()));
  if (unit === 'day') return named(day(at));
  const { year: y, month: m, day: d } = side;
  if (d !== null && m !== null) {
    if (y !== null) return named(day(new Date(Date.UTC(y, m, d))));
    const on = (yy: number) => new Date(Date.UTC(yy, m, d));
    return placed(day(on(placeYear(on, on, place))));
  }
  if (d !== null) return named(day(at)); // today, yesterday, "2 days ago"
  if (side.weekday !== null) {
    if ('notBefore' in place) {
      // the first such weekday on or after the day: a range's end
      return placed(day(addDays(place.notBefore, (side.weekday - place.notBefore.getUTCDay() + 7) % 7)));
    }
    // the most recent such weekday, that day included: "on Monday" asked on a Thursday is three days ago
    const back = (place.notAfter.getUTCDay() - side.weekday + 7) % 7;
    return placed(day(addDays(place.notAfter, -(/^last\b/i.test(matched) && back === 0 ? 7 : back))));
  }
  if (m !== null) {
    if (y !== null) return named(month(y, m));
    const yy = placeYear(
      (c) => monthStart(c, m),
      (c) => monthEnd(c, m),
      place,
    );
    return placed(month(yy, m));
  }
  if (y !== null) return named(year(y));
  return null;
}

/**
 * The days from one side to another, read together: a side without its year (or week) is placed by
 * the other. The end goes to the first such date not before the start, the start to the most recent
 * one not after today, or not after the end when the end names its own ("from March to May 2021" is
 * March 2021). Ends given the wrong way round cover the same days.
 */
function range(first: Side, second: Side, today: Day): { window: DateWindow; label: string } | null {
  const alone = readSide(second, today);
  if (!alone) return null;
  const fromEnd = !alone.placed && alone.window.until ? toDay(alone.window.until) : null;
  const from = readSide(first, today, fromEnd ? { notAfter: fromEnd } : { notAfter: today });
  if (!from?.window.since) return null;
  const to = alone.placed ? readSide(second, today, { notBefore: toDay(from.window.since)! }) : alone;
  if (!to?.window.until || !to.window.since) return null;
  const days = [
    from.window.since,
    from.window.until ?? from.window.since,
    to.window.since,
    to.window.until,
  ].sort();
  return span(toDay(days[0]!), toDay(days[3]!));
}

/** A range of days of one month ("between 1 and 5 May", "May 1-5, 2021"), or null when it is none. */
function daysOfMonth(
  lead: string | undefined,
  connector: string,
  firstDay: string,
  lastDay: string,
  monthWord: string,
  yearText: string | undefined,
  today: Day,
): { window: DateWindow; label: string } | null {
  const m = monthOfWord(monthWord);
  const [a, b] = [Number(firstDay), Number(lastDay)];
  if (!joins(lead, connector) || m < 0 || a < 1 || a >= b || b > monthEnd(2000, m).getUTCDate()) return null;
  const y = yearText ? Number(yearText) : null;
  const side = (d: number): Side => ({ year: y, month: m, day: d, weekday: null, date: today, text: '' });
  const days = range(side(a), side(b), today);
  // 29 February placed in a year without it would run into March: no such days, no window
  const inMonth = (day: string | null) => day !== null && toDay(day)!.getUTCMonth() === m;
  return days && inMonth(days.window.since) && inMonth(days.window.until) ? days : null;
}

/** A connector between two ends inside a parsed range's words: a word, or else its only dash. */
const WORD_CONNECTOR = /\s+(?:to|through|thru|until|till|and)\s+/i;
const DASH_CONNECTOR = /\s*[-\u2013\u2014]\s*/g;
/** Lead words the parser may take into a range's words ("from 3 May to 10 May"). */
const RANGE_LEAD = /^(?:from|between)\s+/i;
/** A bare day number, the end of a range whose month the other end names ("1-5 May"). */
const BARE_DAY = new RegExp(`^(\\d{1,2})${ORDINAL}$`, 'i');

/**
 * The two sides of a range the parser read as one ("June to August", "from 3 May to 10 May"), each
 * parsed alone: the parser reads a range's ends relative to now, each on its own, and sometimes
 * misreads one ("from 3" as 3 o'clock). Null when the words do not split into two dates; 'no days'
 * when a bare day runs backwards within its month ("won 2-1 May" is a score).
 */
function rangeSides(text: string, now: Date): [Side, Side] | 'no days' | null {
  const words = text.replace(RANGE_LEAD, '');
  let at = WORD_CONNECTOR.exec(words);
  if (!at) {
    const dashes = [...words.matchAll(DASH_CONNECTOR)];
    at = dashes.length === 1 ? dashes[0]! : null;
  }
  if (!at) return null;
  const texts = [words.slice(0, at.index).trim(), words.slice(at.index + at[0].length).trim()] as const;
  const parseAlone = (t: string): Side | null => {
    const [r] = chrono.parse(t, { instant: now, timezone: 'UTC' });
    return r && r.index === 0 && r.text.length === t.length ? sideOf(r.start, t) : null;
  };
  const sides = texts.map(parseAlone);
  // a bare day takes the month and year of the other side: "1-5 May", "May 1-5"
  for (const [i, other] of [
    [0, 1],
    [1, 0],
  ] as const) {
    const bare = BARE_DAY.exec(texts[i]);
    const known = sides[other];
    if (!sides[i] && bare && known?.month != null && known.day !== null) {
      const [first, last] = i === 0 ? [Number(bare[1]), known.day] : [known.day, Number(bare[1])];
      if (first >= last) return 'no days';
      sides[i] = { ...known, day: Number(bare[1]), text: texts[i] };
    }
  }
  return sides[0] && sides[1] ? [sides[0], sides[1]] : null;
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
      const read = rule.read(m as RegExpExecArray, today);
      if (!read) continue;
      found.push({ start: m.index, end: m.index + m[0].length, ...read });
      blank(m.index, m.index + m[0].length);
    }
  }
  // names with a number ("Covid-19", "G-20", "F-35") are no dates: hidden from the parser, places kept
  const parsed = rest.replace(NAME_WITH_NUMBER, (m) => ' '.repeat(m.length));
  for (const result of chrono.parse(parsed, { instant: now, timezone: 'UTC' })) {
    if (!isTimeHere(result, rest)) continue;
    const side = sideOf(result.start, result.text);
    const before = rest.slice(0, result.index);
    const article = ARTICLE_BEFORE.exec(before);
    const leading = LEADING.exec(article ? before.slice(0, article.index) : before);
    let window: { window: DateWindow; label: string } | null;
    if (result.end) {
      // "from March to May": from the start of the first to the end of the second, read together
      const sides = rangeSides(result.text, now) ?? [side, sideOf(result.end, result.text)];
      window = sides === 'no days' ? null : range(sides[0], sides[1], today);
    } else {
      const read = readSide(side, today);
      window = read && bound(leading?.[1], read, today);
    }
    if (!window) continue;
    found.push({
      start: leading ? leading.index : article ? article.index : result.index,
      end: result.index + result.text.length,
      ...window,
      side: result.end ? undefined : side,
    });
  }
  if (!found.length) return { query: question, window: null, label: null };
  found.sort((a, b) => a.start - b.start);
  // "between June and August", "from May to July" read as two expressions: one range
  const [first, second] = found as [Found, Found | undefined];
  if (
    second &&
    /^(?:between|from)\b/i.test(question.slice(first.start)) &&
    new RegExp(`^\\s*(?:${CONNECTORS})\\s*$`, 'i').test(question.slice(first.end, second.start))
  ) {
    // read together when both are the parser's dates; our own rules' windows name their years
    const joined =
      first.side && second.side
        ? range(first.side, second.side, today)
        : span(toDay(first.window.since), toDay(second.window.until));
    if (joined) {
      Object.assign(first, joined, { end: second.end });
      found.splice(1, 1);
    }
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
