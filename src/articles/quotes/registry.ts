// The name registry: every capitalised name run an article mentions, with its role and kind
// (person, organisation, place), in text order, and the indexes the resolvers read.
import {
  HONORIFICS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  ORGANISATION_WORDS,
  PLACE_PREPOSITIONS,
  ROLE_WORDS,
} from './lexicon.js';
import type { QuoteSpan } from './spans.js';
import { ACRONYM_MAX_CHARS, ACRONYM_MIN_CHARS, MAX_ROLE_WORDS } from './tuning.js';
import {
  type ArticleText,
  isNameWord,
  isPossessive,
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
}

export interface Registry {
  mentions: Mention[];
  /** Lowercase last token -> mentions with at least two tokens ending in it. */
  fullNamesByLast: Map<string, Mention[]>;
  /** Lowercase first token -> multi-token person mentions starting with it. */
  fullNamesByFirst: Map<string, Mention[]>;
  /** Lowercase name -> first role the article gives it. */
  roleByName: Map<string, string>;
  /** Words capitalised only at the start of a sentence and lowercase elsewhere: not names ("Guns"). */
  sentenceCapitals: ReadonlySet<string>;
}

function looksLikeOrganisation(tokens: readonly string[]): boolean {
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
  return { role, name: run.slice(lastRole + 1) };
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
  for (let p = 0; p < text.paragraphs.length; p++) {
    const words = paragraphWords(text, p);
    const ranges = quotedRanges.get(p) ?? [];
    let range = 0;
    let sentenceHasName = false;
    sentence++;
    let i = 0;
    while (i < words.length) {
      const w = words[i];
      if (!w) break;
      if (w.text === '.' || w.text === '!' || w.text === '?') {
        sentence++;
        sentenceHasName = false;
        i++;
        continue;
      }
      if (!isNameWord(w)) {
        i++;
        continue;
      }
      // A capitalised run, with name particles and "of" inside it ("Minister of State").
      let j = i;
      const run: Word[] = [];
      while (j < words.length) {
        const x = words[j];
        if (!x) break;
        if (isNameWord(x)) {
          run.push(x);
          j++;
          if (isPossessive(x.text)) break;
          continue;
        }
        const nextWord = words[j + 1];
        if (
          (NAME_PARTICLES.has(x.lower) || x.lower === 'of') &&
          nextWord &&
          isNameWord(nextWord) &&
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
      while (k < run.length && NOT_NAME_WORDS.has(stripPossessive(run[k]?.lower ?? ''))) {
        keepThe = run[k]?.lower === 'the';
        k++;
      }
      const trimmed = run.slice(k);
      if (!trimmed.length) continue;
      const { role, name } = splitRole(trimmed);
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
      let kind: EntityKind = isOrg ? 'organisation' : 'person';
      if (!isOrg && role.length === 0 && before && PLACE_PREPOSITIONS.has(before.lower)) kind = 'place';
      const leadingRole = role.length ? [] : roleWordsBefore(words, firstIndex);
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
      });
      sentenceHasName = true;
    }
  }
  const fullNamesByLast = new Map<string, Mention[]>();
  const fullNamesByFirst = new Map<string, Mention[]>();
  const roleByName = new Map<string, string>();
  for (const m of mentions) {
    if (m.role && !roleByName.has(m.name.toLowerCase())) roleByName.set(m.name.toLowerCase(), m.role);
    if (m.tokens.length < 2 || m.kind === 'place') continue;
    const last = (m.tokens[m.tokens.length - 1] ?? '').toLowerCase();
    const list = fullNamesByLast.get(last) ?? [];
    list.push(m);
    fullNamesByLast.set(last, list);
    if (m.kind === 'person') {
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
  };
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
