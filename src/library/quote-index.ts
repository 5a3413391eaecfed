import MiniSearch from 'minisearch';
import type { Article, Quote } from '../articles/types.js';
import { termOf, tokenize } from './analyzer.js';

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
  text: string;
  speaker: string;
  title: string;
  /** The paragraph around the quote: "/quote Macron" finds what was said about Macron even when the quote does not name him. */
  context: string;
}

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

/** The quotations of a snapshot's articles with their own MiniSearch index (quote text, speaker, article title). */
export class QuoteIndex {
  private readonly refs: QuoteRef[] = [];
  private readonly index: MiniSearch<IndexedQuote>;
  private readonly speakerCounts: SpeakerCount[];

  constructor(private readonly articles: readonly Article[]) {
    this.index = new MiniSearch<IndexedQuote>({
      idField: 'i',
      fields: ['text', 'speaker', 'title', 'context'],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => termOf(term) ?? null,
      searchOptions: {
        boost: { speaker: 3, text: 2, title: 1, context: 0.5 },
        combineWith: 'OR',
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        weights: { fuzzy: 0.2, prefix: 0.3 },
      },
    });
    const counts = new Map<string, SpeakerCount>();
    const docs: IndexedQuote[] = [];
    articles.forEach((article, a) => {
      article.quotes.forEach((quote, q) => {
        const i = this.refs.length;
        this.refs.push({ article: a, quote: q });
        const context = [article.paragraphs[quote.paragraph - 1], article.paragraphs[quote.paragraph]]
          .filter(Boolean)
          .join('\n');
        docs.push({
          i,
          text: quote.text,
          speaker: [quote.speaker, quote.role].filter(Boolean).join(' '),
          title: article.title,
          context,
        });
        if (quote.speaker) {
          const key = foldName(quote.speaker);
          const entry = counts.get(key) ?? { name: quote.speaker, count: 0 };
          entry.count++;
          counts.set(key, entry);
        }
      });
    });
    this.index.addAll(docs);
    this.speakerCounts = [...counts.values()].sort(
      (x, y) => y.count - x.count || x.name.localeCompare(y.name),
    );
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
