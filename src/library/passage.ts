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

function sentenceTerms(sentence: string): Set<string> {
  const terms = new Set<string>();
  for (const word of tokenize(sentence)) {
    const t = termOf(word);
    if (t) terms.add(t);
  }
  return terms;
}

/**
 * The window of one or two consecutive sentences that covers the most of the query, each query
 * term weighted by `weight` (its rarity), with a small preference for the lead. Returns null when
 * no sentence contains any query term.
 */
export function bestPassage(
  article: Article,
  queryTerms: readonly string[],
  weight: (term: string) => number,
  maxChars = PASSAGE_MAX_CHARS,
): Passage | null {
  if (!queryTerms.length) return null;
  const sentences = articleSentences(article);
  const termSets = sentences.map(sentenceTerms);
  const total = queryTerms.reduce((sum, t) => sum + weight(t), 0) || 1;
  let best: { start: number; end: number; score: number } | null = null;
  for (let i = 0; i < sentences.length; i++) {
    for (let len = 1; len <= 2 && i + len <= sentences.length; len++) {
      const chars = sentences.slice(i, i + len).reduce((n, s) => n + s.length + 1, 0);
      if (len > 1 && chars > maxChars) break;
      let score = 0;
      for (const term of queryTerms) {
        for (let k = i; k < i + len; k++) {
          if (termSets[k]!.has(term)) {
            score += weight(term);
            break;
          }
        }
      }
      // a second sentence must earn its place; earlier sentences win ties
      const adjusted = score - (len - 1) * 0.01 * total - i * 0.0005 * total;
      if (score > 0 && (!best || adjusted > best.score)) best = { start: i, end: i + len, score: adjusted };
    }
  }
  if (!best) return null;
  const text = truncateAtWord(sentences.slice(best.start, best.end).join(' '), maxChars);
  return { text, coverage: Math.max(0, Math.min(1, best.score / total)) };
}
