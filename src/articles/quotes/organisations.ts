// Organisations' names as a reader puts them together (issue 22): a short form the text defines
// in brackets ("Human Rights Watch (HRW)", "the Department of Forestry and Fire Protection (Cal
// Fire)"), the initials of "Department of Justice" for "the Justice Department" (DOJ), and a body's
// name read whole across its "of"/"for" ("the National Center for Complementary and Integrative
// Health", "the US Court of Appeals for the District of Columbia Circuit").
import { HONORIFICS, ORGANISATION_HEAD_NOUNS, PERSON_ROLE_HEADS } from './lexicon.js';
import { DESCRIPTION_REACH_MENTIONS } from './tuning.js';
import { type ArticleText, isNameWord, paragraphWords, stripPossessive, type Word } from './words.js';

/**
 * What these rules read of a name the article mentions: registry.ts's Mention has these fields
 * (and more). Declared here so that this module needs nothing from the registry, which uses it.
 */
export interface NameMention {
  name: string;
  tokens: string[];
  kind: string;
  para: number;
  start: number;
  quoted: boolean;
}

/**
 * Words in a short form written in brackets after a name: "(HRW)", "(Cal Fire)", "(the JCS)" is
 * not one. Longer bracketed text is a note ("(a unit of the Justice Department)"), not a name.
 */
export const MAX_SHORT_FORM_WORDS = 3;

/** An acronym in brackets has at least this many letters: "(R)" and "(D)" are parties, not names. */
export const MIN_ACRONYM_LETTERS = 2;

/**
 * Heads of a body's name that English also writes after what the body is for: "the Justice
 * Department" is the "Department of Justice", whose initials (DOJ) the text may use alone.
 */
const INVERTIBLE_HEADS: ReadonlySet<string> = new Set(['department', 'ministry']);

/** Links inside a body's name that may be followed by "the": "Court of Appeals for the District". */
const BODY_NAME_LINKS: ReadonlySet<string> = new Set(['of', 'for']);

/**
 * Short forms the article defines right after a name, in brackets: "Human Rights Watch (HRW)"
 * makes "HRW" stand for Human Rights Watch wherever the article writes it, before or after. The
 * bracketed words must abbreviate the name (abbreviates), so "Ann Roe (R)" or "Dale Holdings
 * (Nasdaq)" define nothing. Key: the short form as written; the first definition keeps it.
 */
export function shortFormsOf<M extends NameMention>(
  text: ArticleText,
  mentions: readonly M[],
): Map<string, M> {
  const out = new Map<string, M>();
  eachMentionAtWord(text, mentions, (m, words, w) => {
    if (m.tokens.length < 2 || m.quoted) return;
    const after = w + m.tokens.length;
    if ((words[w] as Word | undefined)?.start !== m.start || words[after]?.text !== '(') return;
    const short = bracketed(words, after + 1);
    if (!short || !abbreviates(short, m.tokens)) return;
    const key = short.join(' ');
    if (!out.has(key)) out.set(key, m);
  });
  return out;
}

/**
 * Calls `visit` for each mention in text order with its paragraph's words, `w` (the index of the
 * first of those words that does not start before the mention: its first word when it starts at
 * one) and the mention after it. The walk shortFormsOf, locatedBodiesOf and describedBodiesOf
 * share: one pass over the words and the mentions together, linear in both.
 */
function eachMentionAtWord<M extends NameMention>(
  text: ArticleText,
  mentions: readonly M[],
  visit: (m: M, words: readonly Word[], w: number, next: M | undefined) => void,
): void {
  let at = 0;
  for (let p = 0; p < text.paragraphs.length; p++) {
    const words = paragraphWords(text, p);
    let w = 0;
    for (; at < mentions.length && (mentions[at] as M).para === p; at++) {
      const m = mentions[at] as M;
      while (w < words.length && (words[w] as Word).start < m.start) w++;
      visit(m, words, w, mentions[at + 1]);
    }
  }
}

/** The capitalised words in brackets from word `from` to the closing bracket, else null. */
function bracketed(words: readonly Word[], from: number): string[] | null {
  const out: string[] = [];
  for (let k = from; k < words.length && out.length <= MAX_SHORT_FORM_WORDS; k++) {
    const w = words[k] as Word;
    if (w.text === ')') return out.length ? out : null;
    if (w.punct || !isNameWord(w)) return null;
    out.push(stripPossessive(w.text));
  }
  return null;
}

/**
 * The bracketed words stand for the name: an acronym of its initials in order ("HRW", "JCS",
 * "USGS" for "US Geological Survey": a word in capitals gives all its letters, small words may be
 * skipped), a word of the name with others ("Cal Fire"), or the start of its first word ("Fed").
 */
export function abbreviates(short: readonly string[], tokens: readonly string[]): boolean {
  const lower = tokens.map((t) => t.toLowerCase());
  if (short.length > 1) return short.some((s) => lower.includes(s.toLowerCase()));
  const s = short[0] ?? '';
  if (/^\p{Lu}+$/u.test(s) && s.length >= MIN_ACRONYM_LETTERS) {
    const initials = tokens.map((t) => (/^\p{Lu}{2,}$/u.test(t) ? t : (t[0] ?? '')).toUpperCase());
    return isSubsequence(s, initials.join('')) && s[0] === initials[0]?.[0];
  }
  return (
    s.length >= MIN_ACRONYM_LETTERS + 1 &&
    (lower[0] ?? '').startsWith(s.toLowerCase()) &&
    lower[0] !== s.toLowerCase()
  );
}

function isSubsequence(needle: string, hay: string): boolean {
  let k = 0;
  for (const c of hay) if (c === needle[k]) k++;
  return k === needle.length;
}

/**
 * "Justice Department" -> DOJ and DJ, "Homeland Security Department" -> DOHS and DHS: the
 * initials of the name written the other way round, "Department of …". Empty for other names.
 */
export function invertedInitials(tokens: readonly string[]): string[] {
  const head = tokens[tokens.length - 1]?.toLowerCase() ?? '';
  const what = tokens.slice(0, -1);
  if (!INVERTIBLE_HEADS.has(head) || !what.length || !what.every((t) => /^\p{Lu}\p{Ll}/u.test(t))) return [];
  const h = head[0]?.toUpperCase() ?? '';
  const rest = what.map((t) => t[0] ?? '').join('');
  return [`${h}O${rest}`, `${h}${rest}`];
}

/**
 * "for the" or "of the" inside a body's name ("Court of Appeals for the District of Columbia
 * Circuit", "Department of the Treasury"): the link at `k` continues the name when the run so far
 * holds a body's head noun, "the" follows, and a name word after it.
 */
export function continuesBodyName(run: readonly Word[], words: readonly Word[], k: number): boolean {
  const link = words[k];
  const the = words[k + 1];
  const next = words[k + 2];
  if (!link || !the || !next || !BODY_NAME_LINKS.has(link.lower) || the.text !== 'the') return false;
  return isNameWord(next) && run.some((w) => ORGANISATION_HEAD_NOUNS.has(w.lower));
}

/**
 * A run that is one body's name from its first word: a head noun and its link ("Center for",
 * "Court of") with no title of a person after them ("University of Texas President Ann Roe" is a
 * person). "National" or "American" before such a name is then part of it, not a role.
 */
export function isBodyNameRun(run: readonly Word[]): boolean {
  const head = run.findIndex(
    (w, i) => ORGANISATION_HEAD_NOUNS.has(w.lower) && BODY_NAME_LINKS.has(run[i + 1]?.lower ?? ''),
  );
  if (head < 0) return false;
  return run.every((w) => !HONORIFICS.has(w.lower) && !PERSON_ROLE_HEADS.has(stripPossessive(w.lower)));
}

/**
 * Lowercase nouns that make a place's name a public body's ("the Dale health department", "the
 * Dale office", "Dale police", "the Rocket Cargo program"). Not "administration", "government" or "campaign": "the Roe
 * administration" is a person's, resolved through the person (names.ts).
 */
export const BODY_KIND_NOUNS: ReadonlySet<string> = new Set(
  'office department ministry agency police bureau authority council commission service program'.split(' '),
);

/** The noun for a body's local branch: "the Dale office" of a body named with "Dale". */
const LOCAL_OFFICE = 'office';

/** An organisation written "X in Y" ("the Weather Service in Dale"): a body's office in a place. */
export interface LocatedBody<M extends NameMention = NameMention> {
  body: M;
  place: M;
}

/**
 * The organisations the article places with "in" ("the National Weather Service in Dale"): the
 * body's local office, which "the Dale office" names later. A body and the name right after its
 * "in", in the same paragraph.
 */
export function locatedBodiesOf<M extends NameMention>(
  text: ArticleText,
  mentions: readonly M[],
): LocatedBody<M>[] {
  const out: LocatedBody<M>[] = [];
  eachMentionAtWord(text, mentions, (m, words, w, next) => {
    if (m.kind !== 'organisation' || m.tokens.length < 2 || !next || next.para !== m.para) return;
    const after = w + m.tokens.length;
    if (words[after]?.lower === 'in' && words[after + 1]?.start === next.start)
      out.push({ body: m, place: next });
  });
  return out;
}

/**
 * "the Dale health department", "the Dale office", "a Dale police statement": a body named by a
 * place and lowercase words of its kind. Returns the body the article named: one whose name holds
 * those words ("Dale Police Department", even inside a quotation), else the body it placed there
 * ("the Weather Service in Dale" -> "Weather Service in Dale"), else the phrase itself as the name
 * ("Dale health department"). Null when the phrase is not of that shape.
 */
export function bodyByPlaceAndKind<M extends NameMention>(
  phrase: readonly Word[],
  mentions: readonly M[],
  located: readonly LocatedBody<M>[],
  before: (m: M) => boolean,
  isDocument: (w: string) => boolean,
  isDeterminer: (w: string) => boolean,
): string | null {
  let words = phrase.filter((w) => !w.punct);
  while (words.length && isDeterminer(words[0]?.lower ?? '')) words = words.slice(1);
  if (words.length && isDocument(words[words.length - 1]?.lower ?? '')) words = words.slice(0, -1);
  const capitals = words.findIndex((w) => !isNameWord(w));
  if (capitals <= 0) return null;
  const names = words.slice(0, capitals);
  const kind = words.slice(capitals);
  const head = kind[kind.length - 1];
  if (!head || !BODY_KIND_NOUNS.has(head.lower) || kind.some((w) => isNameWord(w))) return null;
  if (names.some((w) => /['’]s?$/.test(w.text))) return null;
  // "the Dale weather office" is the office of the "Dale Weather Service": "office" need not be
  // in the body's name, every other word must
  const wanted = [...names, ...kind].map((w) => w.lower).filter((t) => t !== LOCAL_OFFICE);
  let named: M | undefined;
  for (const m of mentions) {
    if (m.kind === 'place' || m.tokens.length <= names.length) continue;
    const lower = m.tokens.map((t) => t.toLowerCase());
    if (!wanted.every((t) => lower.includes(t))) continue;
    if (!named || before(m)) named = m;
    else break;
  }
  if (named) return named.name;
  const placeName = names.map((w) => w.text).join(' ');
  let placed: LocatedBody<M> | undefined;
  for (const l of located) if (l.place.name === placeName && before(l.body)) placed = l;
  if (placed) return `${placed.body.name} in ${placed.place.name}`;
  return [...names, ...kind].map((w) => w.text).join(' ');
}

/**
 * Paragraphs after an indefinite description ("a federal appeals court ruled Friday") in which the
 * body it stands for may be named: a news lead names it in the next paragraphs ("The ruling by
 * the US Court of Appeals …"), not much later.
 */
export const CATAPHORA_REACH_PARAGRAPHS = 3;

/** Head nouns of a description of a body: "the ratings agency", "a federal appeals court". */
const KIND_HEADS: ReadonlySet<string> = new Set([
  ...ORGANISATION_HEAD_NOUNS,
  ...BODY_KIND_NOUNS,
  'company',
  'firm',
  'group',
]);

/**
 * "the ratings agency", "a federal appeals court", "the health department": a description of a
 * body whose lowercase words name it. The body is the named one (not a place) with one of the
 * modifiers among its words ("Fitch Ratings", "US Court of Appeals …") and either the head noun
 * too or the modifier as its last word and no word of another kind of body ("the state agency" is not the State Department): the
 * nearest before (within DESCRIPTION_REACH_MENTIONS mentions), else for "a …" the first in the
 * next CATAPHORA_REACH_PARAGRAPHS. Null for a
 * description with no modifier ("the company": the article's main organisation, pronouns.ts).
 */
export function bodyByKindWords(
  phrase: readonly Word[],
  mentions: readonly NameMention[],
  para: number,
  last: number,
  isOrganisationWord: (w: string) => boolean,
): string | null {
  const words = phrase.filter((w) => !w.punct);
  const article = words[0]?.lower ?? '';
  const indefinite = article === 'a' || article === 'an';
  if (!indefinite && article !== 'the') return null;
  const head = words[words.length - 1]?.lower ?? '';
  const modifiers = words.slice(1, -1).map((w) => w.lower);
  if (!KIND_HEADS.has(head) || !modifiers.length || words.slice(1).some((w) => isNameWord(w))) return null;
  const fits = (m: NameMention): boolean => {
    if (m.kind === 'place' || m.quoted) return false;
    const lower = m.tokens.map((t) => stripPossessive(t).toLowerCase());
    if (!modifiers.some((x) => lower.includes(x))) return false;
    // "Fitch Ratings" for "the ratings agency": the modifier heads the name ("Space Force" is no
    // space agency, "Hurricane Ian" no hurricane center)
    if (lower.includes(head)) return true;
    const last = lower[lower.length - 1] ?? '';
    return modifiers.includes(last) && !lower.some((t) => isOrganisationWord(t) || KIND_HEADS.has(t));
  };
  // `last`: the index of the last mention before the description
  for (let k = last; k >= 0 && last - k < DESCRIPTION_REACH_MENTIONS; k--) {
    const m = mentions[k] as NameMention;
    if (fits(m)) return m.name;
  }
  if (!indefinite) return null;
  for (let k = last + 1; k < mentions.length; k++) {
    const m = mentions[k] as NameMention;
    if (m.para - para > CATAPHORA_REACH_PARAGRAPHS) break;
    if (fits(m)) return m.name;
  }
  return null;
}

/** Last words of a country's name: "United States", "United Kingdom", "Czech Republic". */
const COUNTRY_HEADS: ReadonlySet<string> = new Set(['states', 'kingdom', 'emirates', 'republic']);

/**
 * A name that is a country's, not a body's ("the United States", "US" for it, "the UK"): the main
 * organisation of an article is never one ("the company said" is not the United States). Known by
 * the last word of its name, or by the article writing the same name as a place ("in Russia").
 */
export function isCountry(
  m: NameMention,
  byInitials: ReadonlyMap<string, NameMention>,
  places: ReadonlySet<string>,
): boolean {
  if (places.has(m.name.toLowerCase())) return true;
  const full = m.tokens.length === 1 ? (byInitials.get(m.tokens[0] ?? '') ?? m) : m;
  const last = full.tokens[full.tokens.length - 1]?.toLowerCase() ?? '';
  return (
    full.tokens.length >= 2 && COUNTRY_HEADS.has(last) && !full.tokens.some((t) => t.toLowerCase() === 'of')
  );
}

/** Lowercase words from a name to the body noun after it: "Russia's foreign ministry" has one. */
export const MAX_DESCRIBED_KIND_WORDS = 3;

/**
 * A body the article names by a name and lowercase words ending in a body noun: "Russia's foreign
 * ministry", "the Rocket Cargo program", "the Hawaii health department". "The ministry" and "the
 * program's website" later stand for it.
 */
export interface DescribedBody<M extends NameMention = NameMention> {
  owner: M;
  /** Written with the owner as possessor ("Russia's foreign ministry"). */
  possessive: boolean;
  /** The lowercase words, the body noun last ("foreign", "ministry"). */
  words: string[];
}

/**
 * The described bodies, in text order. The words after the name must describe, not act: no
 * speech verb or past form ("Roe told police", "Roe contacted police" describe no body).
 */
export function describedBodiesOf<M extends NameMention>(
  text: ArticleText,
  mentions: readonly M[],
  notKindWord: (w: string) => boolean,
): DescribedBody<M>[] {
  const out: DescribedBody<M>[] = [];
  eachMentionAtWord(text, mentions, (m, words, w) => {
    if (m.quoted) return;
    if ((words[w] as Word | undefined)?.start !== m.start) return;
    const after = w + m.tokens.length;
    const kind: string[] = [];
    for (let k = after; k < words.length && kind.length < MAX_DESCRIBED_KIND_WORDS; k++) {
      const x = words[k] as Word;
      if (x.punct || x.capitalised || notKindWord(x.lower) || /(ed|ing)$/.test(x.lower)) break;
      kind.push(x.lower);
      if (BODY_KIND_NOUNS.has(x.lower)) {
        out.push({ owner: m, possessive: /['’]s?$/.test(words[after - 1]?.text ?? ''), words: kind });
        break;
      }
    }
  });
  return out;
}

/**
 * "the ministry", "the foreign ministry", "the program's website" (words after "the"): the
 * described body with that noun (and those modifiers) the text wrote last before the position.
 * Null when the words are not of that shape or no described body fits.
 */
export function describedBodyFor<M extends NameMention>(
  words: readonly Word[],
  bodies: readonly DescribedBody<M>[],
  isBefore: (m: M) => boolean,
): DescribedBody<M> | null {
  if (!words.length || words.some((w) => w.punct || w.capitalised)) return null;
  const first = words[0] as Word;
  let head: string;
  let modifiers: string[];
  if (words.length === 2 && /['’]s$/.test(first.text) && BODY_KIND_NOUNS.has(stripPossessive(first.lower))) {
    // "the program's website": the body's own document or page
    head = stripPossessive(first.lower);
    modifiers = [];
  } else {
    head = words[words.length - 1]?.lower ?? '';
    modifiers = words.slice(0, -1).map((w) => w.lower);
    if (!BODY_KIND_NOUNS.has(head)) return null;
  }
  let found: DescribedBody<M> | null = null;
  for (const b of bodies) {
    if (!isBefore(b.owner)) break;
    if (b.words[b.words.length - 1] === head && modifiers.every((x) => b.words.includes(x))) found = b;
  }
  return found;
}
