import {
  clauseSubject,
  isAttributionTag,
  isSpeechVerb,
  isSpeechVerbAt,
  sourcePhraseAfter,
} from '../clauses.js';
import {
  ADVERBS_BEFORE_VERB,
  CLAUSE_BREAKERS,
  CLAUSE_OPENERS,
  JOINT_ASIDE_OPENERS,
  NOT_NAME_WORDS,
  OBJECT_SPEECH_VERBS,
  PASSIVE_AUXILIARIES,
  ROLE_WORDS,
  SOURCE_INTRODUCER_WORDS,
  SPEAKER_PRONOUNS,
  WEAK_SPEECH_VERBS,
} from '../lexicon.js';
import { isDescription, type Registry, resolveSourcePhrase, type Speaker } from '../names.js';
import {
  MAX_ASIDE_WORDS,
  MAX_NAME_WORDS,
  MAX_SUBJECT_WORDS,
  MAX_WORDS_VERB_TO_QUOTE,
  WEAK_VERB_MAX_WORDS,
  WINDOW_CHARS,
} from '../tuning.js';
import {
  isDash,
  isNameWord,
  isPossessive,
  paragraphAt,
  sentenceStart,
  type Word,
  wordsIn,
} from '../words.js';
import type { ArticleContext, AttributionRule } from './rule.js';

/** `Lavrov said: "…"`, `according to Lavrov, "…"`, `Trump called it "…"`, `…, saying "…"`. */
export const verbBefore: AttributionRule = {
  name: 'verb-before',
  side: 'before',
  attribute: (q, a) => speechVerbBefore(a, q.span.startPara, q.span.open, q.floor),
};

/** Text before the opening mark: `Lavrov said: "`, `according to Lavrov, "`, `Trump called it "`. */
export function speechVerbBefore(
  a: ArticleContext,
  para: number,
  open: number,
  floor: number,
): Speaker | null {
  const { registry } = a;
  const paragraph = paragraphAt(a.text, para);
  const start = sentenceStart(paragraph, open, Math.max(floor, open - WINDOW_CHARS));
  const words = wordsIn(a.text, para, start, open);
  // An unnamed source ("a campaign aide said") is kept only if no named one is found further back.
  let unnamed: Speaker | null = null;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (!w || words.length - i > MAX_WORDS_VERB_TO_QUOTE) break;
    for (const parts of SOURCE_INTRODUCER_WORDS) {
      if (parts.every((p, k) => words[i + k]?.lower === p)) {
        const found = resolveSourcePhrase(sourcePhraseAfter(words, i + parts.length), registry, para, open);
        if (found?.name) return found;
        unnamed ??= found;
      }
    }
    if (!isSpeechVerbAt(words, i)) continue;
    if (WEAK_SPEECH_VERBS.has(w.lower) && words.length - i > WEAK_VERB_MAX_WORDS) continue;
    // "Roe was accused of…", "they were told": the subject of a passive is spoken to or about.
    if (
      OBJECT_SPEECH_VERBS.has(w.lower) &&
      /(ed|told)$/.test(w.lower) &&
      PASSIVE_AUXILIARIES.has(words[i - 1]?.lower ?? '')
    )
      continue;
    // Subject: the words before the verb back to a clause boundary.
    let s = i;
    while (s > 0 && ADVERBS_BEFORE_VERB.has(words[s - 1]?.lower ?? '')) s--;
    if (w.lower.endsWith('ing')) {
      const before = words[s - 1];
      // "footage of Hillary Clinton asking, “…”": the name right before a participle speaks.
      if (before && isNameWord(before) && !NOT_NAME_WORDS.has(before.lower)) {
        const found = resolveSourcePhrase(nameRunEndingAt(words, s - 1), registry, para, open);
        if (found?.name) return found;
      }
      // "Albright urged women to vote for Clinton, saying, “…”", "Blige sings to Clinton before
      // asking her, “…”": the main clause's subject speaks.
      if (before && (before.text === ',' || PARTICIPLE_JOINERS.has(before.lower))) {
        // "…, Roe said, adding, “…”": the attribution just before the comma speaks.
        const found =
          tagSourceBefore(words, s - 1, registry, para, open) ??
          clauseSubject(words.slice(0, s - 1), registry, para, open);
        if (found) return found;
        continue;
      }
    }
    if (isDash(words[s - 1])) {
      // "Ann Roe of Dale Holdings – a property company – told": an aside between dashes describes
      // the subject before it.
      let d = s - 2;
      while (d > 0 && !isDash(words[d]) && s - d < MAX_ASIDE_WORDS) d--;
      if (isDash(words[d])) s = d;
    }
    if (words[s - 1]?.text === ',') {
      // "Lewandowski, in a statement released on Thursday, said": skip the aside, unless the
      // aside is the name itself ("Trump's attorney, Alan Garten, said").
      let c = s - 2;
      while (c > 0 && words[c]?.text !== ',' && s - c < MAX_ASIDE_WORDS) c--;
      if (words[c]?.text === ',') {
        const aside = words.slice(c + 1, s - 1);
        // The aside is the name only after a description ("Trump's attorney, Alan Garten, said")
        // or when it is a whole name itself; "Sen. Ann Roe, R-Ohio, said", "Ann Roe, a baker
        // from Dale, South Carolina, said" and "Ann Roe, Kim's chief strategist, said" describe
        // the subject before it.
        if (
          aside[0] &&
          isNameWord(aside[0]) &&
          !NOT_NAME_WORDS.has(aside[0].lower) &&
          (describedBefore(words, c) || isFullName(aside))
        ) {
          const found = resolveSourcePhrase(aside, registry, para, open);
          if (found?.name) return found;
        }
        s = c;
      }
    }
    let b = subjectStart(words, s);
    // "Roe, along with Sens. Ann Dale and Bo Lind, said": the one they are joined to is the subject.
    while (JOINT_ASIDE_OPENERS.has(words[b]?.lower ?? '') && words[b - 1]?.text === ',' && b > 1) {
      s = b - 1;
      b = subjectStart(words, s);
    }
    const subject = words.slice(b, s);
    const joiner = words[b - 1]?.lower;
    if (subject.length === 0 && (joiner === 'and' || joiner === 'but') && b > 1) {
      // "Roberts said Friday that… but said “…”", "Scott beamed and asked …": a second verb
      // shares the subject of the first, so the speaker is the sentence's subject.
      const found = clauseSubject(words.slice(0, b - 1), registry, para, open);
      if (found) return found;
    }
    if (subject.length) {
      // "Ann Roe, CEO of Dale Holdings, the owner of …, said": after the last aside, the one
      // before it is the role of the name before that, not the speaker.
      if (isRoleOfBody(subject)) {
        const person = nameBeforeApposition(words, b, registry, para, open);
        if (person) return person;
      }
      const found = resolveSourcePhrase(subject, registry, para, open);
      // "Olek Varga, a spokesman for the league said": the proxy is in apposition to the person.
      if (found?.proxy) {
        const person = nameBeforeApposition(words, b, registry, para, open);
        if (person) return person;
      }
      if (found?.name) return found;
      // "Jean-Marc Ayrault, the foreign minister of France, …, said": the description is an
      // appositive; the name before it speaks.
      const named = nameBeforeApposition(words, b, registry, para, open);
      if (named) return named;
      unnamed ??= found;
      continue;
    }
    // "Said Trump: …" or "…, said Trump, ": a source right after the verb. Not the object of
    // "urged Biden", nor a clause ("said lifting Title 42").
    const after =
      OBJECT_SPEECH_VERBS.has(w.lower) || !startsSource(words[i + 1]) ? [] : sourcePhraseAfter(words, i + 1);
    if (after.length) {
      const found = resolveSourcePhrase(after, registry, para, open);
      if (found?.name) return found;
      unnamed ??= found;
    }
  }
  return unnamed;
}

/** Where the subject ending before word `s` starts: back to a clause boundary, at most MAX_SUBJECT_WORDS. */
function subjectStart(words: readonly Word[], s: number): number {
  let b = s;
  while (b > 0 && s - b < MAX_SUBJECT_WORDS) {
    const x = words[b - 1];
    if (!x || (x.punct && x.text !== '(' && x.text !== ')') || CLAUSE_BREAKERS.has(x.lower)) break;
    if (isSpeechVerb(x) && !isNameWord(x)) break;
    b--;
    // "…through what she calls “…”": a personal pronoun right before the verb is the subject.
    if (b === s - 1 && SPEAKER_PRONOUNS[x.lower] === 'person') break;
  }
  return b;
}

/** A source can start with this word ("said Roe", "said the minister", "said undecided voter Ann Roe"), not a clause ("said lifting the ban", "said that…"). */
function startsSource(w: Word | undefined): boolean {
  return !!w && (w.punct || w.capitalised || !(/ing$/.test(w.lower) || CLAUSE_BREAKERS.has(w.lower)));
}

/** `…, Roe said, adding`: the source of the bare attribution between the comma at `comma` and the one before it. */
function tagSourceBefore(
  words: readonly Word[],
  comma: number,
  registry: Registry,
  para: number,
  open: number,
): Speaker | null {
  if (words[comma]?.text !== ',') return null;
  let start = comma;
  while (start > 0 && !words[start - 1]?.punct) start--;
  const tag = words.slice(start, comma);
  if (start === 0 || !isAttributionTag(tag)) return null;
  const verb = tag.findIndex((_w, k) => isSpeechVerbAt(tag, k));
  const source = verb > 0 ? tag.slice(0, verb) : sourcePhraseAfter(tag, verb + 1);
  const found = resolveSourcePhrase(source, registry, para, open);
  return found?.name ? found : null;
}

/** Words after which a participle ("asking", "saying") belongs to the main clause's subject. */
const PARTICIPLE_JOINERS: ReadonlySet<string> = new Set([
  'before',
  'after',
  'while',
  'when',
  'by',
  'without',
]);

/** The words before the comma at `c` are a description ("Trump's attorney"), so the name after it is in apposition. */
function describedBefore(words: readonly Word[], c: number): boolean {
  let b = c;
  while (
    b > 0 &&
    !words[b - 1]?.punct &&
    !CLAUSE_BREAKERS.has(words[b - 1]?.lower ?? '') &&
    c - b < MAX_SUBJECT_WORDS
  )
    b--;
  const boundary = words[b - 1];
  // The description must be a whole noun phrase: "who lives near the state capital, Dale," is a clause.
  if (boundary && !boundary.punct && !CLAUSE_OPENERS.has(boundary.lower)) return false;
  return b < c && isDescription(words.slice(b, c));
}

/** A first and last name of its own, before any bracket: "Gov. Ann Roe (R-Ohio)", not "R-Ohio", "South Dale" or "Kim's strategist". */
function isFullName(words: readonly Word[]): boolean {
  let names = 0;
  for (const [k, w] of words.entries()) {
    if (w.punct) break;
    if (!isNameWord(w) || isPossessive(w.text)) return false;
    // A month or a modal is no name where a sentence could start, but is one capitalised after a
    // first name ("Theresa May", "George Will").
    if (!ROLE_WORDS.has(w.lower) && (k > 0 || !NOT_NAME_WORDS.has(w.lower))) names++;
  }
  return names >= 2;
}

/** The capitalised run ending at word `end` ("Sen. Ann Roe" in "… of Sen. Ann Roe saying"). */
function nameRunEndingAt(words: readonly Word[], end: number): Word[] {
  let start = end;
  while (start > 0 && end - start < MAX_NAME_WORDS - 1 && isNameWord(words[start - 1] as Word)) start--;
  return words.slice(start, end + 1);
}

/** Role words, then "of", "at" or "for" and a name: "CEO of Dale Holdings", "chief economist at Fjord Bank". */
function isRoleOfBody(words: readonly Word[]): boolean {
  let k = 0;
  while (k < words.length && ROLE_WORDS.has(words[k]?.lower ?? '')) k++;
  const link = words[k];
  const next = words[k + 1];
  return k > 0 && !!link && ROLE_LINKS.has(link.lower) && !!next && isNameWord(next);
}

/** The words that join a role to the body it is held in. */
const ROLE_LINKS: ReadonlySet<string> = new Set(['of', 'at', 'for']);

/** `Name, <description>, said`: the name in the comma-separated part before the subject at `b`. */
function nameBeforeApposition(
  words: readonly Word[],
  b: number,
  registry: Registry,
  para: number,
  open: number,
): Speaker | null {
  if (words[b - 1]?.text !== ',') return null;
  let c = b - 2;
  while (
    c >= 0 &&
    b - c <= MAX_ASIDE_WORDS &&
    !words[c]?.punct &&
    !CLAUSE_BREAKERS.has(words[c]?.lower ?? '')
  )
    c--;
  const segment = words.slice(c + 1, b - 1);
  const first = segment[0];
  if (!first || !isNameWord(first) || NOT_NAME_WORDS.has(first.lower)) return null;
  const found = resolveSourcePhrase(segment, registry, para, open);
  return found?.name ? found : null;
}
