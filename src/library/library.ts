import MiniSearch, { type Options, type Query } from 'minisearch';
import type { Article, Problem } from '../articles/types.js';
import { nextTurn, TimeSlices } from '../time-slices.js';
import { type AnalysedText, countedFields } from './analysed.js';
import { computeTerm, documentTokens, foldWord, termOf, termsOf, tokenize } from './analyzer.js';
import { bestFirst } from './best-first.js';
import type { SavedIndex } from './cache.js';
import { CARRYING, carryingTerms, type QueryWord, queryWords } from './carrying.js';
import { dfLimit } from './df-limit.js';
import { openingShare, paragraphUnits, roundupFactor } from './focus.js';
import { ANALYSED_FIELDS, INDEX_FIELDS, type IndexedArticle, indexedArticle } from './indexed-article.js';
import {
  analyzeArticle,
  findPassage,
  headCoverage,
  type Passage,
  type PassageQuery,
  type ScoredPassage,
  sentencesInSummary,
} from './passage.js';
import { articleTerms } from './phrase-terms.js';
import {
  addCounted,
  type CountedField,
  loadCompact,
  type SavedCompactIndex,
  savedIndexOf,
  trimPostings,
  withCompactPostings,
} from './postings.js';
import { answerTypeOf, knownWords } from './question.js';
import { type ArticleRelevance, newestFirstOrder, QuoteIndex } from './quote-index.js';
import {
  candidateTerms,
  type DateWindow,
  freshnessFactor,
  freshnessFrom,
  inWindow,
  RANKING,
  termWeightOf,
  windowFirst,
} from './ranking.js';
import { rawSearch, searchOrder } from './raw-search.js';
import { type BuildOptions, eachInSlices } from './slices.js';
import { groupStories, type StoryKey, storyKey } from './stories.js';
import { utcDay } from './time-words.js';

export { analyseArticle, indexedArticle } from './indexed-article.js';

export interface SearchOptions {
  /** How many hits to return at most (the reply pages through them). */
  max?: number;
  /** YYYY-MM-DD, inclusive. Articles without a date are left out when either bound is set. */
  since?: string | null;
  until?: string | null;
  /**
   * The moment of asking: articles dated after its day (UTC) did not exist yet and are left out
   * (undated ones stay); with no window, newer articles rank a little higher (freshness).
   */
  now?: Date | null;
  /** The days the question's time words name: articles inside it that answer rank first. */
  window?: DateWindow | null;
  /**
   * "latest on …": of the hits that answer about as well as the best (the window's answerShare),
   * the newest first; before a keyword query's names are put first, so those still lead.
   */
  newestFirst?: boolean;
}

/** The question, read once for all the stages. */
interface ReadQuery {
  text: string;
  /** Distinct index terms, in the question's order. */
  terms: string[];
  /** The first word of the question that gave each term. */
  firstWord: Map<string, string>;
  /** Terms whose near spellings are looked up too. */
  fuzzy: Set<string>;
  /** Terms every result must have, exactly or by one slip when in `fuzzy` (carrying.ts). */
  required: string[];
  /**
   * Runs of terms a result must have word after word: two or more required terms next to each
   * other in the question (a name's words), and a written name that holds a misspelt word (namePhrases).
   */
  phrases: string[][];
  /**
   * For typo-looked-up terms no article has: the indexed terms of the word's one-slip spellings
   * ("Depnrtment" -> "department" -> "depart"), which a near-spelling lookup of the stem misses
   * when the slip changes how the word stems.
   */
  variants: Map<string, Set<string>>;
  /**
   * The question's names of two words or more ("Kevin Smith"; in a keyword query typed in
   * lowercase, its words): articles that have them word after word rank before those that have
   * the words apart.
   */
  names: string[][];
}

/** An article the index found, with its index score. */
interface Candidate {
  doc: number;
  score: number;
  /** Index terms matched, each with the fields it matched in (MiniSearch's `match`). */
  match: Record<string, string[]>;
}

export interface SearchHit {
  article: Article;
  score: number;
  /** The passage that best answers the query, or null when only the title or metadata matched. */
  passage: Passage | null;
  /** Index terms of the query that matched this article, for highlighting. */
  terms: string[];
  /** Other reports of the same story (stories.ts), oldest first. */
  related: Article[];
  /**
   * With a date window: true when the reply's first hits are articles inside it that answer,
   * false when none inside answers and the hits are the best from other dates. Null without one.
   */
  inWindow: boolean | null;
}

const TEXT_FIELD = ['text'];
const TITLE_FIELDS = ['titles'];

/**
 * Typos: a query word of this many letters or more is also looked up one edit away; a shorter word
 * one slip away is usually another word ("tax", "tap"). Evidence: set with the first near
 * spellings, not swept; QUOTE_FUZZY.minLength is the same bar for quotations.
 */
const TYPO_MIN_LETTERS = 5;

/** Typos: one edit in a word of TYPO_MIN_LETTERS letters or more. */
function maxEdits(word: string): number {
  return word.length >= TYPO_MIN_LETTERS ? 1 : 0;
}

/**
 * A shorter word of a written name ("Alex Lasy", "Tim Ryn") that no article has is looked up by
 * one slip too when it has at least this many letters: alone, a three- or four-letter word is one
 * slip from dozens of words ("lasy": last, lady, easy), but a name's words must then stand next to
 * each other in the article (namePhrases), and a chance neighbour of the other word is rare.
 */
const NAME_TYPO_MIN_LETTERS = 3;

/** Runs of two or more words written as one name: capitalised, each joined to the one before. */
function writtenNames(words: readonly QueryWord[]): QueryWord[][] {
  const runs: QueryWord[][] = [];
  let run: QueryWord[] = [];
  for (const w of [...words, null]) {
    if (!w?.name || !w.joined) {
      if (run.length > 1) runs.push(run);
      run = [];
    }
    if (w?.name) run.push(w);
  }
  return runs;
}

/**
 * The written names that hold a word no article has (looked up by its near spellings): a near
 * spelling alone is weak evidence ("Dominici" is one slip from "Dominic"), so the whole name must be
 * in the article word after word ("Christophe Dominici" is not "Christopher … Dominic"), its other
 * words exactly or, when typo-looked-up, by a slip too.
 */
function namePhrases(names: readonly QueryWord[][], misspelt: (term: string) => boolean): string[][] {
  return names.filter((run) => run.some((w) => misspelt(w.term))).map((run) => run.map((w) => w.term));
}

/**
 * Of the hits that answer about as well as the best (RANKING.window.answerShare of its score, the
 * bar a date window's articles must pass), the newest first (undated last); the others follow as
 * ranked. A report that merely mentions the topic does not lead for being new.
 */
export function newestFirst<T extends { score: number; article: { date: string | null } }>(
  hits: readonly T[],
  share = RANKING.window.answerShare,
): T[] {
  const top = hits.reduce((best, h) => Math.max(best, h.score), 0);
  const close = hits.filter((h) => h.score >= share * top);
  close.sort((a, b) => (b.article.date ?? '').localeCompare(a.article.date ?? ''));
  return [...close, ...hits.filter((h) => h.score < share * top)];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every spelling one slip from a word: a letter removed, added or changed, or two neighbours swapped. */
function oneSlipSpellings(word: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const c of LETTERS) {
      out.add(head + c + tail);
      if (tail) out.add(head + c + tail.slice(1));
    }
  }
  out.delete(word);
  return out;
}

/**
 * In a keyword query (at most `keywordTerms` terms), runs of two or more consecutive words written
 * as names; typed with no capitals at all, its words (people type names in lowercase).
 */
function nameRuns(words: readonly QueryWord[], keywordTerms: number): string[][] {
  // in a sentence, the passage score's proximity already rewards a name's words side by side, and
  // titles run into names there ("former President Donald Trump"): only keyword queries ask this
  if (new Set(words.map((w) => w.term)).size > keywordTerms) return [];
  const keyword = true;
  const typedLower = words.every((w) => w.word === w.word.toLowerCase());
  const runs: string[][] = [];
  let run: string[] = [];
  for (const w of [...words, null]) {
    const inName = w !== null && (w.name || (keyword && typedLower));
    if (!inName || !w.joined) {
      if (run.length > 1) runs.push(run);
      run = [];
    }
    if (inName) run.push(w.term);
  }
  return runs;
}

/** Runs of two or more consecutive question words whose terms are all in `keep`. */
function adjacentRuns(words: readonly { term: string }[], keep: ReadonlySet<string>): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const w of [...words, { term: '' }]) {
    if (keep.has(w.term)) run.push(w.term);
    else {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  return runs;
}

/**
 * The share of an article's best match for the query that it states rather than asks (passage.ts,
 * plainScore): 1 for an article whose best match is a statement; lower for one whose best match is
 * a question it asks (a newsletter's quiz that repeats the question word for word). The index
 * score counts the asked words in full, so the re-rank counts that score at this share: an article
 * that only asks the question does not answer it.
 */
function statedShare(found: { score: number; plainScore: number } | null): number {
  return found && found.plainScore > 0 ? Math.min(1, found.score / found.plainScore) : 1;
}

/** True when `run` is in `terms` word after word, each exactly or as `near` allows. */
function hasRun(
  terms: readonly string[],
  run: readonly string[],
  near: (t: string, d: string) => boolean,
): boolean {
  const n = run.length;
  windows: for (let i = 0; i + n <= terms.length; i++) {
    for (let k = 0; k < n; k++) {
      const t = run[k]!;
      const d = terms[i + k]!;
      if (t !== d && !near(t, d)) continue windows;
    }
    return true;
  }
  return false;
}

/** Near spellings are suggested for words of at least this many letters: shorter ones have too many. */
const NEAR_MIN_LETTERS = 4;

/** withinOneEdit, or two neighbouring letters swapped ("zelenksy"). */
function oneSlip(a: string, b: string): boolean {
  if (withinOneEdit(a, b)) return true;
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
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
  // the document frequencies are counted as each article's terms reach the index (postings.ts)
  return withCompactPostings(new MiniSearch<IndexedArticle>(indexOptions()), documentFrequency);
}

/** The index's options: the same for building it and for loading it from the warm cache. */
function indexOptions(): Options<IndexedArticle> {
  return {
    idField: 'i',
    fields: [...INDEX_FIELDS],
    storeFields: [],
    extractField: (doc, field) => doc[field as keyof IndexedArticle],
    // an article's words with their joined compounds; a question's words as written (analyzer.ts)
    tokenize: (text) => documentTokens(text),
    processTerm: (word) => termOf(word),
    searchOptions: {
      tokenize: (text) => tokenize(text),
      fields: TEXT_FIELD,
      bm25: RANKING.bm25,
      combineWith: 'OR',
      weights: { fuzzy: RANKING.fuzzyWeight, prefix: RANKING.prefixWeight },
    },
  };
}

/**
 * How far a typed word may be from a title's word in suggestTitles (autocomplete and "no result"
 * replies), as MiniSearch's fuzzy share of the word's length, rounded: one slip in a word of 2-4
 * letters, two in 5-7, three in 8-10. Looser than the search's typos (maxEdits): a suggestion
 * is offered, not answered. Evidence: set with the first suggestions (32ec059), never
 * measured.
 */
export const TITLE_SUGGESTION_FUZZY = 0.34;

/** Build options of a snapshot: the slices', and the analyses known already (analyseArticle's). */
export interface LibraryBuildOptions extends BuildOptions {
  /** An article's analysis when one is known (from the cache's parts); the others are analysed as they are added. */
  analysed?: (article: Article) => AnalysedText | null | undefined;
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

/** The indexes a snapshot searches with: what withoutIndexes lets go. */
interface SearchIndexes {
  index: MiniSearch<IndexedArticle>;
  df: Map<string, number>;
  quotes: QuoteIndex;
}

/** What withoutIndexes gives the constructor: the snapshot whose articles and maps are kept. */
interface LetGo {
  letGoFrom: Library;
}

/** What withArticles gives the constructor: the snapshot whose indexes and order are kept. */
interface CopyOf {
  copyOf: Library;
}

/** A search asked of a snapshot whose indexes were let go: a mistake in the caller, never a reply. */
const INDEXES_LET_GO = "this snapshot's indexes were let go: its searches run in the search workers";

/**
 * An immutable snapshot of the articles and their index. A reload builds a new Library and swaps it
 * in one step, so a query always sees one consistent set of articles.
 */
export class Library {
  readonly articles: readonly Article[];
  readonly problems: readonly Problem[];
  readonly loadedAt: Date;
  private readonly byId: Map<string, Article>;
  /** How many quotations these articles hold (known without the quotation index). */
  readonly quotationCount: number;
  /** What the searches read beyond the articles; null once let go (withoutIndexes). */
  private readonly searchable: SearchIndexes | null;
  /** Article positions, newest first: sorted once, since "newest" is asked on every empty query. */
  private readonly newestOrder: number[];
  /** Opening share per article (focus.ts), worked out when the article is first re-ranked. */
  private readonly openingShares = new WeakMap<Article, number>();
  /** Headline and lead words per article (stories.ts), worked out when the article is first grouped. */
  private readonly storyKeys = new WeakMap<Article, StoryKey>();

  /** Builds the indexes in one go; `built` takes indexes made by `build` or `restore` instead. */
  constructor(
    articles: readonly Article[],
    problems: readonly Problem[] = [],
    built?: (SearchIndexes & { newestOrder: number[] }) | LetGo | CopyOf,
  ) {
    this.articles = articles;
    this.problems = problems;
    if (built && 'letGoFrom' in built) {
      // withoutIndexes: the same snapshot, its maps shared, nothing of the indexes kept
      const from = built.letGoFrom;
      this.loadedAt = from.loadedAt;
      this.byId = from.byId;
      this.newestOrder = from.newestOrder;
      this.searchable = null;
      this.quotationCount = from.quotationCount;
      return;
    }
    if (built && 'copyOf' in built) {
      // withArticles: the same snapshot over another copy of its articles, the indexes shared
      const from = built.copyOf;
      this.loadedAt = from.loadedAt;
      this.byId = new Map(articles.map((a) => [a.id, a]));
      this.newestOrder = from.newestOrder;
      this.searchable = from.searchable && {
        ...from.searchable,
        quotes: from.searchable.quotes.withArticles(articles),
      };
      this.quotationCount = from.quotationCount;
      return;
    }
    this.loadedAt = new Date();
    this.byId = new Map(articles.map((a) => [a.id, a]));
    if (built) {
      this.searchable = { index: built.index, df: built.df, quotes: built.quotes };
      this.newestOrder = built.newestOrder;
    } else {
      const df = new Map<string, number>();
      const index = createIndex(df);
      index.addAll(articles.map(indexedArticle));
      this.newestOrder = newestFirstOrder(articles);
      const quotes = new QuoteIndex(articles, this.newestOrder, articleRelevance(index, df, articles.length));
      this.searchable = { index, df, quotes };
    }
    this.quotationCount = this.searchable.quotes.size;
  }

  /**
   * The same snapshot without its indexes: the articles, their order and the counts, for a main
   * thread whose searches all run in the search workers (each holds its own copy of the indexes),
   * so the process does not keep one more copy than it searches with. Its searches throw.
   */
  withoutIndexes(): Library {
    return new Library(this.articles, this.problems, { letGoFrom: this });
  }

  /**
   * The same snapshot over `articles`: another copy of its articles, equal to them and in the same
   * order (text-on-disk.ts: the same articles with their text left in the cache). The indexes,
   * which name articles by position, are shared.
   */
  withArticles(articles: readonly Article[]): Library {
    if (articles.length !== this.articles.length || articles.some((a, i) => a.id !== this.articles[i]!.id))
      throw new Error('withArticles takes the same articles in the same order');
    return new Library(articles, this.problems, { copyOf: this });
  }

  /** False once let go (withoutIndexes): the searches run elsewhere. */
  get hasIndexes(): boolean {
    return this.searchable !== null;
  }

  private get indexes(): SearchIndexes {
    if (!this.searchable) throw new Error(INDEXES_LET_GO);
    return this.searchable;
  }

  private get index(): MiniSearch<IndexedArticle> {
    return this.indexes.index;
  }

  private get df(): Map<string, number> {
    return this.indexes.df;
  }

  /** The quotations of these articles, with their own index (not on a snapshot without indexes). */
  get quotes(): QuoteIndex {
    return this.indexes.quotes;
  }

  /**
   * Builds a snapshot in slices of at most `yieldEveryMs` of work, giving the event loop back between
   * them, so a reload of a large library never holds up the replies in flight.
   */
  static async build(
    articles: readonly Article[],
    problems: readonly Problem[] = [],
    options: LibraryBuildOptions = {},
  ): Promise<Library> {
    const df = new Map<string, number>();
    const index = createIndex(df);
    const known = options.analysed;
    /** The quotation field of each analysed article, by position, until the quotation index is built. */
    const quoteFields: (CountedField | undefined)[] | null = known ? new Array(articles.length) : null;
    await eachInSlices(
      articles.length,
      (i) => {
        const article = articles[i]!;
        const analysed = known?.(article);
        const counted = analysed ? countedFields(analysed, ANALYSED_FIELDS) : null;
        if (!counted) return void index.add(indexedArticle(article, i));
        if (quoteFields && article.quotes.length)
          quoteFields[i] = { ...counted[INDEX_FIELDS.length]!, fieldId: 0 };
        // the document frequencies too, as an article added by MiniSearch's add counts them
        addCounted(index, i, counted.slice(0, INDEX_FIELDS.length));
      },
      options,
    );
    await trimPostings(index, new TimeSlices(options.yieldEveryMs, options.signal));
    // each step below is short, but run back to back they would add up to one long stall
    await nextTurn();
    const newestOrder = newestFirstOrder(articles);
    await nextTurn();
    const relevance = articleRelevance(index, df, articles.length);
    const quotes = await QuoteIndex.build(articles, newestOrder, relevance, {
      ...options,
      ...(quoteFields ? { quotations: (i: number) => quoteFields[i] } : {}),
    });
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
    // the entries are parsed lazily, one at a time, into compact postings (see SavedIndex)
    const index = loadCompact<IndexedArticle>(saved.index, indexOptions());
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
  exportIndexes(): { index: SavedCompactIndex; df: [string, number][]; quoteIndex: SavedCompactIndex } {
    return { index: savedIndexOf(this.index), df: [...this.df], quoteIndex: this.quotes.saved() };
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

  /**
   * The articles that answer `query`, best first, one per story (the others of each story in
   * `related`). Stages, in order: the question read into terms and weights (readQuery); candidates
   * from the index within the hard limits (candidates: since/until, nothing after the moment of
   * asking); the re-rank of the best of them by passage, headline, lead, round-up focus and
   * freshness (rerank); the date window's answers first (ranking.ts, windowFirst); one result per
   * story (stories.ts).
   */
  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const q = this.readQuery(query);
    if (!q) return [];
    const { max = 10, window = null } = options;
    const today = options.now ? utcDay(options.now) : null;
    const candidates = this.candidates(
      q,
      { since: options.since ?? null, until: options.until ?? null, today },
      // what rerank reads: the best rerankDepth, the window's best windowDepth after them, and at
      // most `max` more after those (the first `max` past rerankDepth are enough for that)
      {
        count: RANKING.rerankDepth + max,
        extra: window && {
          accept: (c: Candidate) => inWindow(this.articles[c.doc]!.date, window),
          count: RANKING.window.windowDepth,
        },
      },
    );
    if (!candidates.length) return [];
    const reranked = this.rerank(q, candidates, { max, window, today });
    const ranked = this.namesFirst(q, options.newestFirst ? newestFirst(reranked) : reranked);
    const ordered = window ? windowFirst(ranked, window) : { hits: ranked, answered: true };
    return groupStories(ordered.hits, this.storyKeyOf)
      .map(({ lead, related }) =>
        Object.assign(lead, { related, inWindow: window ? ordered.answered : null }),
      )
      .slice(0, max);
  }

  /** The question as the later stages need it: its distinct terms, the words they came from, which to look up with typos. */
  private readQuery(query: string): ReadQuery | null {
    // distinct index terms of the query, each with the first word that gave it
    const firstWord = new Map<string, string>();
    for (const word of tokenize(query)) {
      const term = termOf(word);
      if (term && !firstWord.has(term)) firstWord.set(term, word);
    }
    const terms = [...firstWord.keys()];
    if (!terms.length) return null;
    // near spellings only for words the library (almost) does not have: typos are rare words, and
    // fuzzy lookups of common words cost time and add noise
    const words = queryWords(query);
    const names = writtenNames(words);
    const inName = new Set(names.flat().map((w) => w.term));
    const fuzzy = new Set(
      terms.filter((t) => {
        const df = this.documentFrequency(t);
        if (df < RANKING.fuzzyBelowDf && maxEdits(firstWord.get(t)!) > 0) return true;
        return df === 0 && inName.has(t) && foldWord(firstWord.get(t)!).length >= NAME_TYPO_MIN_LETTERS;
      }),
    );
    const required = carryingTerms(words, (t) => this.documentFrequency(t), this.articles.length);
    const variants = new Map<string, Set<string>>();
    for (const t of fuzzy) {
      if (this.documentFrequency(t)) continue;
      const found = new Set<string>();
      for (const spelling of oneSlipSpellings(foldWord(firstWord.get(t)!))) {
        const v = computeTerm(spelling);
        if (v && v !== t && this.df.has(v)) found.add(v);
      }
      if (found.size) variants.set(t, found);
    }
    return {
      text: query,
      terms,
      firstWord,
      fuzzy,
      required,
      phrases: [
        ...adjacentRuns(words, new Set(required)),
        ...namePhrases(names, (t) => fuzzy.has(t) && !this.documentFrequency(t)),
      ],
      variants,
      names: nameRuns(words, CARRYING.keywordTerms),
    };
  }

  /**
   * The question's words as the search reads them: each term, the word it came from, how many
   * articles have it, whether every result must have it (carrying.ts) and whether a typo lookup
   * would find near spellings. For replies that say which words matched nothing.
   */
  readWords(query: string): { term: string; word: string; df: number; required: boolean; typos: boolean }[] {
    const q = this.readQuery(query);
    if (!q) return [];
    const required = new Set(q.required);
    return q.terms.map((term) => ({
      term,
      word: q.firstWord.get(term)!,
      df: this.documentFrequency(term),
      required: required.has(term),
      typos: q.fuzzy.has(term),
    }));
  }

  /**
   * Indexed terms one slip from `term` (a letter added, removed, changed, or two next to each
   * other swapped), most common first, each with a word of an article that gives it (as written).
   * For "Did you mean …?" when a word matched nothing; a linear pass over the vocabulary, so only
   * on that path.
   */
  nearWords(term: string, n = 1): string[] {
    if (term.length < NEAR_MIN_LETTERS) return [];
    const near: [string, number][] = [];
    for (const [t, f] of this.df) {
      if (t !== term && Math.abs(t.length - term.length) <= 1 && oneSlip(term, t)) near.push([t, f]);
    }
    near.sort((a, b) => b[1] - a[1]);
    const out: string[] = [];
    for (const [t] of near) {
      const word = this.wordFor(t);
      if (word && !out.includes(word)) out.push(word);
      if (out.length >= n) break;
    }
    return out;
  }

  /** A word as an article writes it whose term is `term` (the headline's first, else the text's). */
  private wordFor(term: string): string | null {
    const hit = this.index.search(term, { processTerm: (t) => t, fuzzy: false, prefix: false })[0];
    const article = hit && this.articles[hit.id as number];
    if (!article) return null;
    for (const text of [article.title, article.standfirst ?? '', ...article.paragraphs]) {
      for (const word of tokenize(text)) if (termOf(word) === term) return word;
    }
    return null;
  }

  /**
   * Stage 1: the articles the index finds for the query's informative terms (candidateTerms), within
   * since/until (undated articles are then left out) and not dated after the day of asking (undated
   * ones stay), scored by BM25F times coordination, best first: the first `read.count` of them,
   * and the first `read.extra.count` after those that `read.extra.accept` takes (what rerank reads).
   */
  private candidates(
    q: ReadQuery,
    limits: { since: string | null; until: string | null; today: string | null },
    read: { count: number; extra: { accept: (c: Candidate) => boolean; count: number } | null },
  ): Candidate[] {
    const { since, until, today } = limits;
    const picked = candidateTerms(q.terms, this.df, this.articles.length);
    // the carrying terms always pick: every result must have them
    for (const t of q.required) if (!picked.includes(t)) picked.push(t);
    const miniQuery: Query = {
      combineWith: 'OR',
      queries: picked.flatMap((t): Query[] => {
        const exact: Query = { queries: [t], fuzzy: q.fuzzy.has(t) ? 1 : false, prefix: false };
        const variants = q.variants.get(t);
        // the one-slip spellings count as a near spelling does (RANKING.fuzzyWeight)
        if (!variants) return [exact];
        return [
          exact,
          { queries: [...variants], fuzzy: false, prefix: false, boost: { text: RANKING.fuzzyWeight } },
        ];
      }),
    };
    const dated = since !== null || until !== null;
    const keep =
      dated || today !== null
        ? (id: unknown) => {
            const date = this.articles[id as number]?.date ?? null;
            if (dated && !inWindow(date, { since, until })) return false;
            return today === null || date === null || date <= today;
          }
        : undefined;
    const near = (t: string, d: string) =>
      q.fuzzy.has(t) && (withinOneEdit(t, d) || q.variants.get(t)?.has(d) === true);
    const has = (match: Record<string, string[]>, t: string) =>
      t in match || Object.keys(match).some((d) => near(t, d));
    // a name matched by a near spelling must be there as a name: its words next to each other
    // ("Brittny Griner" is "Brittney Griner"; "Arsene Wenger" is not "Arsenal" and a "winger")
    const together = (doc: number, match: Record<string, string[]>) =>
      q.phrases.every(
        (run) => run.every((t) => t in match) || hasRun(articleTerms(this.articles[doc]!), run, near),
      );
    // the matches unsorted (raw-search.ts: MiniSearch's search less its result objects and sort),
    // then one sort that gives the order the index's sort and this one's used to give
    const results = rawSearch(this.index, miniQuery, { processTerm: (t) => t }, keep).filter(
      (r) => q.required.every((t) => has(r.match, t)) && together(r.id as number, r.match),
    );
    const scored = results.map((r) => ({
      doc: r.id as number,
      score: (r.score / r.queryTerms) * r.queryTerms ** RANKING.coordination,
      match: r.match,
      indexScore: r.score,
    }));
    return bestFirst(scored, searchOrder, read.count, read.extra ?? undefined);
  }

  /**
   * Stage 2: the best `rerankDepth` candidates (and the window's best `windowDepth`, when the
   * question names a time) re-ranked by how well they answer: index score, best passage, headline
   * and lead coverage, times the round-up factor and freshness (nearness to the latest day asked about). Past
   * those, hits keep the index's order and find their passage only if a page shows them: most
   * never are, and analysing fifty articles per question would cost more than the search itself.
   */
  private rerank(
    q: ReadQuery,
    candidates: readonly Candidate[],
    { max, window, today }: { max: number; window: DateWindow | null; today: string | null },
  ): SearchHit[] {
    const R = RANKING;
    const deep = candidates.slice(0, R.rerankDepth);
    if (window) {
      const fromWindow = candidates
        .slice(R.rerankDepth)
        .filter((c) => inWindow(this.articles[c.doc]!.date, window))
        .slice(0, R.window.windowDepth);
      deep.push(...fromWindow);
    }
    const pq = this.passageQuery(q, deep);
    // the latest day asked about: the window's last (not after today), else today, when known
    const interest = freshnessFrom(window, today);
    const allTerms = [...q.terms, ...(pq.alias?.keys() ?? [])];
    const top = candidates[0]!.score;
    const reranked: SearchHit[] = deep.map((c) => {
      const article = this.articles[c.doc]!;
      const found = findPassage(article, pq);
      const passage = found && this.shownPassage(article, found, pq);
      const head = headCoverage(article, pq, R.leadSentences);
      const relevance =
        (1 - R.passageWeight) * (c.score / top) * statedShare(found) +
        R.passageWeight * (found?.score ?? 0) +
        R.titleWeight * head.title +
        R.leadWeight * head.lead;
      const fresh = interest ? freshnessFactor(article.date, interest) : 1;
      const score = relevance * roundupFactor(this.openingShareOf(article), R.roundup) * fresh;
      return {
        article,
        score,
        passage,
        terms: found?.terms.length ? found.terms : allTerms,
        related: [],
        inWindow: null,
      };
    });
    reranked.sort((a, b) => b.score - a.score);
    const floor = reranked.at(-1)?.score ?? 1;
    const taken = new Set(deep.map((c) => c.doc));
    const beyond: Candidate[] = [];
    for (const c of candidates) {
      if (beyond.length >= max - reranked.length) break;
      if (!taken.has(c.doc)) beyond.push(c);
    }
    const rest = beyond.map((c, i): SearchHit => {
      const article = this.articles[c.doc]!;
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
        related: [],
        inWindow: null,
      };
    });
    return [...reranked, ...rest];
  }

  /**
   * The hits that have the question's names word after word first (each part in its order): a
   * name's words apart ("Kevin Rinke" … "Smith") do not name the person asked about.
   */
  private namesFirst(q: ReadQuery, hits: SearchHit[]): SearchHit[] {
    if (!q.names.length) return hits;
    const near = (t: string, d: string) =>
      q.fuzzy.has(t) && (withinOneEdit(t, d) || q.variants.get(t)?.has(d) === true);
    // the runs' terms that can match only themselves (no typo lookup): each must be in a named article
    const exact = q.names.flat().filter((t) => !q.fuzzy.has(t));
    const named = (h: SearchHit) => {
      const terms = articleTerms(h.article);
      return exact.every((t) => terms.includes(t)) && q.names.every((run) => hasRun(terms, run, near));
    };
    const first: SearchHit[] = [];
    const rest: SearchHit[] = [];
    for (const h of hits) (named(h) ? first : rest).push(h);
    return first.length ? [...first, ...rest] : hits;
  }

  /** How passages are scored for this question: term weights, the asking sentence, typo aliases. */
  private passageQuery(q: ReadQuery, candidates: readonly Candidate[]): PassageQuery {
    const R = RANKING;
    // the query's terms, and the near spellings of those the library does not have, count in passages
    const alias = new Map<string, string>();
    for (const c of candidates) {
      for (const derived of Object.keys(c.match)) {
        if (q.firstWord.has(derived)) continue;
        const source = [...q.fuzzy].find(
          (t) => withinOneEdit(t, derived) || q.variants.get(t)?.has(derived) === true,
        );
        if (source && !this.documentFrequency(source)) alias.set(derived, source);
      }
    }
    // in a question of several sentences the last one asks; the ones before set the scene. The
    // asking sentence's words pick the passage a little more than the scene's.
    const sentencesOfQuery = q.text.split(/(?<=[.!?])\s+/).filter((x) => termsOf(x).length);
    const asking = new Set(sentencesOfQuery.length > 1 ? termsOf(sentencesOfQuery.at(-1)!) : []);
    const weights = new Map(
      q.terms.map((t) => [t, this.termWeight(t) * (asking.has(t) ? 1 + R.askingWeight : 1)]),
    );
    for (const [m, t] of alias) weights.set(t, Math.max(weights.get(t) ?? 0, this.termWeight(m)));
    return {
      terms: q.terms,
      alias,
      weight: (t: string) => weights.get(t) ?? 0,
      window: R.passageSentences,
      proximity: R.proximity,
      answerType: answerTypeOf(q.text),
      known: knownWords(q.text),
      answerBonus: R.answerBonus,
      questionFactor: R.questionFactor,
    };
  }

  /** An article's date and the distinctive words of its headline and lead with their rarity (stories.ts), cached per snapshot. */
  private storyKeyOf = (article: Article): StoryKey => {
    let key = this.storyKeys.get(article);
    if (!key) {
      const { distinctiveShare, distinctiveMinDf } = RANKING.stories;
      const maxDf = dfLimit(distinctiveShare, distinctiveMinDf, this.articles.length);
      const words = new Map<string, number>();
      for (const t of termsOf(`${article.title}\n${article.summary}`)) {
        if (this.documentFrequency(t) <= maxDf) words.set(t, this.termWeight(t));
      }
      key = storyKey(article.date, words);
      this.storyKeys.set(article, key);
    }
    return key;
  };

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
      const maxDf = dfLimit(distinctiveShare, distinctiveMinDf, this.articles.length);
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
      fuzzy: TITLE_SUGGESTION_FUZZY,
      prefix: true,
      combineWith: 'OR',
    });
    return results.slice(0, n).map((r) => this.articles[r.id as number]!);
  }
}
