import { isAttributionTag } from '../clauses.js';
import type { Speaker } from '../names.js';
import { WINDOW_CHARS } from '../tuning.js';
import { paragraphAt, sentenceEndBefore, wordsIn } from '../words.js';
import type { ArticleContext, AttributionRule } from './rule.js';
import { speechVerbAfter } from './verb-after.js';

/** `A cashier who “steals a handful” is held to account, Warren said.` */
export const sentenceEnd: AttributionRule = {
  name: 'sentence-end',
  side: 'after',
  attribute: (q, a) => (q.span.close >= 0 ? attributionAtSentenceEnd(a, q.span.endPara, q.span.close) : null),
};

/**
 * The attribution that closes the sentence a partial quotation sits in, after its last comma:
 * `…who “steals a handful of $20s” is held accountable, Warren said.` The sentence must end
 * before any other quotation starts, and the part after the comma must be a bare attribution.
 */
function attributionAtSentenceEnd(a: ArticleContext, para: number, close: number): Speaker | null {
  const paragraph = paragraphAt(a.text, para);
  const limit = Math.min(paragraph.length, close + 1 + WINDOW_CHARS);
  const end = sentenceEndBefore(paragraph, close + 1, limit);
  if (end < 0) return null;
  // The first comma after which the rest of the sentence is a bare attribution.
  for (
    let comma = paragraph.indexOf(',', close + 1);
    comma > 0 && comma < end;
    comma = paragraph.indexOf(',', comma + 1)
  ) {
    const tail = wordsIn(a.text, para, comma + 1, end);
    if (isAttributionTag(tail)) return speechVerbAfter(a, para, comma);
  }
  return null;
}
