import { analysedParagraphCount } from '../articles/parse.js';
import { splitSentences, truncateAtWord } from '../articles/text.js';
import type { Article } from '../articles/types.js';
import { documentTokens, termOf } from './analyzer.js';
import { type AnswerTokens, type AnswerType, answersType, answerTokens } from './question.js';

/** Long enough for a sentence or two of news, short enough to sit under the summary in an embed. */
export const PASSAGE_MAX_CHARS = 300;

/**
 * What a passage window pays, as a share of the query's total weight, for each sentence past its
 * first: a further sentence must earn its place (add more coverage or adjacency bonus than this),
 * so of two windows that cover the same terms the shorter is shown and scores higher.
 * Evidence: set with the first passages (32ec059), never swept before; on the real-questions
 * evaluation (retrieval.mjs, 98 questions) 0.005 gives the same figures, 0.02 the same but "shown"
 * 0.90 -> 0.88 (two passages shown change): a plateau up to 0.01, which sits at its edge.
 */
export const PASSAGE_SENTENCE_COST = 0.01;

/**
 * What a passage window pays, as a share of the query's total weight, for each sentence of the
 * article before it: earlier windows win ties, and the re-rank prefers an article that answers near
 * its top a little (a window 20 sentences in pays what one more sentence costs, one 100 sentences in
 * 5% of the query). Evidence: set with the first passages (32ec059), never swept before; on the
 * real-questions evaluation halving (0.00025) or doubling (0.001) it gives the very same figures
 * (R@1 0.85, R@5 0.95, MRR 0.89, shown 0.90, A@1 0.99): a tie-break, not a tuned preference.
 */
export const PASSAGE_DEPTH_COST = 0.0005;

export interface Passage {
  text: string;
  /** How much of the query the passage covers, weighted by the terms' rarity (0..1). */
  coverage: number;
}

/**
 * The sentences of an article's body, standfirst first, each with its paragraph (-1: the
 * standfirst); headings are not passages. Paragraphs past ANALYSED_BODY_MAX_CHARS are left out.
 */
export function articleSentences(article: Article): { text: string; paragraph: number }[] {
  const out: { text: string; paragraph: number }[] = [];
  if (article.standfirst) out.push({ text: article.standfirst, paragraph: -1 });
  const count = analysedParagraphCount(article.paragraphs);
  for (let paragraph = 0; paragraph < count; paragraph++) {
    for (const text of splitSentences(article.paragraphs[paragraph]!)) out.push({ text, paragraph });
  }
  return out;
}

/** A sentence and its index terms in order (stop words left out, so "Bank of England" is adjacent). */
export interface AnalyzedSentence {
  text: string;
  /** Index into Article.paragraphs; -1 for the standfirst. */
  paragraph: number;
  terms: string[];
  /**
   * Names, figures and dates in the sentence, for questions that ask for one of them: found on
   * first use (see answerTokensOf), since most sentences never sit in a candidate window.
   */
  answer?: AnswerTokens;
  /** The sentence is a question: it asks rather than answers. */
  asks: boolean;
}

export function analyzeSentence(text: string, paragraph = -1): AnalyzedSentence {
  const terms: string[] = [];
  for (const word of documentTokens(text)) {
    const t = termOf(word);
    if (t) terms.push(t);
  }
  return { text, paragraph, terms, asks: /\?["”’')]*$/.test(text) };
}

export function answerTokensOf(sentence: AnalyzedSentence): AnswerTokens {
  sentence.answer ??= answerTokens(sentence.text);
  return sentence.answer;
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
  const sentences = articleSentences(article).map((s) => analyzeSentence(s.text, s.paragraph));
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
  /** The kind of answer the query asks for: a window with such a token is preferred as the passage. */
  answerType?: AnswerType | null;
  /** The query's words and signs, lowercase: tokens the query already has are no answer. */
  known?: ReadonlySet<string>;
  /** Bonus, as a share of the query's weight, for a window that has a token of the asked-for kind. */
  answerBonus?: number;
  /** How much the query terms of a sentence that is itself a question count (it asks, it does not answer). */
  questionFactor?: number;
  /** Windows start at this sentence or later (to look past what the summary already shows). */
  notBefore?: number;
}

export interface ScoredPassage extends Passage {
  /** Coverage plus proximity, for ranking. */
  score: number;
  start: number;
  end: number;
  /** The index terms of the query (or their aliases) found anywhere in the article's sentences. */
  terms: string[];
  /**
   * What the best window would score were questions counted as statements (query.questionFactor
   * 1): above `score` when the article's best match for the query is a question it asks (a quiz
   * item, a "what to watch" line), equal to it otherwise.
   */
  plainScore: number;
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
  const { answerType = null, answerBonus = 0, questionFactor = 1 } = query;
  const known = query.known ?? new Set<string>();
  const answerMemo: (boolean | undefined)[] = [];
  const answers = (k: number) => {
    answerMemo[k] ??=
      !!answerType && answerBonus > 0 && answersType(answerTokensOf(sentences[k]!), answerType, known);
    return answerMemo[k];
  };
  // the passage shown prefers a window with the asked-for kind of token; the score for ranking
  // is the best coverage whatever the window
  let best: { start: number; end: number; score: number; cov: number } | null = null;
  let rankScore = Number.NEGATIVE_INFINITY;
  // the same score with questions counted as statements, worked out only when a question the
  // article asks has query terms (else it is rankScore)
  const asksQuery = questionFactor !== 1 && sentences.some((s, k) => s.asks && has[k]!.found.size > 0);
  let plainScore = Number.NEGATIVE_INFINITY;
  for (let i = query.notBefore ?? 0; i < sentences.length; i++) {
    // a window starts at a sentence with query terms, or right before one (its answer may come first)
    if (!has[i]!.found.size && !(answerType && has[i + 1]?.found.size)) continue;
    let chars = 0;
    const seen = new Map<string, number>();
    const plainSeen = new Set<string>();
    let bonus = 0;
    let plainBonus = 0;
    let answered = false;
    for (let len = 1; len <= window && i + len <= sentences.length; len++) {
      const k = i + len - 1;
      chars += sentences[k]!.text.length + 1;
      if (len > 1 && chars > maxChars) break;
      const factor = sentences[k]!.asks ? questionFactor : 1;
      for (const t of has[k]!.found) seen.set(t, Math.max(seen.get(t) ?? 0, factor));
      bonus += has[k]!.bonus * factor;
      answered ||= answers(k);
      // a further sentence must earn its place; earlier sentences win ties
      const cost = (len - 1) * PASSAGE_SENTENCE_COST * total + i * PASSAGE_DEPTH_COST * total;
      if (asksQuery) {
        for (const t of has[k]!.found) plainSeen.add(t);
        plainBonus += has[k]!.bonus;
        let plain = 0;
        for (const t of plainSeen) plain += weight(t);
        if (plain) plainScore = Math.max(plainScore, plain + plainBonus - cost);
      }
      let cov = 0;
      for (const [t, f] of seen) cov += weight(t) * f;
      if (!cov) continue;
      const adjusted = cov + bonus - cost;
      rankScore = Math.max(rankScore, adjusted);
      const shown = adjusted + (answered ? answerBonus * total : 0);
      if (!best || shown > best.score) best = { start: i, end: i + len, score: shown, cov };
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
    score: Math.max(0, rankScore / total),
    plainScore: Math.max(0, (asksQuery ? Math.max(plainScore, rankScore) : rankScore) / total),
    start: best.start,
    end: best.end,
    terms: [...matched],
  };
}

/**
 * How much of a sentence's start, in characters, shows that the summary holds it: enough to tell
 * sentences apart, short enough for a summary that cuts the sentence at a word. Chosen by hand
 * (3f0db77) and never swept; the retrieval eval's "shown" figure (0.90) is what a change must keep.
 */
const SUMMARY_SENTENCE_START_CHARS = 60;

/**
 * How many of the article's first sentences its summary shows (a sentence it cuts short counts):
 * a passage among them would only repeat the summary.
 */
export function sentencesInSummary(article: Article): number {
  const sentences = analyzeArticle(article);
  let k = 0;
  while (
    k < sentences.length &&
    article.summary.includes(sentences[k]!.text.slice(0, SUMMARY_SENTENCE_START_CHARS))
  )
    k++;
  return k;
}
