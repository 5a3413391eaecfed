// What every attribution rule gets and gives. A rule reads the text around one quotation and
// names its source, or says nothing; the pipeline (../index.ts) asks the rules in order.
import type { Registry, Speaker } from '../names.js';
import type { QuoteSpan } from '../spans.js';
import type { ArticleText } from '../words.js';

/** One quotation as the rules see it. */
export interface Candidate {
  span: QuoteSpan;
  /** Where the text before the quotation starts: after the previous quotation in the same paragraph. */
  floor: number;
  /** The quotation ends a clause (`…,"` `…."`), so the words after it may be its attribution. */
  endsClause: boolean;
}

/** The article a rule reads: its words and the names it mentions. One per article. */
export interface ArticleContext {
  text: ArticleText;
  registry: Registry;
}

/**
 * Where the rule found the attribution: right after or before the quotation (a direct
 * attribution, which lets a short quotation count), or in the sentence's subject.
 */
export type Side = 'after' | 'before' | 'subject';

export interface AttributionRule {
  /** Recorded on the quotation (`Quote.rule`), so a wrong speaker points at its rule. */
  name: string;
  side: Side;
  /** Asked only when no earlier rule found any source, not even an unnamed one ("a spokesman"). */
  onlyWhenNoSource?: boolean;
  attribute(quote: Candidate, article: ArticleContext): Speaker | null;
}
