// What kind of answer a question asks for, and which sentences hold that kind of token. A passage
// that has the query's words AND a token of the asked-for kind (a figure for "how much", a date for
// "when", a name for "who") is more likely to be the one that answers.

export type AnswerType = 'quantity' | 'time' | 'person' | 'place' | 'name';

const NOUN_PHRASE = String.raw`(?:[\w-]+\s+){0,2}`;

/** Asking patterns, tried in order on the asking sentence (lowercase): the first that matches wins. */
const PATTERNS: [AnswerType, RegExp][] = [
  [
    'quantity',
    new RegExp(
      String.raw`\bhow (?:much|many|long|far|old|big|large|high|tall|fast|often)\b|\bwhat (?:${NOUN_PHRASE})?(?:percentage|percent|share|proportion|amount|number|price|figure|sum|rate|age|total|cost)\b|\bwhich (?:${NOUN_PHRASE})?(?:figure|amount|number|sum|price|percentage|milestone)\b`,
    ),
  ],
  ['time', /\bwhen\b|\bhow soon\b|\b(?:what|which) (?:year|day|month|date|time|season|week)\b/],
  [
    'person',
    /\bwho(?:m|se)?\b|\b(?:which|what) (?:[\w-]+\s+){0,2}(?:person|people|man|woman|official|member|politician|leader|president|senator|lawmaker|governor|celebrity|actor|actress|singer|rapper|musician|player|athlete|star|ceo|executive|billionaire|judge|justice|head of state|candidate|journalist|author)\b|\b(?:his|her|their) name\b/,
  ],
  [
    'place',
    /\bwhere\b|\b(?:which|what) (?:[\w-]+\s+){0,2}(?:country|countries|city|cities|state|states|continent|area|region|nation|island|park|county|town|province|territory|place|location|capital|border)\b/,
  ],
  [
    'name',
    /\b(?:is|was|are|were) (?:it|they|this|the \w+(?: \w+)?) (?:called|named|known as)\b|\bwhat (?:is|was) the name\b|\b(?:which|what) (?:[\w-]+\s+){0,2}(?:company|companies|firm|brand|movie|film|show|series|group|team|book|song|album|product|app|organization|agency|party|event|holiday|mission|virus|variant|disease|storm|hurricane|bill|law|ship|rocket|spacecraft|telescope|game)\b/,
  ],
];

/** The kind of answer a question asks for, read from its last (asking) sentence; null for none. */
export function answerTypeOf(query: string): AnswerType | null {
  const sentences = query.split(/(?<=[.!?])\s+/).filter((s) => /\p{L}/u.test(s));
  const asking = (sentences.at(-1) ?? '').toLowerCase().replace(/’/g, "'");
  for (const [type, pattern] of PATTERNS) if (pattern.test(asking)) return type;
  return null;
}

const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec';
const WEEKDAYS = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
/** Months and weekdays, capitalised ("may" is no month). */
const CALENDAR = new RegExp(String.raw`\b(?:${MONTHS}|${WEEKDAYS})\b`, 'g');
const TIME_PHRASE =
  /\b(?:next|last|this|later this|early next|by next) (?:week|weekend|month|year|spring|summer|fall|autumn|winter)\b|\b(?:tomorrow|tonight|yesterday|(?:19|20)\d\d)\b|\bin (?:a|two|three|\d+) (?:days|weeks|months|years)\b/gi;
const CALENDAR_WORD = new RegExp(`^(?:${MONTHS}|${WEEKDAYS})$`);
/** An amount: digits, currency and percent signs, number words; not "millions of" or "dozens", which are no figure. */
const FIGURE =
  /[$€£¥%]|\b(?:\d[\d,.]*\d|\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred|thousand|million|billion|trillion|percent|half)\b/gi;
/** A capitalised word that is not the first of its sentence: a name (of a person, place or thing). */
const NAME = /(?<=\S\s+["“‘'(]?)\p{Lu}[\p{L}\p{N}'’.-]*/gu;

/** The answer-bearing tokens of a sentence, lowercase: words of names, figures, dates. */
export interface AnswerTokens {
  /** Capitalised words not at the start of the sentence (not months or weekdays). */
  names: string[];
  /** Numbers, currency and percent signs, number words. */
  figures: string[];
  /** Months, weekdays, years and phrases like "next week". */
  times: string[];
}

const lower = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => m[0].toLowerCase());

export function answerTokens(text: string): AnswerTokens {
  const names: string[] = [];
  for (const m of text.matchAll(NAME)) {
    const word = m[0].replace(/['’.-]+$/, '').replace(/['’]s$/, '');
    if (word.length > 1 && !CALENDAR_WORD.test(word) && word !== 'CNN') names.push(word.toLowerCase());
  }
  return {
    names,
    figures: lower(text.matchAll(FIGURE)),
    times: [...lower(text.matchAll(CALENDAR)), ...lower(text.matchAll(TIME_PHRASE))],
  };
}

/** The words and signs of a question, lowercase, to tell tokens it already has from new ones. */
export function knownWords(query: string): Set<string> {
  const out = new Set<string>();
  for (const m of query.matchAll(/[\p{L}\p{N}]+(?:[,.]\d+)*|[$€£¥%]/gu))
    out.add(m[0].toLowerCase().replace(/['’]s$/, ''));
  return out;
}

/**
 * True when the sentence has a token of the asked-for kind that the question does not already
 * have: a name the question gives is no answer to "who", its own figure none to "how much".
 */
export function answersType(tokens: AnswerTokens, type: AnswerType, known: ReadonlySet<string>): boolean {
  const isNew = (token: string) => token.split(/\s+/).some((w) => !known.has(w));
  switch (type) {
    case 'quantity':
      return tokens.figures.some(isNew);
    case 'time':
      return tokens.times.some(isNew);
    default:
      return tokens.names.some(isNew);
  }
}
