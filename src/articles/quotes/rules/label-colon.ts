import { type Registry, resolveSourcePhrase, type Speaker } from '../names.js';
import { MAX_NAME_WORDS, WINDOW_CHARS } from '../tuning.js';
import { isNameWord, paragraphAt, sentenceStart, type Word, wordsIn } from '../words.js';
import type { ArticleContext, AttributionRule } from './rule.js';

/** `Donald Trump: "…"` (tweets, transcripts, quote boxes). */
export const labelColon: AttributionRule = {
  name: 'label-colon',
  side: 'before',
  attribute: (q, a) => labelBefore(a, q.span.startPara, q.span.open, q.floor),
};

/** The label ending the sentence before `open` in paragraph `para`. */
export function labelBefore(a: ArticleContext, para: number, open: number, floor: number): Speaker | null {
  const paragraph = paragraphAt(a.text, para);
  const start = sentenceStart(paragraph, open, Math.max(floor, open - WINDOW_CHARS));
  return labelBeforeColon(wordsIn(a.text, para, start, open), a.registry, para, open);
}

/** `Donald Trump: "…"` (tweets, transcripts, quote boxes): a name and a colon right before. */
function labelBeforeColon(
  words: readonly Word[],
  registry: Registry,
  para: number,
  open: number,
): Speaker | null {
  const n = words.length;
  if (n < 2 || words[n - 1]?.text !== ':') return null;
  let b = n - 1;
  while (b > 0 && n - 1 - b < MAX_NAME_WORDS && isNameWord(words[b - 1] as Word)) b--;
  if (b === n - 1) return null;
  const prev = words[b - 1];
  if (prev && !prev.punct) return null;
  return resolveSourcePhrase(words.slice(b, n - 1), registry, para, open);
}
