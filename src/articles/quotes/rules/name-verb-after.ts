import { ROLE_WORDS, SPEAKER_PRONOUNS } from '../lexicon.js';
import { resolveSourcePhrase, type Speaker } from '../names.js';
import { MAX_NAME_WORDS, NAME_VERB_WINDOW_CHARS } from '../tuning.js';
import { isNameWord, paragraphAt, type Word, wordsIn } from '../words.js';
import type { ArticleContext, AttributionRule, Candidate } from './rule.js';

/** `"…," Trump barked`: any past-tense verb right after a name that follows the quotation. */
export const nameVerbAfter: AttributionRule = {
  name: 'name-verb-after',
  side: 'after',
  onlyWhenNoSource: true,
  // `"…." Mr. Clarke is donating …` is a new sentence about someone, not an attribution.
  attribute: (q, a) =>
    q.endsClause && !endsSentence(q, a) ? namedAfter(a, q.span.endPara, q.span.close) : null,
};

/** `"…," Trump barked`: a name or pronoun right after the quotation, then a past-tense verb. */
function namedAfter(a: ArticleContext, para: number, close: number): Speaker | null {
  const paragraph = paragraphAt(a.text, para);
  const words = wordsIn(
    a.text,
    para,
    close + 1,
    Math.min(paragraph.length, close + 1 + NAME_VERB_WINDOW_CHARS),
  );
  let i = 0;
  while (i < words.length && words[i]?.punct && words[i]?.text === ',') i++;
  const startWord = words[i];
  if (!startWord || startWord.punct) return null;
  let j = i;
  while (
    j < words.length &&
    j - i < MAX_NAME_WORDS &&
    (isNameWord(words[j] as Word) || ROLE_WORDS.has(words[j]?.lower ?? ''))
  )
    j++;
  if (j === i && SPEAKER_PRONOUNS[startWord.lower] === 'person') j = i + 1;
  const verb = words[j];
  if (j === i || !verb || verb.punct || !/^\p{Ll}+(ed|s)$/u.test(verb.text)) return null;
  return resolveSourcePhrase(words.slice(i, j), a.registry, para, close);
}

function endsSentence(q: Candidate, a: ArticleContext): boolean {
  const after = paragraphAt(a.text, q.span.endPara).slice(q.span.close + 1, q.span.close + 3);
  return /\.['’]?$/.test(q.span.text) || /^\s*\./.test(after);
}
