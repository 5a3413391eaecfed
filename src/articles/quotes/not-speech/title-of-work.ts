// The title of a work, named as such: `the 2018 film "Hebrews to Negroes: Wake Up Black
// America"`, `The show is called "How To Build a Sex Room."`. Titles up to a few words are caught
// by their shape alone (spans.ts isTitle); a longer one needs the word that names it as a work
// right before it, and title case throughout, so `called the deal "a disaster for workers"` stays
// speech.
import { TITLE_SMALL_WORDS, WORK_NOUNS } from '../lexicon.js';
import { MAX_WORK_TITLE_WORDS } from '../tuning.js';
import { type MarkedSpan, type NotSpeechRule, readerWords, wordBefore } from './rule.js';

/** Verbs that give a name: what follows them is the name, not what someone said. */
const NAMING_VERBS: ReadonlySet<string> = new Set(['called', 'titled', 'entitled', 'named', 'dubbed']);

export const titleOfWork: NotSpeechRule = {
  name: 'title-of-work',
  stage: 'span',
  matches({ span, before }: MarkedSpan): boolean {
    const word = wordBefore(before);
    if (!NAMING_VERBS.has(word) && !WORK_NOUNS.has(word)) return false;
    const words = readerWords(span.text);
    return words.length > 0 && words.length <= MAX_WORK_TITLE_WORDS && words.every(isTitleWord);
  },
};

function isTitleWord(word: string): boolean {
  const w = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return !w || /^[\p{Lu}\p{N}]/u.test(w) || TITLE_SMALL_WORDS.has(w);
}
