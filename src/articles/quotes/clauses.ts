// Clause-level reading shared by the attribution rules: is this word a speech verb, is this
// sentence nothing but an attribution, where does the source phrase after a verb end, what is
// the subject of this clause.
import {
  CLAUSE_BREAKERS,
  CLAUSE_OPENERS,
  DETERMINERS,
  INDEFINITES,
  NOT_NAME_WORDS,
  NOUN_MARKERS,
  PERSON_NOUNS,
  PLACE_PREPOSITIONS,
  PRONOUN_GENDERS,
  PUT_IT_VERBS,
  ROLE_WORDS,
  RULING_VERBS,
  SOURCE_PHRASE_STOPS,
  SPEAKER_PRONOUNS,
  SPEECH_VERBS,
  TAG_CONTINUATIONS,
} from './lexicon.js';
import {
  isDescription,
  linksDocument,
  linksProxy,
  type Registry,
  resolvePronoun,
  resolveSourcePhrase,
  type Speaker,
} from './names.js';
import {
  MAX_AFFILIATION_WORDS,
  MAX_CLAUSE_SUBJECT_WORDS,
  MAX_SOURCE_WORDS_AFTER,
  MAX_SUBJECT_MODIFIERS,
  MAX_TAG_SUBJECT_WORDS,
  MAX_TAG_WORDS,
} from './tuning.js';
import { isDash, isNameWord, isPossessive, isSentenceEnd, type Word } from './words.js';

export function isSpeechVerb(word: Word | undefined): boolean {
  return !!word && !word.punct && SPEECH_VERBS.has(word.lower);
}

/**
 * A speech verb used as a verb. "the state", "a call", "Ginsburg's comments", "late-night
 * tweets" and "the United States" are nouns: a determiner, a possessive or a hyphenated modifier
 * before the word, or a capital letter in mid-sentence, rules the verb reading out.
 */
export function isSpeechVerbAt(words: readonly Word[], i: number): boolean {
  const word = words[i];
  if (!word) return false;
  // "As Roe put it, …": "put" speaks only with "it" and nothing after it in the clause.
  if (PUT_IT_VERBS.has(word.lower)) {
    const after = words[i + 2];
    return words[i + 1]?.lower === 'it' && (!after || after.punct);
  }
  if (!isSpeechVerb(word)) return false;
  // "the court had not ruled out …": no ruling was given
  if (RULING_VERBS.includes(word.lower) && words[i + 1]?.lower === 'out') return false;
  const prev = words[i - 1];
  if (!prev) return true;
  if (NOUN_MARKERS.has(prev.lower)) return false;
  // "Said Trump:" opens a sentence; after a comma or a dash ("N.H. – State Rep. Roe") a
  // capitalised word is a name or a title.
  if (word.capitalised) return isSentenceEnd(prev) || prev.text === ':';
  if (prev.punct) return true;
  if (word.lower.endsWith('s') && (isPossessive(prev.text) || /^\p{Ll}+-\p{Ll}+$/u.test(prev.text)))
    return false;
  return true;
}

/**
 * A sentence that only attributes: a speech verb, its source, and a few words of time, place or
 * manner (`Lavrov said on Friday`, `said Sen. Ann Roe, a Democrat from Ohio`), with no clause of
 * its own (`Roe said that the bill…`, `Roe said it would fail`).
 */
export function isAttributionTag(sentence: readonly Word[]): boolean {
  const verb = sentence.findIndex((_word, k) => k < MAX_TAG_SUBJECT_WORDS && isSpeechVerbAt(sentence, k));
  if (verb < 0) return false;
  // "said Sen. Ann Roe, a Democrat who…": the source and its apposition follow the verb.
  if (verb === 0) {
    const source = sentence[1];
    return !!source && (source.capitalised || DETERMINERS.has(source.lower) || INDEFINITES.has(source.lower));
  }
  // "Trump said, looking out on the crowd": what follows the comma is an aside.
  if (sentence[verb + 1]?.text === ',') return true;
  const rest = sentence.slice(verb + 1).filter((w) => !w.punct);
  if (rest.length > MAX_TAG_WORDS) return false;
  const next = rest[0];
  if (!next) return true;
  return next.capitalised || TAG_CONTINUATIONS.has(next.lower);
}

/** "said Sen. Bernie Sanders (I-Vt.), who…" -> the words up to the first break. */
export function sourcePhraseAfter(words: readonly Word[], from: number): Word[] {
  const out: Word[] = [];
  let depth = 0;
  let apposition = false;
  for (let i = from; i < words.length && out.length < MAX_SOURCE_WORDS_AFTER; i++) {
    const w = words[i];
    if (!w) break;
    if (w.text === '(') depth++;
    if (w.text === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (w.punct && w.text !== '(') {
      if (w.text === ',' && out.length === 0) continue;
      // "said the mayor's press secretary, Lydia Marsh": a description, then the name in apposition.
      if (w.text === ',' && !apposition && isDescription(out) && startsName(words, i + 1)) {
        apposition = true;
        out.push(w);
        continue;
      }
      break;
    }
    if (
      !isNameWord(w) &&
      (CLAUSE_BREAKERS.has(w.lower) || PLACE_PREPOSITIONS.has(w.lower) || SOURCE_PHRASE_STOPS.has(w.lower)) &&
      // "said a spokesman for Ann Roe": the proxy's link, not the end of the source; nor "a
      // report by" the body that issued it
      !linksProxy(out, w) &&
      !linksDocument(out, w)
    ) {
      break;
    }
    out.push(w);
  }
  return out;
}

/**
 * The subject of a clause: the first name, pronoun or definite description that starts the
 * sentence or a comma-separated part of it, not inside a prepositional phrase
 * ("Speaking to MSNBC on Monday, Bush referred to Rubio as “…”" -> Bush).
 */
export function clauseSubject(
  words: readonly Word[],
  registry: Registry,
  para: number,
  index: number,
): Speaker | null {
  let clauseStart = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.punct) {
      clauseStart = w.text === ',' || w.text === ';' || w.text === ':' || isDash(w);
      continue;
    }
    if (!clauseStart) continue;
    if (NOT_NAME_WORDS.has(w.lower) && !SPEAKER_PRONOUNS[w.lower] && !DETERMINERS.has(w.lower)) {
      // "But", "And", "Meanwhile": still the start of the clause; prepositions end it.
      if (CLAUSE_OPENERS.has(w.lower)) continue;
      clauseStart = false;
      continue;
    }
    const pronoun = SPEAKER_PRONOUNS[w.lower];
    if (pronoun === 'person')
      return resolvePronoun(pronoun, registry, para, index, PRONOUN_GENDERS[w.lower] ?? null);
    if (/^\p{Lu}\p{Ll}+(ing|ed)$/u.test(w.text) || (words[i + 1]?.lower ?? '') === 'to') {
      // "Continuing to explain his view, Carson said": a participle, not a name.
      clauseStart = false;
      continue;
    }
    if (pronoun) return null;
    let j = i;
    let seenName = false;
    while (j < words.length && j - i < MAX_CLAUSE_SUBJECT_WORDS) {
      const x = words[j] as Word;
      if (x.punct) break;
      // "Guns", "Immediately": capitalised only because a sentence starts with them.
      const nameWord =
        isNameWord(x) && !NOT_NAME_WORDS.has(x.lower) && !registry.sentenceCapitals.has(x.lower);
      // Lowercase modifiers may come before the name ("Republican presidential front-runner
      // Donald Trump"), not after it.
      const modifier =
        !seenName &&
        j - i < MAX_SUBJECT_MODIFIERS &&
        !NOT_NAME_WORDS.has(x.lower) &&
        !SPEECH_VERBS.has(x.lower);
      if (!(nameWord || ROLE_WORDS.has(x.lower) || (j === i && DETERMINERS.has(x.lower)) || modifier)) {
        // "Dale board chair Ann Roe": a name, the lowercase nouns of a title, and the person's name.
        const title = seenName ? titleBeforeName(words, j) : 0;
        if (!title) break;
        j += title;
        seenName = false;
        continue;
      }
      if (nameWord && !ROLE_WORDS.has(x.lower)) seenName = true;
      j++;
      // "Hillary Clinton's campaign manager Robby Mook": the possessor is not the subject; the
      // role and the name after it are.
      if (isPossessive(x.text)) {
        if (!nameFollows(words, j)) break;
        seenName = false;
      }
    }
    const phrase = words.slice(i, j);
    if (
      phrase.some(
        (x) =>
          isNameWord(x) &&
          !NOT_NAME_WORDS.has(x.lower) &&
          !ROLE_WORDS.has(x.lower) &&
          !registry.sentenceCapitals.has(x.lower),
      )
    ) {
      const found = resolveSourcePhrase(phrase, registry, para, index);
      if (found?.name) return found;
    }
    clauseStart = false;
  }
  return null;
}

/** A proper name comes after word `from`, before the clause's next punctuation. */
function nameFollows(words: readonly Word[], from: number): boolean {
  for (let k = from; k < words.length && k - from < MAX_SUBJECT_MODIFIERS; k++) {
    const w = words[k] as Word;
    if (w.punct) return false;
    if (isNameWord(w) && !NOT_NAME_WORDS.has(w.lower) && !ROLE_WORDS.has(w.lower)) return true;
  }
  return false;
}

/** A name starts at word `i` ("Lydia Marsh", "the Harlow Holdings Group"). */
function startsName(words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w) return false;
  const name = w.lower === 'the' ? words[i + 1] : w;
  return !!name && name.capitalised && !NOT_NAME_WORDS.has(name.lower) && !ROLE_WORDS.has(name.lower);
}

/** Lowercase title nouns from word `from` that a capitalised name follows ("board chair Ann"): how many; 0 if none. */
function titleBeforeName(words: readonly Word[], from: number): number {
  let k = from;
  while (k < words.length && k - from < MAX_AFFILIATION_WORDS) {
    const w = words[k] as Word;
    if (w.punct || w.capitalised || NOT_NAME_WORDS.has(w.lower) || SPEECH_VERBS.has(w.lower)) break;
    k++;
  }
  const next = words[k];
  const name = !!next && isNameWord(next) && !NOT_NAME_WORDS.has(next.lower);
  // the last of them names what a person is ("chair", "analyst"), not anything ("suburbs")
  const head = words[k - 1]?.lower ?? '';
  const title = ROLE_WORDS.has(head) || PERSON_NOUNS.has(head);
  return k > from && name && title ? k - from : 0;
}
