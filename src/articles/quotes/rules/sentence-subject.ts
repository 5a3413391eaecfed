import { clauseSubject } from '../clauses.js';
import { SUBJECT_PRONOUNS } from '../lexicon.js';
import { WINDOW_CHARS } from '../tuning.js';
import { paragraphAt, sentenceStart, type Word, wordsIn } from '../words.js';
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
    // `Roe said it was “clear” that Kim faced a “crisis”`: after an earlier quotation in the
    // same sentence, the words go on from mid-clause, and "that Kim" is not the subject; with
    // no new clause of its own the quotation keeps the earlier one's speaker (inherit.ts). A
    // comma or a stop at the earlier quotation's end, or a pronoun such as "he" (only ever a
    // subject), starts a new clause.
    const midSentence =
      start === q.floor &&
      q.floor > 0 &&
      !endsClauseAt(paragraph, q.floor) &&
      !startsWithSubjectPronoun(words);
    return clauseSubject(words, a.registry, para, open, !midSentence);
  },
};

/** The quotation closing just before `floor` ended a clause: `…,"` `…."` `…" ,`. */
function endsClauseAt(paragraph: string, floor: number): boolean {
  return (
    /[,;:.!?]['’]?$/.test(paragraph.slice(Math.max(0, floor - 3), floor - 1)) ||
    /^\s*[,;:.!?]/.test(paragraph.slice(floor, floor + 3))
  );
}

function startsWithSubjectPronoun(words: readonly Word[]): boolean {
  const first = words[0];
  return !!first && SUBJECT_PRONOUNS.has(first.lower);
}
