// What the article index holds of an article (indexedArticle) and its analysis (analyseArticle,
// library/analysed.ts), apart from the index itself: a library's parse workers analyse each article
// they parse with this (analysing-parse-worker.ts), and importing library.ts there (chrono's time
// words, MiniSearch) would cost each worker about 160 ms of CPU at every load that starts them.
import { ANALYSED_BODY_MAX_CHARS, analysedParagraphCount } from '../articles/parse.js';
import type { Article } from '../articles/types.js';
import { type AnalysedText, analyseFields } from './analysed.js';
import { searchedFurniture } from './phrase-terms.js';
import { quotationsText } from './quote-index.js';
import { RANKING } from './ranking.js';

/** What MiniSearch indexes for an article; `i` is the article's position in the snapshot. */
export interface IndexedArticle {
  i: number;
  /**
   * Everything searchable in one field, each part repeated as many times as it weighs: BM25 over
   * repeated fields is BM25F (a word in the title and the body counts once as rare, with its
   * frequencies added before saturation), which ranks better than summing per-field scores.
   */
  text: string;
  /** Title, standfirst and headings, for suggestions while typing. */
  titles: string;
}

/** The first of `texts` that together hold at most `max` characters. */
function withinChars(texts: readonly string[], max: number): readonly string[] {
  let total = 0;
  let n = 0;
  while (n < texts.length && total + texts[n]!.length <= max) total += texts[n++]!.length;
  return texts.slice(0, n);
}

/** The article index's fields, in the order MiniSearch reads them (and analyseArticle gives them). */
export const INDEX_FIELDS = ['text', 'titles'] as const;

function repeat(text: string, times: number): string[] {
  return text ? Array<string>(times).fill(text) : [];
}

export function indexedArticle(article: Article, i: number): IndexedArticle {
  const { repeats, leadParagraphs } = RANKING;
  const lead = article.paragraphs.slice(0, leadParagraphs).join('\n');
  // the byline is not indexed: it says who wrote the article, not what it is about (an article
  // by Artemis Moshtaghian is no answer to "artemis launch")
  const meta = [article.section ?? '', ...article.tags].join('\n');
  const text = [
    ...repeat(article.title, repeats.title),
    ...repeat(article.standfirst ?? '', repeats.standfirst),
    ...repeat(article.headings.join('\n'), repeats.headings),
    ...repeat(lead, repeats.lead),
    // the part of the body quotations and passages read (ANALYSED_BODY_MAX_CHARS: the whole of any
    // real article): words past it could find an article but never show why, and adding one
    // document to the index cannot be cut in slices, so a 1 MiB file indexed whole held a reload's
    // event loop 100-140 ms (npm run bench:hostile)
    article.paragraphs.slice(leadParagraphs, analysedParagraphCount(article.paragraphs)).join('\n'),
    // captions describe the story's pictures, corrections its facts: searchable as body text,
    // though never shown
    withinChars(searchedFurniture(article), ANALYSED_BODY_MAX_CHARS).join('\n'),
    ...repeat(meta, repeats.meta),
  ].join('\n');
  return { i, text, titles: [article.title, article.standfirst ?? '', ...article.headings].join('\n') };
}

/**
 * The article's index fields analysed (library/analysed.ts), as adding it to the article index
 * would: saved beside its record so a resumed start need not analyse it again. Null when it
 * cannot be kept (see analyseFields).
 */
export function analyseArticle(article: Article): AnalysedText | null {
  const doc = indexedArticle(article, 0);
  return analyseFields([...INDEX_FIELDS.map((field) => doc[field]), quotationsText(article)]);
}

/** An analysis's fields: the article index's, then the quotation index's one field. */
export const ANALYSED_FIELDS = INDEX_FIELDS.length + 1;
