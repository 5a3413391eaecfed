import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Article, Quote } from '../articles/types.js';
import { nextTurn, TimeSlices } from '../time-slices.js';
import { termOf, termsOf, tokenize } from './analyzer.js';
import type { SavedIndex } from './cache.js';
import {
  addCounted,
  type CountedField,
  loadCompact,
  type SavedCompactIndex,
  savedIndexOf,
  trimPostings,
  withCompactPostings,
} from './postings.js';
import {
  countSpeakers,
  type SpeakerCount,
  SpeakerTally,
  speakerMatcher,
  speakersTyped,
  speakerWords,
} from './quote-speakers.js';
import {
  ARTICLE_SHARE,
  CLOSEST,
  FRAGMENT_SHARE,
  PARTIAL_STATEMENT_MIN_WORDS,
  QUOTE_CANDIDATES,
  QUOTE_FUZZY,
  QUOTE_REPEATS,
  QUOTE_WEIGHTS,
  RELATED_ARTICLES,
  STATEMENT_MIN_WORDS,
} from './quote-tuning.js';
import { type BuildOptions, eachInSlices } from './slices.js';
import { bagOf, closeness, memorablePhrase, narrativeOf } from './who-said-match.js';

/** A quotation with the article it comes from. */
export interface QuoteHit {
  quote: Quote;
  article: Article;
  score: number;
}

export interface QuoteSearchOptions {
  speaker?: string | null;
  max?: number;
  /** Only articles dated in this range (YYYY-MM-DD, inclusive); undated articles are then left out. */
  since?: string | null;
  until?: string | null;
  /**
   * The day of asking (YYYY-MM-DD): articles dated after it did not exist yet, so their quotations
   * are not answers. Unlike `until`, undated articles stay.
   */
  notAfter?: string | null;
}

/** Whether an article falls in the date range and was out by the day of asking; with neither, every article does. */
function datedWithin(
  since: string | null,
  until: string | null,
  notAfter: string | null = null,
): (article: Article) => boolean {
  const published = (article: Article) => notAfter === null || !article.date || article.date <= notAfter;
  if (since === null && until === null) return published;
  return (article) =>
    published(article) &&
    !!article.date &&
    (since === null || article.date >= since) &&
    (until === null || article.date <= until);
}

/**
 * One document per article that quotes anyone: the speakers (with their roles), the words of all
 * its quotations and the names in the paragraphs around them, each part repeated as often as it
 * weighs (BM25 over repeated parts is BM25F). One document per article rather than per quotation,
 * without the title, keeps this index at a fraction of the memory (MiniSearch keeps a map entry per
 * term and document). Which quotation of an article answers is scored at query time, over the few
 * articles this index and the headlines pick.
 */
interface IndexedQuotes {
  i: number;
  all: string;
}

/**
 * A quotation that is a fragment of a sentence rather than a statement: fewer than
 * STATEMENT_MIN_WORDS words ("Fake news"), or a partial quotation starting in lowercase
 * mid-sentence ("partial mobilization") shorter than PARTIAL_STATEMENT_MIN_WORDS. "Our offer
 * stands." is a statement. What someone said is best shown by a statement; fragments come after.
 */
function isFragment(quote: Quote): boolean {
  const words = quote.text.split(/\s+/).filter(Boolean).length;
  if (words < STATEMENT_MIN_WORDS) return true;
  return /^[\p{P}\s]*\p{Ll}/u.test(quote.text) && words < PARTIAL_STATEMENT_MIN_WORDS;
}

/** Quotations in text order, whole statements before fragments. */
function statementsFirst(quotes: readonly Quote[]): Quote[] {
  return [...quotes.filter((q) => !isFragment(q)), ...quotes.filter(isFragment)];
}

/** What quotation search asks of the article library: the articles about some terms, and how rare a term is. */
export interface ArticleRelevance {
  /** Positions of the articles whose headlines best match these index terms, best first. */
  related(terms: readonly string[], max: number): number[];
  /** How much a term tells: its rarity among the articles. */
  weight(term: string): number;
}

const QUOTE_INDEX_OPTIONS: Options<IndexedQuotes> = {
  idField: 'i',
  fields: ['all'],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (term) => termOf(term) ?? null,
  searchOptions: {
    combineWith: 'OR',
    fuzzy: (term) => (term.length >= QUOTE_FUZZY.minLength ? QUOTE_FUZZY.maxEdits : false),
    weights: { fuzzy: QUOTE_FUZZY.weight, prefix: QUOTE_FUZZY.prefixWeight },
  },
};

function speakerText(quote: Quote): string {
  return [quote.speaker, quote.role].filter(Boolean).join(' ');
}

/** A capitalised word: names of people, places and organisations (and sentence starts, which cost little). */
const NAME_WORD = /\b\p{Lu}[\p{L}'’-]+/gu;

function indexedQuotes(article: Article, i: number): IndexedQuotes {
  const parts: string[] = [];
  const add = (text: string, times: number) => {
    for (let k = 0; text && k < times; k++) parts.push(text);
  };
  const near = new Set<number>();
  for (const quote of article.quotes) {
    add(speakerText(quote), QUOTE_REPEATS.speaker);
    add(quote.text, QUOTE_REPEATS.text);
    near.add(quote.paragraph - 1).add(quote.paragraph);
  }
  // the names around the quotations, once per article: "/quote Macron" finds what was said
  // about him in a paragraph that names him, even when the quotation itself does not
  const names = new Set<string>();
  for (const p of near) for (const name of article.paragraphs[p]?.match(NAME_WORD) ?? []) names.add(name);
  add([...names].join(' '), QUOTE_REPEATS.names);
  return { i, all: parts.join('\n') };
}

/** The text the quotation index holds for an article (empty when it quotes no one): what analyseArticle analyses. */
export function quotationsText(article: Article): string {
  return article.quotes.length ? indexedQuotes(article, 0).all : '';
}

/** The index terms of the names in a paragraph (none for a position outside the article). */
function paragraphNames(article: Article, paragraph: number): Set<string> {
  return new Set(termsOf((article.paragraphs[paragraph]?.match(NAME_WORD) ?? []).join(' ')));
}

/** position -> rank in `order`. */
function rankOf(order: readonly number[]): number[] {
  const rank = new Array<number>(order.length);
  order.forEach((a, r) => {
    rank[a] = r;
  });
  return rank;
}

/** Article positions, newest first (undated last, then by id): sorted once per snapshot. */
export function newestFirstOrder(articles: readonly Article[]): number[] {
  return articles
    .map((_, i) => i)
    .sort((x, y) => {
      const a = articles[x]!;
      const b = articles[y]!;
      const da = a.date ?? '';
      const db = b.date ?? '';
      if (da !== db) return da < db ? 1 : -1;
      return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    });
}

/**
 * The quotations of a snapshot's articles, with their own MiniSearch index (speakers and quotation
 * words, one document per article) and the article index's help for what the articles are about.
 */
export class QuoteIndex {
  private readonly index: MiniSearch<IndexedQuotes>;
  /** Counted on first use when the index comes from the warm cache: a start need not wait for it. */
  private counted: SpeakerCount[] | null;
  /** How many quotations the articles have. */
  readonly size: number;
  private recencyRank: number[] | null = null;
  /**
   * Each speaker's name folded into words (speakerWords), on first comparison: a search by speaker
   * compares every quotation of thousands of articles, and the same names recur. At most one entry
   * per distinct speaker name of the snapshot.
   */
  private readonly foldedSpeakers = new Map<string, readonly string[]>();
  private readonly speakerWordsOf = (speaker: string): readonly string[] => {
    let words = this.foldedSpeakers.get(speaker);
    if (!words) {
      words = speakerWords(speaker);
      this.foldedSpeakers.set(speaker, words);
    }
    return words;
  };

  /** Article position -> rank among the articles, newest first; worked out on first use. */
  private get recency(): number[] {
    this.recencyRank ??= rankOf(this.newestOrder);
    return this.recencyRank;
  }

  /**
   * Indexes the quotations in one go; `built` takes what `build` or `restore` made instead.
   * `newestOrder` is the snapshot's article order, newest first.
   */
  constructor(
    private readonly articles: readonly Article[],
    private readonly newestOrder: readonly number[],
    private readonly relevance: ArticleRelevance,
    built?: { index: MiniSearch<IndexedQuotes>; speakerCounts?: SpeakerCount[] },
  ) {
    this.size = articles.reduce((n, a) => n + a.quotes.length, 0);
    this.counted = built ? (built.speakerCounts ?? null) : countSpeakers(articles);
    if (built) {
      this.index = built.index;
    } else {
      this.index = withCompactPostings(new MiniSearch(QUOTE_INDEX_OPTIONS));
      articles.forEach((article, i) => {
        if (article.quotes.length) this.index.add(indexedQuotes(article, i));
      });
    }
  }

  /**
   * The same index over `articles`, which are equal to these and in the same order (another copy
   * of them: Library.withArticles). What the index worked out is shared, as it names no article.
   */
  withArticles(articles: readonly Article[]): QuoteIndex {
    return new QuoteIndex(articles, this.newestOrder, this.relevance, {
      index: this.index,
      ...(this.counted ? { speakerCounts: this.counted } : {}),
    });
  }

  /** Indexes and counts speakers in slices, giving the event loop back between them (see Library.build). */
  static async build(
    articles: readonly Article[],
    newestOrder: readonly number[],
    relevance: ArticleRelevance,
    options: BuildOptions & {
      /** An article's quotations analysed already (library.ts: analyseArticle), by its position; absent: analysed here. */
      quotations?: (i: number) => CountedField | null | undefined;
    } = {},
  ): Promise<QuoteIndex> {
    const quoting = articles.flatMap((a, i) => (a.quotes.length ? [i] : []));
    await nextTurn();
    const index = withCompactPostings(new MiniSearch(QUOTE_INDEX_OPTIONS));
    const tally = new SpeakerTally();
    await eachInSlices(
      quoting.length,
      (k) => {
        const i = quoting[k]!;
        const article = articles[i]!;
        for (const quote of article.quotes) tally.add(quote);
        const field = options.quotations?.(i);
        if (field) addCounted(index, i, [field]);
        else index.add(indexedQuotes(article, i));
      },
      options,
      'quotations',
    );
    await trimPostings(index, new TimeSlices(options.yieldEveryMs, options.signal));
    await nextTurn();
    return new QuoteIndex(articles, newestOrder, relevance, { index, speakerCounts: tally.result() });
  }

  static restore(
    articles: readonly Article[],
    newestOrder: readonly number[],
    relevance: ArticleRelevance,
    saved: SavedIndex,
  ): QuoteIndex {
    // the entries are parsed lazily, one at a time (see SavedIndex)
    const index = loadCompact<IndexedQuotes>(saved, QUOTE_INDEX_OPTIONS);
    const quoting = articles.reduce((n, a) => n + (a.quotes.length ? 1 : 0), 0);
    if (index.documentCount !== quoting)
      throw new Error('the cached quote index does not match the articles');
    return new QuoteIndex(articles, newestOrder, relevance, { index });
  }

  toJSON(): AsPlainObject {
    return this.index.toJSON();
  }

  /** The index as the warm cache keeps it (postings.ts, savedIndexOf). */
  saved(): SavedCompactIndex {
    return savedIndexOf(this.index);
  }

  /**
   * Quotations about `query` (in their words, their speaker, their article's title or the names in
   * the paragraph around them), by `speaker` when given; with neither, the newest article's quotations.
   */
  search(query: string, options: QuoteSearchOptions = {}): QuoteHit[] {
    const max = options.max ?? 10;
    const speaker = options.speaker?.trim() || null;
    const dated = datedWithin(options.since ?? null, options.until ?? null, options.notAfter ?? null);
    const terms = [...new Set(termsOf(query))];
    if (!terms.length)
      return speaker ? this.bySpeakerNewestFirst(speaker, max, dated) : this.newestArticleQuotes(max, dated);
    const results = this.index.search({ queries: terms, combineWith: 'OR' }, { processTerm: (t) => t });
    // a near spelling the index matched stands for the query word it came from
    const alias = new Map<string, string>();
    for (const r of results.slice(0, QUOTE_CANDIDATES)) {
      const spelledOtherwise = r.queryTerms.filter((q) => !r.terms.includes(q));
      if (spelledOtherwise.length !== 1) continue;
      for (const derived of r.terms) if (!terms.includes(derived)) alias.set(derived, spelledOtherwise[0]!);
    }
    const top = results[0]?.score ?? 1;
    const candidates = new Map<number, number>();
    // with a speaker, every article this index matched: the speaker's quotations may sit in any
    for (const r of speaker ? results : results.slice(0, QUOTE_CANDIDATES))
      candidates.set(r.id as number, r.score / top);
    for (const a of this.relevance.related(terms, RELATED_ARTICLES))
      if (!candidates.has(a)) candidates.set(a, 0);

    const weights = new Map(terms.map((t) => [t, this.relevance.weight(t)]));
    const total = terms.reduce((sum, t) => sum + weights.get(t)!, 0) * QUOTE_WEIGHTS.speaker || 1;
    const canonical = (t: string) => (weights.has(t) ? t : alias.get(t));
    const hits: (QuoteHit & { rank: number })[] = [];
    const rank = this.recency;
    const bySpeaker = speaker ? speakerMatcher(speaker, this.speakerWordsOf) : null;
    for (const [a, articleScore] of candidates) {
      const article = this.articles[a]!;
      if (!dated(article)) continue;
      // most articles a speaker's search reads have no quotation of theirs: nothing to work out
      if (bySpeaker && !article.quotes.some((quote) => bySpeaker(quote.speaker))) continue;
      let title: Set<string> | null = null;
      // names of the paragraph of a quotation and of the one before it; neighbours share them
      const names = new Map<number, Set<string>>();
      const namesIn = (paragraph: number) => {
        let found = names.get(paragraph);
        if (!found) {
          found = paragraphNames(article, paragraph);
          names.set(paragraph, found);
        }
        return found;
      };
      for (const quote of article.quotes) {
        if (bySpeaker && !bySpeaker(quote.speaker)) continue;
        // each query term counts once, by the weightiest part of the quotation that has it
        const best = new Map<string, number>();
        const mark = (words: Iterable<string>, weight: number) => {
          for (const w of words) {
            const t = canonical(w);
            if (t && (best.get(t) ?? 0) < weight) best.set(t, weight);
          }
        };
        mark(termsOf(speakerText(quote)), QUOTE_WEIGHTS.speaker);
        mark(termsOf(quote.text), QUOTE_WEIGHTS.text);
        title ??= new Set(termsOf(article.title));
        mark(title, QUOTE_WEIGHTS.title);
        mark(namesIn(quote.paragraph - 1), QUOTE_WEIGHTS.names);
        mark(namesIn(quote.paragraph), QUOTE_WEIGHTS.names);
        if (!best.size) continue;
        let sum = 0;
        for (const [t, w] of best) sum += weights.get(t)! * w;
        hits.push({
          article,
          quote,
          score: (sum / total + ARTICLE_SHARE * articleScore) * (isFragment(quote) ? FRAGMENT_SHARE : 1),
          rank: rank[a]!,
        });
      }
    }
    hits.sort((x, y) => y.score - x.score || x.rank - y.rank);
    const best = hits[0]?.score ?? 1;
    return hits.slice(0, max).map(({ article, quote, score }) => ({
      article,
      quote,
      score: Math.round((score / best) * 1000) / 1000,
    }));
  }

  /**
   * The quotations closest to a message's words, best first (at most `max`), or none when no
   * quotation is close enough: see CLOSEST (`minScore` is for measuring other thresholds). The work
   * is bounded whatever the message's length.
   */
  closest(text: string, max = 1, minScore = CLOSEST.minScore): QuoteHit[] {
    // each word's weight once per message: the same words recur across the quotations compared
    const weights = new Map<string, number>();
    const weight = (t: string) => {
      let w = weights.get(t);
      if (w === undefined) {
        w = this.relevance.weight(t);
        weights.set(t, w);
      }
      return w;
    };
    const message = bagOf(text, weight);
    if (message.terms.size < CLOSEST.minShared) return [];
    const rarest = [...message.terms].sort((a, b) => weight(b) - weight(a)).slice(0, CLOSEST.maxTerms);
    const articles = this.index
      .search({ queries: rarest, combineWith: 'OR' }, { processTerm: (t) => t, fuzzy: false, prefix: false })
      .slice(0, CLOSEST.candidates);
    const rank = this.recency;
    const hits: (QuoteHit & { rank: number; cover: number })[] = [];
    const narrative = narrativeOf(
      articles.map((r) => this.articles[r.id as number]!),
      weight,
    );
    for (const r of articles) {
      const a = r.id as number;
      const article = this.articles[a]!;
      for (const quote of article.quotes) {
        const speaker = new Set(quote.speaker ? termsOf(quote.speaker) : []);
        const bag = bagOf(quote.text, weight);
        const near = closeness(message, bag, speaker, weight);
        const cover = near.cover;
        // a memorable phrase scores CLOSEST.minScore whatever threshold is asked (bench:who-said asks lower ones)
        const score =
          near.score >= CLOSEST.minScore
            ? near.score
            : Math.max(near.score, memorablePhrase(message, bag, narrative));
        if (score >= minScore) hits.push({ article, quote, score, cover, rank: rank[a]! });
      }
    }
    hits.sort((x, y) => y.score - x.score || y.cover - x.cover || x.rank - y.rank);
    return hits
      .slice(0, max)
      .map(({ article, quote, score }) => ({ article, quote, score: Math.round(score * 1000) / 1000 }));
  }

  /** The quotations of the newest article that has any. */
  private newestArticleQuotes(max: number, dated: (article: Article) => boolean): QuoteHit[] {
    for (const a of this.newestOrder) {
      const article = this.articles[a]!;
      if (article.quotes.length && dated(article))
        return statementsFirst(article.quotes)
          .slice(0, max)
          .map((quote) => ({ article, quote, score: 1 }));
    }
    return [];
  }

  /**
   * What a speaker said, newest first. The index finds the articles with all the name's words among
   * their speakers (or quotations); the exact name check then keeps the speaker's own.
   */
  private bySpeakerNewestFirst(
    speaker: string,
    max: number,
    dated: (article: Article) => boolean,
  ): QuoteHit[] {
    const nameTerms = termsOf(speaker);
    if (!nameTerms.length) return [];
    const rank = this.recency;
    const articles = this.index
      .search(nameTerms.join(' '), { processTerm: (t) => t, combineWith: 'AND', fuzzy: false, prefix: false })
      .map((r) => r.id as number)
      .sort((x, y) => rank[x]! - rank[y]!);
    // whole statements first, newest first; fragments ("partial mobilization") after them
    const statements: QuoteHit[] = [];
    const fragments: QuoteHit[] = [];
    const bySpeaker = speakerMatcher(speaker, this.speakerWordsOf);
    for (const a of articles) {
      if (statements.length >= max) break;
      const article = this.articles[a]!;
      if (!dated(article)) continue;
      for (const quote of article.quotes) {
        if (!bySpeaker(quote.speaker)) continue;
        if (isFragment(quote)) {
          if (fragments.length < max) fragments.push({ article, quote, score: 1 });
        } else if (statements.length < max) statements.push({ article, quote, score: 1 });
      }
    }
    return [...statements, ...fragments].slice(0, max);
  }

  /** Known speakers with their quote counts, most quoted first; `typed` narrows them by any word of the name. */
  speakers(typed = '', max = 25): SpeakerCount[] {
    this.counted ??= countSpeakers(this.articles);
    return speakersTyped(this.counted, typed, max);
  }
}
