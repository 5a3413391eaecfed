import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Article, Quote } from '../articles/types.js';
import { termOf, tokenize } from './analyzer.js';
import { addInSlices, type BuildOptions } from './slices.js';

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

function countSpeakers(articles: readonly Article[]): SpeakerCount[] {
  const counts = new Map<string, SpeakerCount>();
  for (const article of articles) {
    for (const quote of article.quotes) {
      if (!quote.speaker) continue;
      const key = foldName(quote.speaker);
      const entry = counts.get(key) ?? { name: quote.speaker, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
}

/** The quotations of a snapshot's articles with their own MiniSearch index (quote text, speaker, article title). */
export class QuoteIndex {
  private readonly refs: QuoteRef[];
  private readonly index: MiniSearch<IndexedQuote>;
  private readonly speakerCounts: SpeakerCount[];

  /** Indexes the quotations in one go; `index` takes one made by `build` or `restore` instead. */
  constructor(
    private readonly articles: readonly Article[],
    index?: MiniSearch<IndexedQuote>,
  ) {
    this.refs = quoteRefs(articles);
    this.speakerCounts = countSpeakers(articles);
    if (index) {
      this.index = index;
    } else {
      this.index = new MiniSearch(QUOTE_INDEX_OPTIONS);
      this.index.addAll(this.refs.map((ref, i) => indexedQuote(articles, ref, i)));
    }
  }

  /** Indexes in slices, giving the event loop back between them (see Library.build). */
  static async build(articles: readonly Article[], options: BuildOptions = {}): Promise<QuoteIndex> {
    const refs = quoteRefs(articles);
    const index = new MiniSearch(QUOTE_INDEX_OPTIONS);
    await addInSlices(index, refs.length, (i) => indexedQuote(articles, refs[i]!, i), options);
    return new QuoteIndex(articles, index);
  }

  static restore(articles: readonly Article[], saved: AsPlainObject): QuoteIndex {
    const index = MiniSearch.loadJS<IndexedQuote>(saved, QUOTE_INDEX_OPTIONS);
    const quoteCount = articles.reduce((n, a) => n + a.quotes.length, 0);
    if (index.documentCount !== quoteCount)
      throw new Error('the cached quote index does not match the articles');
    return new QuoteIndex(articles, index);
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
    if (!terms.length) {
      const hits: QuoteHit[] = [];
      const order = this.newestFirst();
      const newestArticle = speaker ? null : this.refs[order[0] ?? -1]?.article;
      for (const i of order) {
        if (newestArticle !== null && newestArticle !== undefined && this.refs[i]!.article !== newestArticle)
          continue;
        const hit = this.hit(i, 1);
        if (bySpeaker(hit)) hits.push(hit);
        if (hits.length >= max) break;
      }
      return hits;
    }
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

  private newestOrder: number[] | null = null;

  /** Quote positions, newest article first: what was said lately is what people want when they give no topic. */
  private newestFirst(): number[] {
    this.newestOrder ??= this.refs
      .map((_, i) => i)
      .sort((x, y) => {
        const ax = this.articles[this.refs[x]!.article]!;
        const ay = this.articles[this.refs[y]!.article]!;
        return (ay.date ?? '').localeCompare(ax.date ?? '') || ax.id.localeCompare(ay.id) || x - y;
      });
    return this.newestOrder;
  }

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
