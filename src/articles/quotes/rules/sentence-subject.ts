import { clauseSubject } from '../clauses.js';
import { WINDOW_CHARS } from '../tuning.js';
import { paragraphAt, sentenceStart, wordsIn } from '../words.js';
import type { AttributionRule } from './rule.js';

/** No speech verb: the subject of the sentence a partial quotation sits in ("Bush referred to Rubio as “…”"). */
export const sentenceSubject: AttributionRule = {
  name: 'sentence-subject',
  side: 'subject',
  onlyWhenNoSource: true,
  attribute(q, a) {
    const { startPara: para, open } = q.span;
    const paragraph = paragraphAt(a.text, para);
    const start = sentenceStart(paragraph, open, Math.max(q.floor, open - WINDOW_CHARS));
    const words = wordsIn(a.text, para, start, open);
    if (!words.some((w) => !w.punct)) return null;
    return clauseSubject(words, a.registry, para, open);
  },
};
