import { isAttributionTag, isSpeechVerbAt, sourcePhraseAfter } from '../clauses.js';
import { ADVERBS_BEFORE_VERB, CLAUSE_BREAKERS, SOURCE_INTRODUCER_WORDS } from '../lexicon.js';
import { resolveSourcePhrase, type Speaker } from '../names.js';
import { isTitle } from '../spans.js';
import { MAX_TAG_WORDS, MAX_WORDS_QUOTE_TO_VERB, WINDOW_CHARS } from '../tuning.js';
import { isDash, isDoubleQuoteMark, isSentenceEnd, paragraphAt, wordsIn } from '../words.js';
import type { ArticleContext, AttributionRule } from './rule.js';

/** `"…," Lavrov said`, `"…," said Lavrov`, `"…," the minister stressed`, `"…," according to Lavrov`. */
export const verbAfter: AttributionRule = {
  name: 'verb-after',
  side: 'after',
  onlyWhenNoSource: true,
  attribute: (q, a) => (q.endsClause ? speechVerbAfter(a, q.span.endPara, q.span.close) : null),
};

/** Text after the closing mark: `," Lavrov said`, `," said Lavrov`, `," the minister stressed`. */
export function speechVerbAfter(a: ArticleContext, para: number, close: number): Speaker | null {
  const paragraph = paragraphAt(a.text, para);
  let end = Math.min(paragraph.length, close + 1 + WINDOW_CHARS);
  let cutByQuote = false;
  for (let i = close + 1; i < end; i++) {
    if (isDoubleQuoteMark(paragraph[i] ?? '')) {
      // `"…," Roe said on CNN's "State of the Union."`: a title inside the attribution is a name
      // in it, not the next quotation.
      const titleEnd = titleClosedAt(paragraph, i, end);
      if (titleEnd > 0) {
        i = titleEnd;
        continue;
      }
      end = i;
      cutByQuote = true;
      break;
    }
  }
  const words = wordsIn(a.text, para, close + 1, end);
  let i = 0;
  while (i < words.length && words[i]?.punct && words[i]?.text !== '.') i++;
  // `."` then a new sentence: only a sentence that starts with the attribution counts, and only
  // when it is nothing more than the attribution (`"…." Lavrov said on Friday.`). `"…." Kerry
  // said the talks would go on.` and `"…." Kerry called it "…"` are new statements.
  // A dash after the closing mark (`"…?" – Democrats said…`) ends an aside, not the sentence
  // before it: what follows is read as if nothing stood between.
  const endsSentenceInside = /[.!?]['’]?$/.test(paragraph.slice(Math.max(0, close - 2), close));
  const nothingBetween = words.slice(0, i).every(isDash);
  const newSentence =
    words[i]?.text === '.' || (nothingBetween && endsSentenceInside && !!words[i]?.capitalised);
  if (newSentence) {
    if (words[i]?.text === '.') i++;
    const stop = words.findIndex((w, k) => k >= i && isSentenceEnd(w));
    if (stop < 0 ? cutByQuote || words.length - i > MAX_TAG_WORDS : !isAttributionTag(words.slice(i, stop)))
      return null;
  }
  const from = i;
  for (const parts of SOURCE_INTRODUCER_WORDS) {
    if (parts.every((p, k) => words[from + k]?.lower === p)) {
      return resolveSourcePhrase(sourcePhraseAfter(words, from + parts.length), a.registry, para, close);
    }
  }
  for (let v = from; v < words.length && v - from <= MAX_WORDS_QUOTE_TO_VERB; v++) {
    const w = words[v];
    if (!w) break;
    if (isSentenceEnd(w) || w.text === ';') break;
    if (!isSpeechVerbAt(words, v)) continue;
    let subjectEnd = v;
    while (subjectEnd > from && ADVERBS_BEFORE_VERB.has(words[subjectEnd - 1]?.lower ?? '')) subjectEnd--;
    // `"…," as Roe said on Monday`: the "as" of comparison introduces the source.
    const subjectStart = words[from]?.lower === 'as' ? from + 1 : from;
    const subject = words.slice(subjectStart, subjectEnd);
    if (subject.length === 0)
      return resolveSourcePhrase(sourcePhraseAfter(words, v + 1), a.registry, para, close);
    if (subject.some((x) => !x.punct && CLAUSE_BREAKERS.has(x.lower))) {
      // "Trump, who spoke in Ohio, said": the part before the relative clause.
      const cut = subject.findIndex((x) => x.punct || CLAUSE_BREAKERS.has(x.lower));
      return cut > 0 ? resolveSourcePhrase(subject.slice(0, cut), a.registry, para, close) : null;
    }
    return resolveSourcePhrase(subject, a.registry, para, close);
  }
  return null;
}

/** The closing mark of a title (spans.ts isTitle) opened at `open`, before `limit`; -1 if none. */
function titleClosedAt(paragraph: string, open: number, limit: number): number {
  for (let k = open + 1; k < limit; k++) {
    if (!isDoubleQuoteMark(paragraph[k] ?? '')) continue;
    return isTitle(paragraph.slice(open + 1, k)) ? k : -1;
  }
  return -1;
}
