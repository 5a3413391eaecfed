// The name registry: every capitalised name run an article mentions, with its role and kind
// (person, organisation, place), in text order, and the indexes the resolvers read.
import {
  ADVERBS_BEFORE_VERB,
  CREDIT_WORDS,
  GENDERED_WORDS,
  HONORIFICS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  ORGANISATION_HEAD_NOUNS,
  ORGANISATION_LINKS,
  ORGANISATION_WORDS,
  PERSON_NOUNS,
  PERSON_ROLE_HEADS,
  PLACE_PREPOSITIONS,
  PRONOUN_GENDERS,
  PROXY_HEADS,
  ROLE_WORDS,
  SPEECH_VERBS,
} from './lexicon.js';
import {
  continuesBodyName,
  type DescribedBody,
  describedBodiesOf,
  invertedInitials,
  isBodyNameRun,
  type LocatedBody,
  locatedBodiesOf,
  shortFormsOf,
} from './organisations.js';
import type { QuoteSpan } from './spans.js';
import {
  ACRONYM_MAX_CHARS,
  ACRONYM_MIN_CHARS,
  ISSUER_WORDS_AFTER,
  ISSUER_WORDS_BEFORE,
  MAX_AFFILIATION_WORDS,
  MAX_ROLE_WORDS,
} from './tuning.js';
import {
  type ArticleText,
  isNameWord,
  isPossessive,
  isSentenceEnd,
  paragraphAt,
  paragraphWords,
  sentenceStartCapitals,
  stripPossessive,
  type Word,
} from './words.js';

export type EntityKind = 'person' | 'organisation' | 'place';

/** One mention of a name in the article. */
export interface Mention {
  /** The name as written, without role or honorific ("Sergey Lavrov", "Lavrov", "The New York Post"). */
  name: string;
  tokens: string[];
  role: string | null;
  kind: EntityKind;
  para: number;
  start: number;
  /** Inside a quotation: not an antecedent for a pronoun outside it. */
  quoted: boolean;
  /** First name-bearing mention in its sentence: the likely subject. */
  sentenceFirst: boolean;
  sentence: number;
  /** The clause: a sentence, or a part of one that a semicolon divides ("Ann wore red; Ida wore blue"). */
  clause: number;
  /** The gender the name's own words give ("Mr.", "spokeswoman"), else null. */
  gender: Gender | null;
  /** Written as a possessor ("Rinke's campaign"): the sentence is about what it owns. */
  possessive: boolean;
  /** Names joined by "&" ("Harry & Meghan", "Procter & Gamble"): no one's full name. */
  pair: boolean;
  /** The first word of its sentence: a capital there may only mark the sentence's start ("Rather"). */
  opensSentence: boolean;
  /** Lowercase words around it in its clause ("Roe said in a statement", "a report by Roe"). */
  near: readonly string[];
}

export type Gender = 'male' | 'female';

/** Gendered pronouns outside quotations in one sentence. */
export interface PronounCounts {
  male: number;
  female: number;
}

/** A gendered pronoun outside quotations: where it stands and whether it opens its sentence. */
export interface PronounUse {
  gender: Gender;
  start: number;
  opensSentence: boolean;
}

export interface Registry {
  mentions: Mention[];
  /** Lowercase last token -> mentions with at least two tokens ending in it. */
  fullNamesByLast: Map<string, Mention[]>;
  /** Lowercase first token -> multi-token person and organisation mentions starting with it. */
  fullNamesByFirst: Map<string, Mention[]>;
  /** Lowercase name -> first role the article gives it. */
  roleByName: Map<string, string>;
  /** Words capitalised only at the start of a sentence and lowercase elsewhere: not names ("Guns"). */
  sentenceCapitals: ReadonlySet<string>;
  /** Sentence number -> the gendered pronouns it uses outside quotations, in order. */
  pronounsBySentence: Map<number, PronounUse[]>;
  /** Lowercase tokens of names written somewhere other than a sentence's first word. */
  namesInside: ReadonlySet<string>;
  /** Lowercase names that are the subject of a speech verb somewhere ("Zuckerberg said"). */
  speakers: ReadonlySet<string>;
  /** Initials of organisations' names ("IFS" for "Institute for Fiscal Studies") -> the name. */
  byInitials: Map<string, Mention>;
  /** Short forms the article defines in brackets ("Cal Fire", "HRW"), as written -> the name. */
  shortForms: Map<string, Mention>;
  /** Organisations written "X in Y" ("the Weather Service in Dale"), in text order. */
  locatedBodies: LocatedBody<Mention>[];
  /** Bodies named by a name and lowercase kind words ("Russia's foreign ministry"), in text order. */
  describedBodies: DescribedBody<Mention>[];
  /** Paragraph -> where each of its clauses starts and the clause's number (Mention.clause), in order. */
  clauseStarts: Map<number, Array<[number, number]>>;
}

export function looksLikeOrganisation(tokens: readonly string[]): boolean {
  for (const t of tokens) {
    const bare = stripPossessive(t);
    if (ORGANISATION_WORDS.has(bare.toLowerCase())) return true;
    if (
      bare.length >= ACRONYM_MIN_CHARS &&
      bare.length <= ACRONYM_MAX_CHARS &&
      /^[\p{Lu}.&]+$/u.test(bare) &&
      !NAME_SUFFIXES.has(bare.toLowerCase())
    )
      return true;
  }
  return false;
}

/**
 * Splits a capitalised run ("Russian Foreign Minister Sergey Lavrov") into its role words and
 * the name itself; honorifics (Mr., Dr.) are dropped from both.
 */
export function splitRole(run: readonly Word[]): { role: Word[]; name: Word[] } {
  // "Justice Department", "Federal Aviation Administration": an organisation's words are its name.
  const head = run[run.length - 1];
  if (run.length >= 2 && head && ORGANISATION_WORDS.has(stripPossessive(head.lower)))
    return { role: [], name: run.filter((w) => !HONORIFICS.has(w.lower)) };
  let lastRole = -1;
  for (let i = 0; i < run.length - 1; i++) {
    const w = run[i];
    if (!w) continue;
    if (
      ROLE_WORDS.has(w.lower) ||
      HONORIFICS.has(w.lower) ||
      (w.lower === 'of' && i > 0 && lastRole === i - 1)
    )
      lastRole = i;
  }
  // Known weakness: in "Minister of International Relations Selma X" only words in ROLE_WORDS
  // ("relations", "international") are recognised as role, so unusual portfolio names stay in
  // the name.
  const role = run.slice(0, lastRole + 1).filter((w) => !HONORIFICS.has(w.lower));
  const name = run.slice(lastRole + 1);
  // "National Center for Complementary and Integrative Health": what looked like a role is the
  // first word of a body's name, as is "Fire" in "Department of Forestry and Fire Protection" (one
  // word left is no person's full name); not "the City University of New York Lisa Davis"
  if (
    role.length &&
    isBodyNameRun(run) &&
    (name.length === 1 || looksLikeOrganisation(name.map((w) => w.text)))
  )
    return { role: [], name: [...run] };
  return { role, name };
}

function roleWordsBefore(words: readonly Word[], index: number): Word[] {
  const out: Word[] = [];
  for (let i = index - 1; i >= 0 && out.length < MAX_ROLE_WORDS; i--) {
    const w = words[i];
    if (!w || w.punct || !ROLE_WORDS.has(w.lower)) break;
    out.unshift(w);
  }
  return out;
}

/** Every capitalised name run in the article, as person, organisation or place, with its role. */
export function buildRegistry(text: ArticleText, spans: readonly QuoteSpan[]): Registry {
  const mentions: Mention[] = [];
  const quotedRanges = new Map<number, Array<[number, number]>>();
  for (const s of spans) {
    for (let p = s.startPara; p <= s.endPara; p++) {
      const from = p === s.startPara ? s.open : 0;
      const to = p === s.endPara && s.close >= 0 ? s.close : Number.MAX_SAFE_INTEGER;
      const list = quotedRanges.get(p) ?? [];
      list.push([from, to]);
      quotedRanges.set(p, list);
    }
  }
  let sentence = 0;
  let clause = 0;
  const clauseStarts = new Map<number, Array<[number, number]>>();
  const pronounsBySentence = new Map<number, PronounUse[]>();
  const namesInside = new Set<string>();
  const speakers = new Set<string>();
  for (let p = 0; p < text.paragraphs.length; p++) {
    const words = paragraphWords(text, p);
    const paragraph = paragraphAt(text, p);
    const ranges = quotedRanges.get(p) ?? [];
    let range = 0;
    let sentenceHasName = false;
    sentence++;
    clause++;
    const starts: Array<[number, number]> = [[0, clause]];
    clauseStarts.set(p, starts);
    let i = 0;
    while (i < words.length) {
      const w = words[i];
      if (!w) break;
      if (w.text === '.' || w.text === '!' || w.text === '?') {
        sentence++;
        clause++;
        starts.push([w.end, clause]);
        sentenceHasName = false;
        i++;
        continue;
      }
      if (w.text === ';') {
        clause++;
        starts.push([w.end, clause]);
        i++;
        continue;
      }
      const gender = pronounGender(w.lower);
      if (gender && !isQuoted(ranges, w.start)) {
        const uses = pronounsBySentence.get(sentence) ?? [];
        uses.push({ gender, start: w.start, opensSentence: opensSentence(words, i) });
        pronounsBySentence.set(sentence, uses);
      }
      // A photo credit ("Elsa/Getty Images", "Courtesy Ann Roe") is no part of a name.
      if (!isNameWord(w) || CREDIT_WORDS.has(w.lower)) {
        i++;
        continue;
      }
      // A capitalised run, with name particles and "of" inside it ("Minister of State").
      let j = i;
      const run: Word[] = [];
      let pair = false;
      while (j < words.length) {
        const x = words[j];
        if (!x || CREDIT_WORDS.has(x.lower)) break;
        if (isNameWord(x)) {
          const previous = run[run.length - 1];
          if (previous && paragraph.slice(previous.end, x.start).includes('&')) pair = true;
          run.push(x);
          j++;
          if (isPossessive(x.text)) break;
          continue;
        }
        const nextWord = words[j + 1];
        // "Court of Appeals for the District of Columbia Circuit": "the" inside a body's name
        if (continuesBodyName(run, words, j)) {
          run.push(x, words[j + 1] as Word);
          j += 2;
          continue;
        }
        if (
          (NAME_PARTICLES.has(x.lower) ||
            x.lower === 'of' ||
            // "Institute for Fiscal Studies", "Department of Forestry and Fire Protection"
            linksOrganisationName(run, x)) &&
          nextWord &&
          isNameWord(nextWord) &&
          !NOT_NAME_WORDS.has(nextWord.lower) &&
          run.length > 0
        ) {
          run.push(x);
          j++;
          continue;
        }
        break;
      }
      const runStart = i;
      i = j;
      let k = 0;
      let keepThe = false;
      while (
        k < run.length &&
        NOT_NAME_WORDS.has(stripPossessive(run[k]?.lower ?? '')) &&
        !/^\p{Lu}{2,}$/u.test(run[k]?.text ?? '')
      ) {
        keepThe = run[k]?.lower === 'the';
        k++;
      }
      const trimmed = run.slice(k);
      if (!trimmed.length) continue;
      const split = splitRole(trimmed);
      const { name } = split;
      // "CEO of MGA Entertainment": a role "of" an organisation is its holder's, who is named elsewhere.
      const role =
        split.role[split.role.length - 1]?.lower === 'of' && looksLikeOrganisation(name.map((x) => x.text))
          ? []
          : split.role;
      const splitNameLength = name.length;
      while (
        name.length &&
        (name[name.length - 1]?.lower === 'of' || NAME_PARTICLES.has(name[name.length - 1]?.lower ?? ''))
      )
        name.pop();
      if (!name.length) continue;
      const first = name[0];
      if (!first) continue;
      const tokens = name.map((x) => stripPossessive(x.text));
      const isOrg = looksLikeOrganisation(tokens);
      const firstIndex = runStart + k + (trimmed.length - splitNameLength);
      const before = words[runStart + k - 1];
      const definite = keepThe || before?.lower === 'the';
      // "the Kentucky Republican", "the Estonian": a description of a person, not a name.
      if (definite && role.length === 0 && isPersonNoun(name[name.length - 1] as Word)) continue;
      let kind: EntityKind = isOrg ? 'organisation' : 'person';
      if (!isOrg && role.length === 0 && before && PLACE_PREPOSITIONS.has(before.lower)) kind = 'place';
      // "San Antonio, Texas": a name after a place and a comma is the place's state or country.
      else if (
        !isOrg &&
        before?.text === ',' &&
        previousKind(mentions, p, words, runStart + k - 2) === 'place'
      )
        kind = 'place';
      // "Harry & Meghan", "Procter & Gamble": two people or a firm, never one person.
      else if (kind === 'person' && pair) kind = 'organisation';
      // "the Phillies", "The Houston Astros": people are not named with an article.
      else if (kind === 'person' && definite && role.length === 0) kind = 'organisation';
      // "Astros pitcher Justin Verlander", "Disney board chair Ann Roe": a name before a role
      // and another name is the person's affiliation, not a person.
      else if (kind === 'person' && role.length === 0 && isAffiliation(words, j)) kind = 'organisation';
      // "former President Ann Roe": lowercase role words before a capitalised title are the role's too.
      const leadingRole = roleWordsBefore(words, role.length ? runStart + k : firstIndex).filter(
        (x) => !role.includes(x),
      );
      const roleWords = [...leadingRole, ...role];
      const roleText = roleWords.length ? roleWords.map((x) => x.text).join(' ') : null;
      const display = (keepThe && isOrg ? 'The ' : '') + tokens.join(' ');
      const start = first.start;
      // Ranges are in order and mentions come in order: one pointer, not a scan per mention.
      while (range < ranges.length && (ranges[range] as [number, number])[1] <= start) range++;
      const current = ranges[range];
      const quoted = !!current && start > current[0] && start < current[1];
      mentions.push({
        name: display,
        tokens,
        role: roleText,
        kind,
        para: p,
        start,
        quoted,
        sentenceFirst: !sentenceHasName,
        sentence,
        clause,
        gender: genderOfWord(before) ?? genderOfWords(roleWords) ?? genderOfWords(run, k),
        opensSentence: opensSentence(words, runStart + k),
        possessive: isPossessive(name[name.length - 1]?.text ?? ''),
        pair,
        near: clauseWordsAround(words, runStart, j),
      });
      if (speechVerbFollows(words, j)) speakers.add(display.toLowerCase());
      if (!opensSentence(words, runStart + k)) for (const t of tokens) namesInside.add(t.toLowerCase());
      sentenceHasName = true;
    }
  }
  const fullNamesByLast = new Map<string, Mention[]>();
  const fullNamesByFirst = new Map<string, Mention[]>();
  const roleByName = new Map<string, string>();
  for (const m of mentions) {
    if (m.role && !roleByName.has(m.name.toLowerCase())) roleByName.set(m.name.toLowerCase(), m.role);
    // "Meghan" is not "Harry & Meghan", nor "Harry" its first name
    if (m.tokens.length < 2 || m.kind === 'place' || m.pair) continue;
    const last = (m.tokens[m.tokens.length - 1] ?? '').toLowerCase();
    const list = fullNamesByLast.get(last) ?? [];
    list.push(m);
    fullNamesByLast.set(last, list);
    // "the Friends of Dale" is "Friends" for short, as "Ann Roe" is "Ann"; a body whose name
    // opens with a title ("King Solomon Church") is not "King"
    if (m.kind === 'person' || !ROLE_WORDS.has((m.tokens[0] ?? '').toLowerCase())) {
      const firstName = (m.tokens[0] ?? '').toLowerCase();
      const byFirst = fullNamesByFirst.get(firstName) ?? [];
      byFirst.push(m);
      fullNamesByFirst.set(firstName, byFirst);
    }
  }
  return {
    mentions,
    fullNamesByLast,
    fullNamesByFirst,
    roleByName,
    sentenceCapitals: sentenceStartCapitals(text),
    pronounsBySentence,
    namesInside,
    speakers,
    byInitials: initialsOf(mentions),
    shortForms: shortFormsOf(text, mentions),
    locatedBodies: locatedBodiesOf(text, mentions),
    describedBodies: describedBodiesOf(text, mentions, (w) => NOT_NAME_WORDS.has(w) || SPEECH_VERBS.has(w)),
    clauseStarts,
  };
}

/** The number of the clause (Mention.clause) that holds a position. */
export function clauseAt(registry: Registry, para: number, index: number): number {
  const starts = registry.clauseStarts.get(para) ?? [];
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as [number, number])[0] <= index) lo = mid + 1;
    else hi = mid;
  }
  return starts[lo - 1]?.[1] ?? -1;
}

/** The lowercase words of the clause around words [from, to): a few before, a few more after. */
function clauseWordsAround(words: readonly Word[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let k = from - 1; k >= 0 && from - k <= ISSUER_WORDS_BEFORE; k--) {
    const w = words[k] as Word;
    if (w.punct) break;
    out.push(w.lower);
  }
  for (let k = to; k < words.length && k - to < ISSUER_WORDS_AFTER; k++) {
    const w = words[k] as Word;
    if (w.punct) break;
    out.push(w.lower);
  }
  return out;
}

/** A speech verb right after word `j` (adverbs and auxiliaries between): "Zuckerberg also said". */
function speechVerbFollows(words: readonly Word[], j: number): boolean {
  let k = j;
  while (k < words.length && ADVERBS_BEFORE_VERB.has(words[k]?.lower ?? '')) k++;
  const w = words[k];
  return !!w && !w.punct && !w.capitalised && SPEECH_VERBS.has(w.lower);
}

/**
 * Each organisation's initials, with and without its small words: "Institute for Fiscal Studies"
 * is IFS, "Department of Justice" DOJ or DJ, "US Geological Survey" USGS. The first name to
 * claim a set of initials keeps it.
 */
function initialsOf(mentions: readonly Mention[]): Map<string, Mention> {
  const out = new Map<string, Mention>();
  for (const m of mentions) {
    // A person's initials ("AP" for Amy Pope) are no speaker's name; three or more letters of a
    // body the article did not mark as one ("Human Rights Watch" for HRW) are.
    if (m.tokens.length < (m.kind === 'organisation' ? 2 : 3) || m.kind === 'place') continue;
    const letter = (t: string) => (/^\p{Lu}{2,}$/u.test(t) ? t : (t[0] ?? '').toUpperCase());
    const all = m.tokens.map(letter).join('');
    const capitals = m.tokens
      .filter((t) => /^\p{Lu}/u.test(t))
      .map(letter)
      .join('');
    const least = m.kind === 'organisation' ? ACRONYM_MIN_CHARS : 3;
    // "Justice Department" is also the "Department of Justice" (DOJ)
    const inverted = m.kind === 'organisation' ? invertedInitials(m.tokens) : [];
    for (const key of [all, capitals, ...inverted]) if (key.length >= least && !out.has(key)) out.set(key, m);
  }
  return out;
}

/**
 * "for" after a body's head noun ("Institute for", "Center for"), "and" inside such a name
 * ("Department of Forestry and Fire Protection"); not "Twitter and Musk".
 */
function linksOrganisationName(run: readonly Word[], link: Word): boolean {
  if (!ORGANISATION_LINKS.has(link.lower)) return false;
  const head = run.findIndex((w) => ORGANISATION_HEAD_NOUNS.has(w.lower));
  if (head < 0) return false;
  if (link.lower === 'and') return run.slice(head + 1).some((w) => w.lower === 'of' || w.lower === 'for');
  return head === run.length - 1;
}

function isQuoted(ranges: ReadonlyArray<[number, number]>, index: number): boolean {
  return ranges.some(([from, to]) => index > from && index < to);
}

/** The word at `k` starts its sentence (after a full stop, an opening mark or nothing). */
function opensSentence(words: readonly Word[], k: number): boolean {
  const prev = words[k - 1];
  return !prev || isSentenceEnd(prev) || (prev.punct && prev.text !== ',');
}

/** The kind of the mention that ends at word `end` of paragraph `p`, if one does. */
function previousKind(
  mentions: readonly Mention[],
  p: number,
  words: readonly Word[],
  end: number,
): EntityKind | null {
  const last = mentions[mentions.length - 1];
  const w = words[end];
  if (!last || !w || last.para !== p || !isNameWord(w)) return null;
  return last.start <= w.start ? last.kind : null;
}

/** A person noun, lowercase or capitalised ("singer", "Republican", "Estonian", "champion"). */
export function isPersonNoun(w: Word, definite = true): boolean {
  const lower = stripPossessive(w.lower);
  // A nationality needs its article: "the Estonian" describes, "Dergarabedian" names.
  return (
    PERSON_ROLE_HEADS.has(lower) ||
    PERSON_NOUNS.has(lower) ||
    (definite && w.capitalised && DEMONYM.test(lower))
  );
}

/** "Estonian", "Salvadoran", "Congolese", "Spaniard": a person's nationality used as a noun. */
const DEMONYM = /(ian|ean|can|ese|ard|ish)$/;

/**
 * After a name run ending at word `j`: one to MAX_AFFILIATION_WORDS lowercase nouns of people
 * ("pitcher", "board chair", "spokesperson") and then a capitalised name in mid-sentence.
 */
function isAffiliation(words: readonly Word[], j: number): boolean {
  let k = j;
  while (k < words.length && k - j < MAX_AFFILIATION_WORDS) {
    const w = words[k] as Word;
    if (w.punct || w.capitalised) break;
    k++;
  }
  if (k === j) return false;
  const head = words[k - 1] as Word;
  const next = words[k];
  if (!next || next.punct || !isNameWord(next) || NOT_NAME_WORDS.has(next.lower)) return false;
  return isPersonNoun(head) || PROXY_HEADS.has(head.lower) || AGENT_NOUN.test(head.lower);
}

/** "pitcher", "striker", "owner", "investor", "economist": nouns for what a person does. */
const AGENT_NOUN = /\p{Ll}{3,}(er|or|ist)$/u;

/**
 * PRONOUN_GENDERS and GENDERED_WORDS as Maps, for the lookups made for every word of an article: an
 * object indexed by arbitrary words is a slow generic lookup (the pronoun test alone was a tenth of
 * parsing's CPU time), and it finds the object's inherited keys ("constructor").
 */
const PRONOUN_GENDER: ReadonlyMap<string, Gender> = new Map(Object.entries(PRONOUN_GENDERS));
const GENDERED_WORD: ReadonlyMap<string, Gender> = new Map(Object.entries(GENDERED_WORDS));
/** The first letters of the pronouns: a word that starts otherwise is not looked up at all. */
const PRONOUN_FIRST_LETTERS: ReadonlySet<number> = new Set(
  [...PRONOUN_GENDER.keys()].map((p) => p.charCodeAt(0)),
);

/** The gender a word gives as a pronoun ("she"), if it is one. */
function pronounGender(lower: string): Gender | undefined {
  return PRONOUN_FIRST_LETTERS.has(lower.charCodeAt(0)) ? PRONOUN_GENDER.get(lower) : undefined;
}

/** The gender the first gendered word of `words` (the first `count` of them) gives, else null. */
function genderOfWords(words: readonly Word[], count = words.length): Gender | null {
  for (let i = 0; i < count; i++) {
    const g = genderOfWord(words[i]);
    if (g) return g;
  }
  return null;
}

function genderOfWord(w: Word | undefined): Gender | null {
  return (w && GENDERED_WORD.get(stripPossessive(w.lower))) ?? null;
}

export function isBefore(m: Mention, para: number, index: number): boolean {
  return m.para < para || (m.para === para && m.start < index);
}

/** Index of the last mention before a position (-1: none); mentions are in text order. */
export function lastMentionBefore(registry: Registry, para: number, index: number): number {
  let lo = 0;
  let hi = registry.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(registry.mentions[mid] as Mention, para, index)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
