import MiniSearch, { type AsPlainObject, type Options, type Query } from 'minisearch';
import type { Article, Problem } from '../articles/types.js';
import { nextTurn } from '../time-slices.js';
import { termOf, termsOf, tokenize } from './analyzer.js';
import type { SavedIndex } from './cache.js';
import { openingShare, paragraphUnits, roundupFactor } from './focus.js';
import {
  analyzeArticle,
  findPassage,
  headCoverage,
  type Passage,
  type PassageQuery,
  type ScoredPassage,
  sentencesInSummary,
} from './passage.js';
import { answerTypeOf, knownWords } from './question.js';
import { type ArticleRelevance, newestFirstOrder, QuoteIndex } from './quote-index.js';
import { addInSlices, type BuildOptions } from './slices.js';

/** What MiniSearch indexes for an article; `i` is the article's position in the snapshot. */
interface IndexedArticle {
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

/**
 * Ranking settings, measured on real news questions (see the report that introduced them):
 * - BM25F over one field: k1 1.2, length normalisation b 0.7, BM25+ delta 0.5; field boosts (times
 *   each part is repeated) title 3, standfirst 2, headings, lead (first paragraph), body and meta 1.
 * - coordination: the index score is multiplied by (matched query terms)^0.5, so an article that has
 *   more of the query's words wins over one that repeats a few of them.
 * - re-rank of the top 30 by: the index score (scaled to the best) * 0.5, the best passage (coverage
 *   of the query plus adjacency of query terms) * 0.5, the headline's coverage of the query * 0.2
 *   and the lead's (first 3 sentences) * 0.4, all times the round-up factor: up to half off for an
 *   article few of whose paragraphs follow up its opening (focus.ts). Query terms in a sentence that
 *   is itself a question count a quarter in passages (a roundup that repeats a quiz question does not
 *   answer it).
 * - the passage shown prefers, by half the query's weight, a window with the kind of token the
 *   question asks for (question.ts); the re-rank uses the best coverage regardless.
 */
const RANKING = {
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /** How many times each part of an article is indexed: its weight in BM25F. */
  repeats: { title: 3, standfirst: 2, headings: 1, lead: 1, meta: 1 },
  /** How many paragraphs make the lead. */
  leadParagraphs: 1,
  coordination: 0.5,
  rerankDepth: 30,
  passageWeight: 0.5,
  /** Bonus, as a share of the pair's weight, for query terms next to each other in a sentence. */
  proximity: 0.5,
  passageSentences: 2,
  titleWeight: 0.2,
  leadWeight: 0.4,
  leadSentences: 3,
  /**
   * Round-ups: an article whose paragraphs mostly do not follow up its opening (focus.ts) loses up to
   * `penalty` of its score, linearly as its opening share falls below `below`. A paragraph follows
   * up the opening (headline and lead sentences) when the words it shares with it weigh `minShared`,
   * each word its rarity, counting only words in at most `distinctiveShare` of the articles (in a
   * small library, in at most `distinctiveMinDf`): two such words, or one in about 2% of them.
   */
  roundup: { below: 0.2, penalty: 0.5, distinctiveShare: 0.1, distinctiveMinDf: 2, minShared: 4 },
  /** Extra weight in passages for the words of a question's last (asking) sentence. */
  askingWeight: 1,
  /** A near spelling counts this much of the exact word. */
  fuzzyWeight: 0.2,
  /** Near spellings are looked up for words that fewer articles than this have (typos are rare words). */
  fuzzyBelowDf: 3,
  /**
   * Passage choice: bonus, as a share of the query's weight, for a window that has the kind of token
   * the question asks for (a figure for "how many", a date for "when", a name for "who/which ...").
   */
  answerBonus: 0.5,
  /** Query terms in a sentence that is itself a question count this much: it asks, it does not answer. */
  questionFactor: 0.25,
  /** Words in more than this share of the articles do not pick candidates (see candidateTerms)... */
  commonShare: 0.08,
  /** ...unless fewer articles than this have them: in a small library every word is "common". */
  commonMinDf: 2000,
  minCandidateTerms: 2,
  /**
   * The candidate terms, rarest first, stop when their documents add up past this: the index
   * scores every document of every term it is given (about 1-3 µs each on a 2-core machine), so
   * this bounds a query's cost in a library of 100,000 articles. Terms left out still count in
   * the re-rank. On the real-questions evaluation, budgets from 8,000 to 20,000 differ by at most
   * one question (8,000: R@1 0.73, R@5 0.86, shown 0.81); 5,000 loses one at R@5.
   */
  candidatePostings: 8_000,
  /** A passage past the summary is shown instead of one inside it when it scores at least this share. */
  passageBeyondSummary: 0.5,
};

const TEXT_FIELD = ['text'];
const TITLE_FIELDS = ['titles'];

/** Typos: one edit in a word of five letters or more. */
function maxEdits(word: string): number {
  return word.length >= 5 ? 1 : 0;
}

/** True when b is a with at most one letter added, removed or changed (how typo lookups matched it). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: number, y: number) => a.slice(i + x) === b.slice(i + y);
  return tail(1, 1) || tail(1, 0) || tail(0, 1);
}

/**
 * The MiniSearch index over every field, with the document frequency of each term counted as it
 * is built: MiniSearch keeps no such count, and passages, typo handling and the re-rank need it.
 */
export function createIndex(documentFrequency: Map<string, number>): MiniSearch<IndexedArticle> {
  return new MiniSearch<IndexedArticle>(indexOptions(documentFrequency));
}

/** The index's options: the same for building it and for loading it from the warm cache. */
function indexOptions(documentFrequency: Map<string, number>): Options<IndexedArticle> {
  let currentDoc = -1;
  const lastDocOf = new Map<string, number>();
  return {
    idField: 'i',
    fields: ['text', 'titles'],
    storeFields: [],
    // MiniSearch reads a document's fields in order, right before tokenizing each: this tells the
    // term counter which document the terms belong to
    extractField: (doc, field) => {
      currentDoc = doc.i;
      return doc[field as keyof IndexedArticle];
    },
    tokenize: (text) => tokenize(text),
    processTerm: (word, field) => {
      const term = termOf(word);
      if (term && field && lastDocOf.get(term) !== currentDoc) {
        lastDocOf.set(term, currentDoc);
        documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
      }
      return term;
    },
    searchOptions: {
      fields: TEXT_FIELD,
      bm25: RANKING.bm25,
      combineWith: 'OR',
      weights: { fuzzy: RANKING.fuzzyWeight, prefix: 0.3 },
    },
  };
}

function repeat(text: string, times: number): string[] {
  return text ? Array<string>(times).fill(text) : [];
}

export function indexedArticle(article: Article, i: number): IndexedArticle {
  const { repeats, leadParagraphs } = RANKING;
  const lead = article.paragraphs.slice(0, leadParagraphs).join('\n');
  const meta = [article.author ?? '', article.section ?? '', ...article.tags].join('\n');
  const text = [
    ...repeat(article.title, repeats.title),
    ...repeat(article.standfirst ?? '', repeats.standfirst),
    ...repeat(article.headings.join('\n'), repeats.headings),
    ...repeat(lead, repeats.lead),
    article.paragraphs.slice(leadParagraphs).join('\n'),
    ...repeat(meta, repeats.meta),
  ].join('\n');
  return { i, text, titles: [article.title, article.standfirst ?? '', ...article.headings].join('\n') };
}

function termWeightOf(documentFrequency: number, articleCount: number): number {
  return Math.log(1 + (articleCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Words in more articles than this are too common to pick candidates (see Library.candidateTerms). */
function commonLimit(articleCount: number): number {
  return Math.max(RANKING.commonMinDf, RANKING.commonShare * articleCount);
}

/**
 * The query terms that pick the candidates: a word in a large share of the articles ("said",
 * "year") tells little about which article answers, yet costs the index a walk over most of its
 * documents. Such words still count in the re-rank (passage, headline and lead coverage). When
 * every word is common, the rarest ones pick; of many informative words, the rarest within the
 * postings budget.
 */
export function candidateTerms(
  queryTerms: readonly string[],
  df: ReadonlyMap<string, number>,
  articleCount: number,
  {
    minCandidateTerms,
    candidatePostings,
  }: { minCandidateTerms: number; candidatePostings: number } = RANKING,
): string[] {
  const freq = (t: string) => df.get(t) ?? 0;
  const limit = commonLimit(articleCount);
  const informative = queryTerms.filter((t) => freq(t) <= limit);
  if (informative.length < minCandidateTerms) {
    const byRarity = [...queryTerms].sort((a, b) => freq(a) - freq(b));
    return byRarity.slice(0, Math.max(minCandidateTerms, informative.length));
  }
  const picked: string[] = [];
  let postings = 0;
  for (const t of [...informative].sort((a, b) => freq(a) - freq(b))) {
    if (picked.length >= minCandidateTerms && postings + freq(t) > candidatePostings) break;
    picked.push(t);
    postings += freq(t);
  }
  return picked;
}

/** What quotation search needs from the article index: the articles whose headlines have some terms, and term rarity. */
function articleRelevance(
  index: MiniSearch<IndexedArticle>,
  df: ReadonlyMap<string, number>,
  articleCount: number,
): ArticleRelevance {
  return {
    weight: (term) => termWeightOf(df.get(term) ?? 0, articleCount),
    related(terms, max) {
      const known = terms.filter((t) => df.has(t));
      if (!known.length) return [];
      // the headlines only: a title about the query is what the quotation score asks of an
      // article, and the short field keeps this lookup far cheaper than a search of the bodies
      return index
        .search(
          { queries: known, combineWith: 'OR' },
          { fields: TITLE_FIELDS, processTerm: (t) => t, fuzzy: false, prefix: false },
        )
        .slice(0, max)
        .map((r) => r.id as number);
    },
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
  /** The quotations of these articles, with their own index. */
  readonly quotes: QuoteIndex;
  private readonly index: MiniSearch<IndexedArticle>;
  private readonly df: Map<string, number>;
  /** Article positions, newest first: sorted once, since "newest" is asked on every empty query. */
  private readonly newestOrder: number[];
  /** Opening share per article (focus.ts), worked out when the article is first re-ranked. */
  private readonly openingShares = new WeakMap<Article, number>();

  /** Builds the indexes in one go; `built` takes indexes made by `build` or `restore` instead. */
  constructor(
    articles: readonly Article[],
    problems: readonly Problem[] = [],
    built?: {
      index: MiniSearch<IndexedArticle>;
      df: Map<string, number>;
      quotes: QuoteIndex;
      newestOrder: number[];
    },
  ) {
    this.articles = articles;
    this.problems = problems;
    this.loadedAt = new Date();
    this.byId = new Map(articles.map((a) => [a.id, a]));
    if (built) {
      this.index = built.index;
      this.df = built.df;
      this.quotes = built.quotes;
      this.newestOrder = built.newestOrder;
    } else {
      this.df = new Map();
      this.index = createIndex(this.df);
      this.index.addAll(articles.map(indexedArticle));
      this.newestOrder = newestFirstOrder(articles);
      this.quotes = new QuoteIndex(
        articles,
        this.newestOrder,
        articleRelevance(this.index, this.df, articles.length),
      );
    }
  }

  /**
   * Builds a snapshot in slices of at most `yieldEveryMs` of work, giving the event loop back between
   * them, so a reload of a large library never holds up the replies in flight.
   */
  static async build(
    articles: readonly Article[],
    problems: readonly Problem[] = [],
    options: BuildOptions = {},
  ): Promise<Library> {
    const df = new Map<string, number>();
    const index = createIndex(df);
    await addInSlices(index, articles.length, (i) => indexedArticle(articles[i]!, i), options);
    // each step below is short, but run back to back they would add up to one long stall
    await nextTurn();
    const newestOrder = newestFirstOrder(articles);
    await nextTurn();
    const relevance = articleRelevance(index, df, articles.length);
    const quotes = await QuoteIndex.build(articles, newestOrder, relevance, options);
    await nextTurn();
    return new Library(articles, problems, { index, df, quotes, newestOrder });
  }

  /** A snapshot from the warm cache: the saved indexes, over the same articles in the same order. */
  static restore(
    articles: readonly Article[],
    problems: readonly Problem[],
    saved: { index: SavedIndex; df: [string, number][]; quoteIndex: SavedIndex },
  ): Library {
    const df = new Map(saved.df);
    // loadJS only iterates the entries, so parsing them lazily is safe (see SavedIndex)
    const index = MiniSearch.loadJS<IndexedArticle>(saved.index as AsPlainObject, indexOptions(df));
    if (index.documentCount !== articles.length)
      throw new Error('the cached index does not match the articles');
    const newestOrder = newestFirstOrder(articles);
    return new Library(articles, problems, {
      index,
      df,
      newestOrder,
      quotes: QuoteIndex.restore(
        articles,
        newestOrder,
        articleRelevance(index, df, articles.length),
        saved.quoteIndex,
      ),
    });
  }

  /** The built indexes as plain data, for the warm cache. */
  exportIndexes(): { index: AsPlainObject; df: [string, number][]; quoteIndex: AsPlainObject } {
    return { index: this.index.toJSON(), df: [...this.df], quoteIndex: this.quotes.toJSON() };
  }

  /** How many articles have the term. */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  get size(): number {
    return this.articles.length;
  }

  get(id: string): Article | undefined {
    return this.byId.get(id);
  }

  /** The newest articles first (undated last), for replies that have no query. */
  newest(n: number): Article[] {
    return this.newestOrder.slice(0, n).map((i) => this.articles[i]!);
  }

  /** How rare a term is across the library: log-scaled inverse document frequency, at least a little above 0. */
  termWeight = (term: string): number => termWeightOf(this.documentFrequency(term), this.articles.length);

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    // distinct index terms of the query, each with the first word that gave it
    const firstWord = new Map<string, string>();
    for (const word of tokenize(query)) {
      const term = termOf(word);
      if (term && !firstWord.has(term)) firstWord.set(term, word);
    }
    const queryTerms = [...firstWord.keys()];
    if (!queryTerms.length) return [];
    const { since = null, until = null, max = 10 } = options;
    const dated = since !== null || until !== null;
    const R = RANKING;
    // near spellings only for words the library (almost) does not have: typos are rare words, and
    // fuzzy lookups of common words cost time and add noise
    const fuzzyTerms = new Set(
      queryTerms.filter((t) => this.documentFrequency(t) < R.fuzzyBelowDf && maxEdits(firstWord.get(t)!) > 0),
    );
    const miniQuery: Query = {
      combineWith: 'OR',
      queries: candidateTerms(queryTerms, this.df, this.articles.length).map((t) => ({
        queries: [t],
        fuzzy: fuzzyTerms.has(t) ? 1 : false,
        prefix: false,
      })),
    };
    const filter = dated
      ? (r: { id: unknown }) => {
          const date = this.articles[r.id as number]?.date;
          return !!date && (since === null || date >= since) && (until === null || date <= until);
        }
      : undefined;
    const results = this.index.search(miniQuery, { processTerm: (t) => t, filter });
    if (!results.length) return [];
    const scored = results.map((r) => ({
      doc: r.id as number,
      score: r.score / r.queryTerms.length,
      matched: r.queryTerms.length,
      match: r.match,
    }));
    for (const s of scored) s.score *= s.matched ** R.coordination;
    scored.sort((a, b) => b.score - a.score);
    const top = scored[0]!.score;
    // the query's terms, and the near spellings of those the library does not have, count in passages
    const alias = new Map<string, string>();
    for (const r of scored.slice(0, R.rerankDepth)) {
      for (const derived of Object.keys(r.match)) {
        if (firstWord.has(derived)) continue;
        const source = [...fuzzyTerms].find((t) => withinOneEdit(t, derived));
        if (source && !this.documentFrequency(source)) alias.set(derived, source);
      }
    }
    // in a question of several sentences the last one asks; the ones before set the scene. The
    // asking sentence's words pick the passage a little more than the scene's.
    const sentencesOfQuery = query.split(/(?<=[.!?])\s+/).filter((x) => termsOf(x).length);
    const asking = new Set(sentencesOfQuery.length > 1 ? termsOf(sentencesOfQuery.at(-1)!) : []);
    const weights = new Map(
      queryTerms.map((t) => [t, this.termWeight(t) * (asking.has(t) ? 1 + R.askingWeight : 1)]),
    );
    for (const [m, t] of alias) weights.set(t, Math.max(weights.get(t) ?? 0, this.termWeight(m)));
    const pq: PassageQuery = {
      terms: queryTerms,
      alias,
      weight: (t: string) => weights.get(t) ?? 0,
      window: R.passageSentences,
      proximity: R.proximity,
      answerType: answerTypeOf(query),
      known: knownWords(query),
      answerBonus: R.answerBonus,
      questionFactor: R.questionFactor,
    };
    const allTerms = [...queryTerms, ...alias.keys()];
    const reranked = scored.slice(0, R.rerankDepth).map((r) => {
      const article = this.articles[r.doc]!;
      const found = findPassage(article, pq);
      const passage = found && this.shownPassage(article, found, pq);
      const head = headCoverage(article, pq, R.leadSentences);
      const score =
        ((1 - R.passageWeight) * (r.score / top) +
          R.passageWeight * (found?.score ?? 0) +
          R.titleWeight * head.title +
          R.leadWeight * head.lead) *
        roundupFactor(this.openingShareOf(article), R.roundup);
      return { article, score, passage, terms: found?.terms.length ? found.terms : allTerms };
    });
    reranked.sort((a, b) => b.score - a.score);
    // past the re-ranked top, hits keep the index's order and find their passage only if a page
    // shows them: most never are, and analysing fifty articles per question would cost more than
    // the search itself
    const floor = reranked.at(-1)?.score ?? 1;
    const rest = scored.slice(R.rerankDepth, Math.max(R.rerankDepth, max)).map((r, i) => {
      const article = this.articles[r.doc]!;
      let found: ReturnType<typeof findPassage> | undefined;
      const find = () => {
        found ??= findPassage(article, pq);
        return found;
      };
      return {
        article,
        score: floor * (1 - (i + 1) / (max + 1)),
        get passage() {
          const f = find();
          return f && { text: f.text, coverage: f.coverage };
        },
        get terms() {
          const f = find();
          return f?.terms.length ? f.terms : allTerms;
        },
      };
    });
    return [...reranked, ...rest].slice(0, max);
  }

  /**
   * The passage to show beside the summary: when the best one is inside the summary, the best one
   * after it if it answers nearly as well, so the reply adds to what the summary says.
   */
  private shownPassage(article: Article, best: ScoredPassage, pq: PassageQuery): Passage {
    const inSummary = sentencesInSummary(article);
    if (best.end <= inSummary) {
      const after = findPassage(article, { ...pq, notBefore: inSummary });
      if (after && after.score >= RANKING.passageBeyondSummary * best.score) {
        return { text: after.text, coverage: after.coverage };
      }
    }
    return { text: best.text, coverage: best.coverage };
  }

  /** How much of the article follows up its headline and lead (see focus.ts), cached per snapshot. */
  private openingShareOf(article: Article): number {
    let share = this.openingShares.get(article);
    if (share === undefined) {
      const { distinctiveShare, distinctiveMinDf, minShared } = RANKING.roundup;
      const maxDf = Math.max(distinctiveMinDf, distinctiveShare * this.articles.length);
      const sentences = analyzeArticle(article);
      const opening = new Set(termsOf(article.title));
      for (const s of sentences.slice(0, RANKING.leadSentences)) {
        for (const t of s.terms) opening.add(t);
      }
      const weight = (t: string) => (this.documentFrequency(t) <= maxDf ? this.termWeight(t) : 0);
      const paragraphs = paragraphUnits(article.paragraphs, sentences);
      share = openingShare(paragraphs, opening, weight, minShared);
      this.openingShares.set(article, share);
    }
    return share;
  }

  /** Titles that look closest to what was typed: for "no result" replies and autocomplete. */
  suggestTitles(query: string, n = 5): Article[] {
    const terms = termsOf(query);
    if (!terms.length) return this.newest(n);
    const results = this.index.search(terms.join(' '), {
      processTerm: (t) => t,
      fields: TITLE_FIELDS,
      fuzzy: 0.34,
      prefix: true,
      combineWith: 'OR',
    });
    return results.slice(0, n).map((r) => this.articles[r.id as number]!);
  }
}
