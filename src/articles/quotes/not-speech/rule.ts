// What a "not speech" rule gets and says. Quotation marks in news also set off words nobody is
// quoted as saying: titles of works, nicknames, quoted terms, a two-word phrase the writer lifts
// into a sentence of their own. Each rule reads one span between marks and the paragraph around it
// and says whether the span is such a use; the pipeline (../index.ts) leaves those out.
import type { QuoteSpan } from '../spans.js';

/** The span and the words around it, as one rule reads them. */
export interface MarkedSpan {
  span: QuoteSpan;
  /** The paragraph text before the opening mark (bounded by the caller). */
  before: string;
}

export interface NotSpeechRule {
  /** Named in tests and in the notes of what each rule moved. */
  name: string;
  /**
   * When the rule is asked: 'span' of each span between marks before attribution, for what names
   * a thing (a title is then neither attributed nor a neighbour to inherit from); 'quotation' of
   * each quotation once its pieces are joined (`a "nasty guy," an "anchor baby"` is one list under
   * one cue), for words someone did say that are too few to be a statement.
   */
  stage: 'span' | 'quotation';
  /** The marks set off something other than speech. */
  matches(marked: MarkedSpan): boolean;
}

/** Words as a reader counts them: runs between spaces ("well-documented" is one word). */
export function readerWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** The last word before the opening mark, lowercased, or '' when a punctuation mark or nothing comes first. */
export function wordBefore(before: string): string {
  const m = /([\p{L}\p{N}][\p{L}\p{N}'’.-]*)\s*$/u.exec(before);
  return m ? (m[1] ?? '').toLowerCase().replace(/[.]$/, '') : '';
}
