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

/** Tests of one character (a code point, as a string). */
const SPACE = /^\s$/u;
const WORD_CHAR = /^[\p{L}\p{N}'’.-]$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** The code point ending at `end` (a surrogate pair is one, as a `u` pattern reads it). */
function charBefore(text: string, end: number): string {
  const low = text.charCodeAt(end - 1);
  const high = end >= 2 ? text.charCodeAt(end - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? end - 2 : end - 1, end);
}

/**
 * The last word before the opening mark, lowercased, or '' when a punctuation mark or nothing comes
 * first: what `/([\p{L}\p{N}][\p{L}\p{N}'’.-]*)\s*$/u` captures (the word's characters run up to
 * the trailing spaces, from its first letter or digit), found by reading back from the end rather
 * than by trying the pattern at every character of `before` (that search was among the parse's
 * hottest steps in a profile of the CNN pages).
 */
export function wordBefore(before: string): string {
  let end = before.length;
  while (end > 0) {
    const c = charBefore(before, end);
    if (!SPACE.test(c)) break;
    end -= c.length;
  }
  let first = -1;
  for (let at = end; at > 0; ) {
    const c = charBefore(before, at);
    if (!WORD_CHAR.test(c)) break;
    at -= c.length;
    if (LETTER_OR_DIGIT.test(c)) first = at;
  }
  return first < 0 ? '' : before.slice(first, end).toLowerCase().replace(/[.]$/, '');
}
