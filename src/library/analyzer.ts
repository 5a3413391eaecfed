import { stemmer } from 'stemmer';

// One analyzer for the index, the query, passages and highlighting, so that what is bolded in a
// passage is exactly what matched.

/** English function words: they match everything and so tell nothing. */
export const STOP_WORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more
most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same
shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those through to too under
until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which
while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself
yourselves also just s t will`.split(/\s+/),
);

/** Words: letters and digits, keeping inner apostrophes, dots of acronyms and hyphens out. */
export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

/**
 * An article's words as the index keeps them: tokenize's, then each word written with hyphens
 * joined (compoundsIn), so that a question's "antivirus" finds "anti-virus". A question is read
 * with tokenize alone: its "first-ever" is its words "first" and "ever", not a third, rare word
 * "firstever" that would outweigh them (that took 3 of 98 retrieval questions off rank 1).
 */
export function documentTokens(text: string): string[] {
  const words = tokenize(text);
  for (const compound of compoundsIn(text)) words.push(joinedCompound(compound.word));
  return words;
}

/** A word written with hyphens, where it stands in its text. */
export interface CompoundSpan {
  start: number;
  end: number;
  word: string;
}

/**
 * The words written with hyphens between letters in `text`, in order: "anti-virus", "e-mail",
 * "co-operate". News spells the same word with the hyphen and without ("antivirus", "email": the
 * BBC corpus has "anti-virus" 55 times and "antivirus" never, "e-mail(s)" 192 times and "email"
 * 9), and a reader may type either. Such a word is its parts (the WORD matches, so "virus" still
 * finds "anti-virus") and also its parts joined (documentTokens, so "antivirus" finds it too).
 * Letters only, a whole word: "2004-2005", "F-16" or "X-ray-9" are not words written two ways.
 *
 * Looked for from each hyphen back to the start of its word (a pass of one pattern over the whole
 * text doubled tokenize's time, BBC corpus, 28 -> 54 ms; hyphens are few). Linear in the text: a
 * word starts only where no letter, digit or hyphen is before it, so each run of letters and
 * hyphens is tried once, from its start.
 */
export function compoundsIn(text: string): CompoundSpan[] {
  const out: CompoundSpan[] = [];
  for (let hyphen = text.indexOf('-'); hyphen >= 0; ) {
    let start = hyphen;
    while (start > 0 && LETTER.test(text[start - 1]!)) start--;
    COMPOUND_AT.lastIndex = start;
    const m = start < hyphen && !WORD_OR_HYPHEN.test(text[start - 1] ?? ' ') ? COMPOUND_AT.exec(text) : null;
    if (m) out.push({ start, end: start + m[0].length, word: m[0] });
    hyphen = text.indexOf('-', m ? start + m[0].length : hyphen + 1);
  }
  return out;
}

const LETTER = /\p{L}/u;
const WORD_OR_HYPHEN = /[\p{L}\p{N}-]/u;
/** A compound from a word's start (compoundsIn checks what is before it): letters joined by single hyphens, ending the word. */
const COMPOUND_AT = /\p{L}+(?:-\p{L}+)+(?![\p{L}\p{N}]|-[\p{L}\p{N}])/uy;

/** A compound's parts joined: "anti-virus" -> "antivirus". */
export function joinedCompound(compound: string): string {
  return compound.replaceAll('-', '');
}

/** lowercase, straight apostrophe, no diacritics: "Macron’s" -> "macron's", "Zürich" -> "zurich". */
export function foldWord(word: string): string {
  return word.toLowerCase().replace(/’/g, "'").normalize('NFKD').replace(/\p{M}/gu, '');
}

/**
 * Words repeat: a cache of word -> term makes indexing and passage scoring several times faster.
 * Bounded, so a stream of unique tokens (numbers, typos) cannot grow it without limit.
 */
const termCache = new Map<string, string | null>();
const TERM_CACHE_MAX = 200_000;

/** The index term for a word, or null for a stop word: folded, possessive dropped, stemmed. */
export function termOf(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  const term = computeTerm(word);
  if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
  termCache.set(word, term);
  return term;
}

/** termOf without the cache: for the many spellings a typo lookup tries, which would only fill it. */
export function computeTerm(word: string): string | null {
  const folded = foldWord(word);
  if (STOP_WORDS.has(folded)) return null;
  const bare = folded.replace(/'s$/, '').replace(/'/g, '');
  if (!bare || STOP_WORDS.has(bare)) return null;
  // digits are kept as they are: "2022" must not become "2022" stemmed, and stems of numbers mean nothing
  if (/^\d+$/.test(bare)) return bare;
  return stemmer(IRREGULAR_FORMS.get(bare) ?? bare);
}

/**
 * Irregular verb forms news is full of, to their base form: the stemmer leaves "said" and "say"
 * apart, so "What did Lavrov say?" would miss "Lavrov said".
 */
const IRREGULAR_FORMS = new Map(
  Object.entries({
    say: 'said says',
    tell: 'told',
    speak: 'spoke spoken',
    write: 'wrote written',
    think: 'thought',
    go: 'went gone',
    make: 'made',
    take: 'took taken',
    give: 'gave given',
    come: 'came',
    find: 'found',
    know: 'knew known',
    leave: 'left',
    meet: 'met',
    pay: 'paid',
    sell: 'sold',
    buy: 'bought',
    win: 'won',
    lose: 'lost',
    hold: 'held',
    bring: 'brought',
    begin: 'began begun',
    choose: 'chose chosen',
    fall: 'fell fallen',
    rise: 'rose risen',
    grow: 'grew grown',
    lead: 'led',
    run: 'ran',
    see: 'saw seen',
    become: 'became',
    keep: 'kept',
    feel: 'felt',
    fight: 'fought',
    seek: 'sought',
    teach: 'taught',
    catch: 'caught',
    build: 'built',
    send: 'sent',
    spend: 'spent',
    shoot: 'shot',
    strike: 'struck',
    steal: 'stole stolen',
    break: 'broke broken',
    drive: 'drove driven',
    fly: 'flew flown',
    sing: 'sang sung',
    swim: 'swam swum',
    drink: 'drank drunk',
    eat: 'ate eaten',
    forget: 'forgot forgotten',
    freeze: 'froze frozen',
    hide: 'hid hidden',
    ride: 'rode ridden',
    shake: 'shook shaken',
    wake: 'woke woken',
    wear: 'wore worn',
    throw: 'threw thrown',
    draw: 'drew drawn',
    withdraw: 'withdrew withdrawn',
  }).flatMap(([base, forms]) => forms.split(' ').map((form) => [form, base] as const)),
);

/** Distinct index terms of a text, in first-seen order. */
export function termsOf(text: string): string[] {
  const out = new Set<string>();
  for (const word of tokenize(text)) {
    const term = termOf(word);
    if (term) out.add(term);
  }
  return [...out];
}
