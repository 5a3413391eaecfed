import { splitSentences, truncateAtWord } from '../articles/text.js';
import type { Article } from '../articles/types.js';
import { termOf, tokenize } from './analyzer.js';

/** Long enough for a sentence or two of news, short enough to sit under the summary in an embed. */
export const PASSAGE_MAX_CHARS = 300;

export interface Passage {
  text: string;
  /** How much of the query the passage covers, weighted by the terms' rarity (0..1). */
  coverage: number;
}

/** The sentences of an article's body, standfirst first; headings are not passages. */
export function articleSentences(article: Article): string[] {
  const out: string[] = [];
  if (article.standfirst) out.push(article.standfirst);
  for (const p of article.paragraphs) out.push(...splitSentences(p));
  return out;
}

/** A sentence and its index terms in order (stop words left out, so "Bank of England" is adjacent). */
export interface AnalyzedSentence {
  text: string;
  terms: string[];
}

export function analyzeSentence(text: string): AnalyzedSentence {
  const terms: string[] = [];
  for (const word of tokenize(text)) {
    const t = termOf(word);
    if (t) terms.push(t);
  }
  return { text, terms };
}

/**
 * Analysed sentences per article, for the articles searched most recently: re-ranking looks at
 * the same top articles again and again. Bounded, so memory does not grow with the library.
 */
const analyzed = new Map<Article, AnalyzedSentence[]>();
const ANALYZED_MAX = 2_000;

export function analyzeArticle(article: Article): AnalyzedSentence[] {
  const cached = analyzed.get(article);
  if (cached) {
    // most recently used last
    analyzed.delete(article);
    analyzed.set(article, cached);
    return cached;
  }
  const sentences = articleSentences(article).map(analyzeSentence);
  if (analyzed.size >= ANALYZED_MAX) analyzed.delete(analyzed.keys().next().value as Article);
  analyzed.set(article, sentences);
  return sentences;
}

/** What the passage finder needs to know about a query. */
export interface PassageQuery {
  /** Distinct index terms of the query, in query order. */
  terms: readonly string[];
  /** Index terms that stand for a query term (near spellings of a misspelt word): index term -> query term. */
  alias?: ReadonlyMap<string, string>;
  /** How much a term counts: its rarity times its importance in the query. */
  weight: (term: string) => number;
  /** At most this many consecutive sentences (default 2). */
  window?: number;
  /** Bonus, as a share of the pair's weight, for two query terms next to each other, as in the query. */
  proximity?: number;
  maxChars?: number;
}

export interface ScoredPassage extends Passage {
  /** Coverage plus proximity, for ranking. */
  score: number;
  start: number;
  end: number;
  /** The index terms of the query (or their aliases) found anywhere in the article's sentences. */
  terms: string[];
}

/**
 * How much of the query (weighted, 0..1) an article's headline and lead cover: news puts what a
 * story is about in its first lines, so this tells a story about the query from one that mentions it.
 */
export function headCoverage(
  article: Article,
  query: PassageQuery,
  leadSentences: number,
): { title: number; lead: number } {
  const { terms: queryTerms, weight } = query;
  const total = queryTerms.reduce((sum, t) => sum + weight(t), 0) || 1;
  const canonical = (t: string) => query.alias?.get(t) ?? (queryTerms.includes(t) ? t : null);
  const cover = (terms: Iterable<string>) => {
    const seen = new Set<string>();
    for (const t of terms) {
      const q = canonical(t);
      if (q) seen.add(q);
    }
    let sum = 0;
    for (const t of seen) sum += weight(t);
    return sum / total;
  };
  const lead = analyzeArticle(article)
    .slice(0, leadSentences)
    .flatMap((s) => s.terms);
  return { title: cover(analyzeSentence(article.title).terms), lead: cover(lead) };
}

/**
 * The window of consecutive sentences that covers the most of the query, each query term weighted
 * by its rarity, with a bonus for query terms that stand together as in the query and a small
 * preference for the lead. Returns null when no sentence contains any query term.
 */
export function findPassage(article: Article, query: PassageQuery): ScoredPassage | null {
  const { terms: queryTerms, weight } = query;
  const maxChars = query.maxChars ?? PASSAGE_MAX_CHARS;
  const window = query.window ?? 2;
  const proximity = query.proximity ?? 0;
  if (!queryTerms.length) return null;
  const sentences = analyzeArticle(article);
  const total = queryTerms.reduce((sum, t) => sum + weight(t), 0) || 1;
  const qIndex = new Map(queryTerms.map((t, i) => [t, i]));
  for (const [from, to] of query.alias ?? []) {
    const i = qIndex.get(to);
    if (i !== undefined && !qIndex.has(from)) qIndex.set(from, i);
  }
  const matched = new Set<string>();
  // per sentence: the query terms it has, and the bonus for query pairs that are adjacent in it
  const has = sentences.map((s) => {
    const found = new Set<string>();
    let bonus = 0;
    let prev = -2;
    for (const t of s.terms) {
      const qi = qIndex.get(t);
      if (qi === undefined) {
        prev = -2;
        continue;
      }
      matched.add(t);
      const q = queryTerms[qi]!;
      found.add(q);
      if (proximity && Math.abs(qi - prev) === 1) {
        bonus += proximity * Math.min(weight(t), weight(queryTerms[prev]!));
      }
      prev = qi;
    }
    return { found, bonus };
  });
  let best: { start: number; end: number; score: number; cov: number } | null = null;
  for (let i = 0; i < sentences.length; i++) {
    if (!has[i]!.found.size) continue;
    let chars = 0;
    const seen = new Set<string>();
    let bonus = 0;
    for (let len = 1; len <= window && i + len <= sentences.length; len++) {
      const k = i + len - 1;
      chars += sentences[k]!.text.length + 1;
      if (len > 1 && chars > maxChars) break;
      for (const t of has[k]!.found) seen.add(t);
      bonus += has[k]!.bonus;
      let cov = 0;
      for (const t of seen) cov += weight(t);
      // a further sentence must earn its place; earlier sentences win ties
      const adjusted = cov + bonus - (len - 1) * 0.01 * total - i * 0.0005 * total;
      if (!best || adjusted > best.score) best = { start: i, end: i + len, score: adjusted, cov };
    }
  }
  if (!best) return null;
  const text = truncateAtWord(
    sentences
      .slice(best.start, best.end)
      .map((s) => s.text)
      .join(' '),
    maxChars,
  );
  return {
    text,
    coverage: Math.max(0, Math.min(1, best.cov / total)),
    score: Math.max(0, best.score / total),
    start: best.start,
    end: best.end,
    terms: [...matched],
  };
}
