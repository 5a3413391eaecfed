// A short phrase the writer lifts into a sentence of their own: `warned of a "humanitarian
// crisis"`, `called it a "absolute disaster"`, `said the effort was "proving effective"`. The
// marks say where the words come from, but two or three words inside the writer's sentence are a
// quoted term, not a statement: they carry no claim the reader could quote back. A short answer
// that stands as its own sentence (`replied: "No, not really."`, `"Not yet," she said.`) is one,
// and so are a speaker's own words in the first or second person (`said "I'm still here"`).
import { SPEECH_VERBS } from '../lexicon.js';
import { MIN_WORDS_FRAGMENT } from '../tuning.js';
import { countWords } from '../words.js';
import { type MarkedSpan, type NotSpeechRule, wordBefore } from './rule.js';

/** Words of a speaker's own voice: a phrase with them is the speaker talking, not the writer's term. */
const OWN_VOICE = /\b(?:i|i'm|i’m|me|my|we|we're|we’re|us|our|you|you're|you’re|your|let's|let’s)\b/iu;

export const partialFragment: NotSpeechRule = {
  name: 'partial-fragment',
  stage: 'quotation',
  matches({ span, before }: MarkedSpan): boolean {
    if (countWords(span.text) >= MIN_WORDS_FRAGMENT) return false;
    if (OWN_VOICE.test(span.text)) return false;
    const word = wordBefore(before);
    // A punctuation mark or the paragraph's start before it: the quotation stands on its own.
    if (!word) return false;
    // `Trump said "Absolutely not."`: a capitalised sentence right after a speech verb is an answer.
    return !(SPEECH_VERBS.has(word) && /^\p{Lu}/u.test(span.text.trim()));
  },
};
