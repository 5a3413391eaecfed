import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Article, Quote } from '../articles/types.js';
import { termOf, tokenize } from './analyzer.js';
import { addInSlices, type BuildOptions, nextTurn } from './slices.js';

/** A quotation with the article it comes from. */
export interface QuoteHit {
  quote: Quote;
  article: Article;
  score: number;
}

export interface SpeakerCount {
  name: string;
  count: number;
}

interface IndexedQuote {
  i: number;
  /**
   * The quote's words, its speaker and role, its article's title and the names in the paragraph
   * around it (so "/quote Macron" finds what was said about Macron even when the quote does not
   * name him), in one field, each part repeated as often as it weighs. One field rather than four
   * keeps the index at about half the memory (MiniSearch keeps a map per term and field), and BM25
   * over repeated parts is BM25F. Names only from the paragraphs: whole paragraphs made the index
   * six times slower to build for little gain.
   */
  all: string;
}

/** How many times each part of a quotation is indexed: its weight. */
const QUOTE_REPEATS = { speaker: 3, text: 2, title: 1, names: 1 };

/** Where a quote lives: positions into the snapshot's articles, so the index holds no copies of text. */
interface QuoteRef {
  article: number;
  quote: number;
}

/** Folded for comparing names: "Sergéy  LAVROV" and "sergey lavrov" are the same speaker. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "Lavrov" names "Sergey Lavrov": every word typed is a whole word of the speaker's name. */
export function speakerMatches(speaker: string | null, wanted: string): boolean {
  if (!speaker) return false;
  const have = foldName(speaker).split(' ');
  const want = foldName(wanted).split(' ').filter(Boolean);
  return want.length > 0 && want.every((w) => have.includes(w));
}

const QUOTE_INDEX_OPTIONS: Options<IndexedQuote> = {
  idField: 'i',
  fields: ['all'],
  storeFields: [],
  tokenize: (text) => tokenize(text),
  processTerm: (term) => termOf(term) ?? null,
  searchOptions: {
    combineWith: 'OR',
    fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
    weights: { fuzzy: 0.2, prefix: 0.3 },
  },
};

/** Where every quotation of the articles lives, in article order: the i-th is document i of the index. */
function quoteRefs(articles: readonly Article[]): QuoteRef[] {
  const refs: QuoteRef[] = [];
  articles.forEach((article, a) => {
    article.quotes.forEach((_, q) => {
      refs.push({ article: a, quote: q });
    });
  });
  return refs;
}

/** A capitalised word: names of people, places and organisations (and sentence starts, which cost little). */
const NAME_WORD = /\b\p{Lu}[\p{L}'’-]+/gu;

function indexedQuote(articles: readonly Article[], ref: QuoteRef, i: number): IndexedQuote {
  const article = articles[ref.article]!;
  const quote = article.quotes[ref.quote]!;
  const around = [article.paragraphs[quote.paragraph - 1], article.paragraphs[quote.paragraph]]
    .filter(Boolean)
    .join('\n');
  const names = [...new Set(around.match(NAME_WORD) ?? [])].join(' ');
  const speaker = [quote.speaker, quote.role].filter(Boolean).join(' ');
  const parts: string[] = [];
  const add = (text: string, times: number) => {
    for (let k = 0; text && k < times; k++) parts.push(text);
  };
  add(speaker, QUOTE_REPEATS.speaker);
  add(quote.text, QUOTE_REPEATS.text);
  add(article.title, QUOTE_REPEATS.title);
  add(names, QUOTE_REPEATS.names);
  return { i, all: parts.join('\n') };
}

/** Counts quotations per speaker (names compared folded), one quotation at a time. */
class SpeakerTally {
  private readonly counts = new Map<string, SpeakerCount>();

  add(quote: Quote): void {
    if (!quote.speaker) return;
    const key = foldName(quote.speaker);
    const entry = this.counts.get(key) ?? { name: quote.speaker, count: 0 };
    entry.count++;
    this.counts.set(key, entry);
  }

  /** Most quoted first. */
  result(): SpeakerCount[] {
    return [...this.counts.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
  }
}

function countSpeakers(articles: readonly Article[]): SpeakerCount[] {
  const tally = new SpeakerTally();
  for (const article of articles) for (const quote of article.quotes) tally.add(quote);
  return tally.result();
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

/** The quotations of a snapshot's articles with their own MiniSearch index (quote text, speaker, article title). */
export class QuoteIndex {
  private readonly refs: QuoteRef[];
  private readonly index: MiniSearch<IndexedQuote>;
  private readonly speakerCounts: SpeakerCount[];

  /** Where each article's quotations start among the refs. */
  private readonly firstRefOf: number[];

  /**
   * Indexes the quotations in one go; `built` takes what `build` or `restore` made instead.
   * `newestOrder` is the snapshot's article order, newest first.
   */
  constructor(
    private readonly articles: readonly Article[],
    private readonly newestOrder: readonly number[],
    built?: { index: MiniSearch<IndexedQuote>; speakerCounts?: SpeakerCount[]; refs?: QuoteRef[] },
  ) {
    this.refs = built?.refs ?? quoteRefs(articles);
    this.firstRefOf = [];
    let n = 0;
    for (const article of articles) {
      this.firstRefOf.push(n);
      n += article.quotes.length;
    }
    this.speakerCounts = built?.speakerCounts ?? countSpeakers(articles);
    if (built) {
      this.index = built.index;
    } else {
      this.index = new MiniSearch(QUOTE_INDEX_OPTIONS);
      this.index.addAll(this.refs.map((ref, i) => indexedQuote(articles, ref, i)));
    }
  }

  /** Indexes and counts speakers in slices, giving the event loop back between them (see Library.build). */
  static async build(
    articles: readonly Article[],
    newestOrder: readonly number[],
    options: BuildOptions = {},
  ): Promise<QuoteIndex> {
    const refs = quoteRefs(articles);
    await nextTurn();
    const index = new MiniSearch(QUOTE_INDEX_OPTIONS);
    const tally = new SpeakerTally();
    await addInSlices(
      index,
      refs.length,
      (i) => {
        const ref = refs[i]!;
        tally.add(articles[ref.article]!.quotes[ref.quote]!);
        return indexedQuote(articles, ref, i);
      },
      options,
    );
    await nextTurn();
    return new QuoteIndex(articles, newestOrder, { index, speakerCounts: tally.result(), refs });
  }

  static restore(
    articles: readonly Article[],
    newestOrder: readonly number[],
    saved: AsPlainObject,
  ): QuoteIndex {
    const index = MiniSearch.loadJS<IndexedQuote>(saved, QUOTE_INDEX_OPTIONS);
    const quoteCount = articles.reduce((n, a) => n + a.quotes.length, 0);
    if (index.documentCount !== quoteCount)
      throw new Error('the cached quote index does not match the articles');
    return new QuoteIndex(articles, newestOrder, { index });
  }

  toJSON(): AsPlainObject {
    return this.index.toJSON();
  }

  get size(): number {
    return this.refs.length;
  }

  private hit(i: number, score: number): QuoteHit {
    const ref = this.refs[i]!;
    const article = this.articles[ref.article]!;
    return { article, quote: article.quotes[ref.quote]!, score };
  }

  /**
   * Quotations about `query` (in their words, their speaker, their article's title or the paragraph
   * around them), by `speaker` when given; with neither, the newest article's quotations.
   */
  search(query: string, options: { speaker?: string | null; max?: number } = {}): QuoteHit[] {
    const max = options.max ?? 10;
    const speaker = options.speaker?.trim() || null;
    const bySpeaker = (hit: QuoteHit) => !speaker || speakerMatches(hit.quote.speaker, speaker);
    const terms = tokenize(query)
      .map((w) => termOf(w))
      .filter((t): t is string => !!t);
    if (!terms.length)
      return speaker ? this.bySpeakerNewestFirst(speaker, max) : this.newestArticleQuotes(max);
    const results = this.index.search(terms.join(' '), { processTerm: (t) => t });
    const hits: QuoteHit[] = [];
    const top = results[0]?.score ?? 1;
    for (const r of results) {
      const hit = this.hit(r.id as number, Math.round((r.score / top) * 1000) / 1000);
      if (bySpeaker(hit)) hits.push(hit);
      if (hits.length >= max) break;
    }
    return hits;
  }

  /** The quotations of the newest article that has any. */
  private newestArticleQuotes(max: number): QuoteHit[] {
    for (const a of this.newestOrder) {
      const count = this.articles[a]!.quotes.length;
      if (!count) continue;
      const first = this.firstRefOf[a]!;
      return Array.from({ length: Math.min(count, max) }, (_, q) => this.hit(first + q, 1));
    }
    return [];
  }

  /**
   * What a speaker said, newest first. The index finds the quotations whose speaker field has the
   * name's words; the exact name check then keeps the speaker's own.
   */
  private bySpeakerNewestFirst(speaker: string, max: number): QuoteHit[] {
    const nameTerms = tokenize(speaker)
      .map((w) => termOf(w))
      .filter((t): t is string => !!t);
    if (!nameTerms.length) return [];
    this.recencyRank ??= rankOf(this.newestOrder);
    const rank = this.recencyRank;
    const ids = this.index
      .search(nameTerms.join(' '), { processTerm: (t) => t, combineWith: 'AND', fuzzy: false, prefix: false })
      .map((r) => r.id as number)
      .filter((i) => speakerMatches(this.hit(i, 1).quote.speaker, speaker));
    ids.sort((x, y) => rank[this.refs[x]!.article]! - rank[this.refs[y]!.article]! || x - y);
    return ids.slice(0, max).map((i) => this.hit(i, 1));
  }

  private recencyRank: number[] | null = null;

  /** Known speakers with their quote counts, most quoted first; `typed` narrows them by any word of the name. */
  speakers(typed = '', max = 25): SpeakerCount[] {
    const want = foldName(typed);
    if (!want) return this.speakerCounts.slice(0, max);
    const words = want.split(' ');
    const out: SpeakerCount[] = [];
    for (const s of this.speakerCounts) {
      const name = foldName(s.name);
      const parts = name.split(' ');
      // every typed word starts some word of the name: "serg lav", "lavrov", "s lavrov"
      if (words.every((w) => parts.some((p) => p.startsWith(w)))) out.push(s);
      if (out.length >= max) break;
    }
    return out;
  }
}
