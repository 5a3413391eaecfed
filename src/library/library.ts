import MiniSearch, { type SearchResult } from 'minisearch';
import type { Article, Problem } from '../articles/types.js';
import { termOf, termsOf, tokenize } from './analyzer.js';
import { bestPassage, type Passage } from './passage.js';

/** What MiniSearch indexes for an article; `i` is the article's position in the snapshot. */
interface IndexedArticle {
  i: number;
  title: string;
  standfirst: string;
  headings: string;
  body: string;
  meta: string;
}

export interface SearchOptions {
  /** How many hits to return at most (the reply pages through them). */
  max?: number;
  /** YYYY-MM-DD, inclusive. Articles without a date are left out when either bound is set. */
  since?: string | null;
  until?: string | null;
}

export interface SearchHit {
  article: Article;
  score: number;
  /** The passage that best answers the query, or null when only the title or metadata matched. */
  passage: Passage | null;
  /** Index terms of the query that matched this article, for highlighting. */
  terms: string[];
}

/** Field weights: a word in the title says more about the article than the same word in paragraph nine. */
const FIELD_BOOST = { title: 3, standfirst: 2, headings: 1.5, body: 1, meta: 1.5 };
/** How many index hits are re-ranked by their best passage. */
const RERANK_DEPTH = 40;
/** The share of the final score that comes from the best passage rather than the whole article. */
const PASSAGE_WEIGHT = 0.35;

export function createIndex(): MiniSearch<IndexedArticle> {
  return new MiniSearch<IndexedArticle>({
    idField: 'i',
    fields: ['title', 'standfirst', 'headings', 'body', 'meta'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm: (term) => termOf(term) ?? null,
    searchOptions: {
      boost: FIELD_BOOST,
      combineWith: 'OR',
      // typos: one edit in a word of five letters or more; the exact word always scores higher
      fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      weights: { fuzzy: 0.2, prefix: 0.3 },
    },
  });
}

export function indexedArticle(article: Article, i: number): IndexedArticle {
  return {
    i,
    title: article.title,
    standfirst: article.standfirst ?? '',
    headings: article.headings.join('\n'),
    body: article.paragraphs.join('\n'),
    meta: [article.author ?? '', article.section ?? '', ...article.tags].join('\n'),
  };
}

/**
 * An immutable snapshot of the articles and their index. A reload builds a new Library and swaps it
 * in one step, so a query always sees one consistent set of articles.
 */
export class Library {
  readonly articles: readonly Article[];
  readonly problems: readonly Problem[];
  readonly loadedAt: Date;
  private readonly byId: Map<string, Article>;
  private readonly index: MiniSearch<IndexedArticle>;

  constructor(
    articles: readonly Article[],
    problems: readonly Problem[] = [],
    index?: MiniSearch<IndexedArticle>,
  ) {
    this.articles = articles;
    this.problems = problems;
    this.loadedAt = new Date();
    this.byId = new Map(articles.map((a) => [a.id, a]));
    if (index) {
      this.index = index;
    } else {
      this.index = createIndex();
      this.index.addAll(articles.map(indexedArticle));
    }
  }

  get size(): number {
    return this.articles.length;
  }

  get(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** The newest articles first (undated last), for replies that have no query. */
  newest(n: number): Article[] {
    return [...this.articles]
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id))
      .slice(0, n);
  }

  /** How rare a term is across the library: log-scaled inverse document frequency, at least a little above 0. */
  termWeight = (term: string): number => {
    const df = this.index.documentCount ? this.documentFrequency(term) : 0;
    return Math.log(1 + (this.index.documentCount - df + 0.5) / (df + 0.5));
  };

  private documentFrequency(term: string): number {
    // MiniSearch exposes no document frequency; an exact-term search over the index gives it
    return this.index.search(term, { fuzzy: false, prefix: false, processTerm: (t) => t }).length;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const queryTerms = termsOf(query);
    if (!queryTerms.length) return [];
    const { since = null, until = null, max = 10 } = options;
    const dated = since !== null || until !== null;
    const raw: SearchResult[] = this.index.search(queryTerms.join(' '), {
      processTerm: (t) => t,
      filter: dated
        ? (r) => {
            const date = this.articles[r.id as number]?.date;
            return !!date && (since === null || date >= since) && (until === null || date <= until);
          }
        : undefined,
    });
    if (!raw.length) return [];
    const top = raw[0]!.score;
    const weights = new Map(queryTerms.map((t) => [t, this.termWeight(t)]));
    const weight = (t: string) => weights.get(t) ?? 0;
    const hits = raw.slice(0, Math.max(RERANK_DEPTH, max)).map((r) => {
      const article = this.articles[r.id as number]!;
      const terms = queryTerms.filter(
        (t) => r.terms.includes(t) || Object.keys(r.match).some((m) => m === t),
      );
      const passage = bestPassage(article, queryTerms, weight);
      const score = (1 - PASSAGE_WEIGHT) * (r.score / top) + PASSAGE_WEIGHT * (passage?.coverage ?? 0);
      return { article, score, passage, terms: terms.length ? terms : queryTerms };
    });
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, max);
  }

  /** Titles that look closest to what was typed: for "no result" replies and autocomplete. */
  suggestTitles(query: string, n = 5): Article[] {
    const terms = termsOf(query);
    if (!terms.length) return this.newest(n);
    const results = this.index.search(terms.join(' '), {
      processTerm: (t) => t,
      fields: ['title', 'standfirst', 'headings'],
      fuzzy: 0.34,
      prefix: true,
      combineWith: 'OR',
    });
    return results.slice(0, n).map((r) => this.articles[r.id as number]!);
  }
}
