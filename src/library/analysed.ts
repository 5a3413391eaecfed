// An article's index fields as the article index analyses them (issue 23): for each field, its
// distinct tokens (MiniSearch's field length) and each term with its occurrences, in the order of
// their first occurrence. A start writes it beside each parsed record in the cache's record parts,
// so a start stopped halfway and resumed adds the records it reuses to the index without
// tokenizing and stemming their text again (about half of the index build's time in a CPU profile
// of a resumed start at 8,904 articles). Kept as one string per article: "7 term 2 other 1\n3 …",
// fields joined by "\n" (a fraction of the memory of arrays of strings and numbers).
import { documentTokens, termOf } from './analyzer.js';
import type { CountedField } from './postings.js';

/** What analyseFields gives: see the top of this file. */
export type AnalysedText = string;

/** Separates a field's numbers and terms, and the fields. A term holding either is not saved (see analyseFields). */
const ITEM = ' ';
const FIELD = '\n';

/**
 * The fields' analysis, exactly as MiniSearch's add with the index's tokenize and processTerm
 * reads them: distinct tokens before processing (stop words too), terms once processed. Null when
 * a term holds a separator (NFKD can make a space of a ligature): such an article is analysed
 * again when indexed, never guessed.
 */
export function analyseFields(values: readonly string[]): AnalysedText | null {
  const fields: string[] = [];
  for (const value of values) {
    const tokens = documentTokens(value);
    const counts = new Map<string, number>();
    for (const token of tokens) {
      const term = termOf(token);
      if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    const items = [String(new Set(tokens).size)];
    for (const [term, n] of counts) {
      if (term.includes(ITEM) || term.includes(FIELD)) return null;
      items.push(term, String(n));
    }
    fields.push(items.join(ITEM));
  }
  return fields.join(FIELD);
}

/** The largest count read back: far above any real field's tokens, and exact as a number. */
const MAX_COUNT = 1e9;

/** A count as written by analyseFields, or -1 for anything else. */
function countOf(text: string): number {
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT ? n : -1;
}

/**
 * The counted fields of an analysis, field ids by position; null when it is not one of exactly
 * `fieldCount` well-formed fields (the caller then analyses the article itself).
 */
export function countedFields(text: AnalysedText, fieldCount: number): CountedField[] | null {
  const fields = text.split(FIELD);
  if (fields.length !== fieldCount) return null;
  const out: CountedField[] = [];
  for (let fieldId = 0; fieldId < fields.length; fieldId++) {
    const items = fields[fieldId]!.split(ITEM);
    const uniqueTokens = countOf(items[0]!);
    if (items.length % 2 !== 1 || uniqueTokens < 0) return null;
    const terms = new Map<string, number>();
    for (let i = 1; i < items.length; i += 2) {
      const term = items[i]!;
      const n = countOf(items[i + 1]!);
      if (!term || n < 1 || terms.has(term)) return null;
      terms.set(term, n);
    }
    out.push({ fieldId, uniqueTokens, terms });
  }
  return out;
}
