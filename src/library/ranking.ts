// How /news ranks: every tuned value, with what it means and the evidence for it, and the small
// pure rules that use them. Library.search (library.ts) runs the stages in order: candidates from
// the index, the re-rank of the best of them, the date window, then one result per story.
//
// Evidence is from the real-questions evaluation (`node ../shared/eval/retrieval.mjs .`: 98
// RealTime QA questions over 1,980 CNN articles, each asked as of its own date) unless said
// otherwise. A value that moves one question there is noise, so values sit on plateaus.

import { DAY_MS } from './days.js';
import { dfLimit } from './df-limit.js';

/**
 * Ranking settings:
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
 * - freshness, the date window and story grouping: see their entries below.
 */
export const RANKING = {
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
  /**
   * A query word that is the start of a longer indexed word ("harbour" in "harbourside") counts
   * this much of the exact word. Evidence: set with the first index (32ec059), never swept; the
   * quote index borrows it (QUOTE_FUZZY.prefixWeight).
   */
  prefixWeight: 0.3,
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
  /**
   * Freshness: an article's re-rank score is multiplied by `1 - share + share * 0.5^(d / halfLifeDays)`,
   * d its distance in whole days from the latest day asked about (freshnessFrom): the last day of
   * the question's window ("this week"), never after the day of asking, else the day of asking
   * (so d is the article's age). Of two articles that
   * answer about equally well, the one nearer those days ranks first, while an older one that
   * answers clearly better still wins: the most any article can lose is `share` of its score (one
   * a half-life away loses share/2). Undated articles get no freshness (their distance is
   * unknown), as if far. The moment only scales distances: with the clock years after the articles,
   * every factor is about 1 - share and the order is unchanged.
   * Evidence: on the real questions, asked as of their dates: without freshness R@1 0.79, R@5
   * 0.92; with a 7-day half-life and shares 0.3, 0.4, 0.5: R@1 0.82-0.83, R@5 0.93-0.94 (a
   * plateau; 0.1 gains one question at most); half-lives of 7 to 30 days are within one question of
   * each other, 3 days loses three at R@1 (a report from last week that answers is not stale).
   * Seven days is a news week; 0.4, the middle of the plateau, lets relevance lead: an article must
   * answer about 1.7 times better to beat one from today once far older.
   * Measuring from the window's last day rather than counting every day of the window as 0 (the
   * reports of a story inside "this week" are not equally current: the latest one tells where it
   * stands as of the question): R@1 0.83 -> 0.84, R@5 0.94 -> 0.95, MRR 0.87 -> 0.88, shown 0.87
   * -> 0.90; four questions move up (two to rank 1), two down; `--now none` unchanged.
   */
  freshness: { halfLifeDays: 7, share: 0.4 },
  /**
   * The date window of a question's time words ("this week"): articles inside it that answer come
   * first. An article answers when its re-rank score is at least `answerShare` of the best score of
   * any candidate, so a barely related article from the right week does not push a clear answer
   * from another week down; when none inside answers, the reply falls back to the best outside and
   * says so. Besides the `rerankDepth` best candidates, the `windowDepth` best inside the window
   * are re-ranked too, so a story covered for months still finds this week's report.
   * Evidence: on the real questions, answerShare 0.7 and 0.8 give the same figures and 0.9 or
   * none (freshness from the window alone) one question fewer at R@1; 0.5 lets round-ups and side
   * stories of the right week push the answer down (R@1 -0.03): an article from the right week must
   * answer about as well as the best, not merely mention the topic. Without `windowDepth` R@5 and
   * "shown" lose one question each.
   */
  window: { answerShare: 0.8, windowDepth: 10 },
  /**
   * One result per story: two articles report the same story when the distinctive words of their
   * headline and lead (standfirst and opening sentences: the summary) overlap by `minSimilarity`
   * (weighted Jaccard, each word weighing its rarity, counting only words in at most
   * `distinctiveShare` of the articles or `distinctiveMinDf` in a small library) and, when both
   * are dated, they are at most `maxGapDays` apart (a story followed over days or weeks; the same
   * words a season later are another event).
   * Evidence: on the real questions' top 5s, 0.3 groups 9 results in 200, some of them wrongly
   * (abortion-policy stories of a month under a poll on the Supreme Court) and loses two answers
   * at R@5 under another report; 0.5 groups 3 in 200, each one event (the same arrests, the same
   * retirement), and gains one at R@5 over no grouping. Hiding a different story costs more than
   * listing a report twice, so the bar is high. Gaps of 3 to 60 days give the same figures.
   */
  stories: {
    minSimilarity: 0.5,
    maxGapDays: 21,
    distinctiveShare: 0.1,
    distinctiveMinDf: 2,
    /**
     * The newest report of a story leads when it scores at least this share of the best report's
     * score: "clearly better" is the same bar as the date window's answerShare (an article must
     * answer about as well as the best), so an older report leads only when it answers more than
     * 1.25 times as well. Evidence: none of its own yet; it borrows the date window's bar, and the
     * dev retrieval figures (R@1 0.84, A@1 0.99) did not move when it was added. Not swept.
     */
    newestLeadShare: 0.8,
  } as {
    minSimilarity: number;
    maxGapDays: number;
    distinctiveShare: number;
    distinctiveMinDf: number;
    newestLeadShare?: number;
  },
};

export type Ranking = typeof RANKING;

export function termWeightOf(documentFrequency: number, articleCount: number): number {
  return Math.log(1 + (articleCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** Words in more articles than this are too common to pick candidates (see candidateTerms). */
function commonLimit(articleCount: number): number {
  return dfLimit(RANKING.commonShare, RANKING.commonMinDf, articleCount);
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

/** Whole days from `date` (YYYY-MM-DD) to `today` (YYYY-MM-DD), both UTC days. */
export function daysBetween(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / DAY_MS);
}

/** Whole days from an article's date to the nearest day of `window` (0 inside it). */
export function daysOutside(date: string, { since, until }: DateWindow): number {
  if (since !== null && date < since) return daysBetween(date, since);
  if (until !== null && date > until) return daysBetween(until, date);
  return 0;
}

/**
 * The day freshness measures from (see RANKING.freshness): the latest day the question asks about.
 * With a window, its last day, or the day of asking when the window runs on past it ("this week"
 * asked on a Wednesday, "since March"): within the days asked about, a later report tells where
 * the story stands as of the question, so it is the better one of two that answer about equally
 * well. Without a window, the day of asking; null when neither is known.
 */
export function freshnessFrom(window: DateWindow | null, today: string | null): DateWindow | null {
  const until = window?.until ?? null;
  const day = until !== null && (today === null || until < today) ? until : today;
  return day === null ? null : { since: day, until: day };
}

/**
 * What an article's score is multiplied by for freshness (see RANKING.freshness): 1 for an article
 * of the days `interest` (the search passes the latest day asked about: freshnessFrom), falling by
 * half its share every half-life of days away from them, never below 1 - share; 1 - share undated.
 */
export function freshnessFactor(
  date: string | null,
  interest: DateWindow,
  { halfLifeDays, share }: Ranking['freshness'] = RANKING.freshness,
): number {
  if (!date) return 1 - share;
  // a date that is not a day (one made by hand, or from an old cache: "+275760-09") counts as
  // undated: here it would make the score NaN or Infinity, which sorts anywhere
  const days = /^\d{4}-\d{2}-\d{2}$/.test(date) ? daysOutside(date, interest) : Number.NaN;
  if (!Number.isFinite(days) || days < 0) return 1 - share;
  return 1 - share + share * 0.5 ** (days / halfLifeDays);
}

/** A range of UTC days, inclusive; null bounds are open. */
export interface DateWindow {
  since: string | null;
  until: string | null;
}

export function inWindow(date: string | null, window: DateWindow): boolean {
  return (
    date !== null &&
    (window.since === null || date >= window.since) &&
    (window.until === null || date <= window.until)
  );
}

/**
 * The window's articles that answer first (see RANKING.window), then the rest, each part in score
 * order. `answered` is false when none inside answers: the order is then the plain score order.
 */
export function windowFirst<T extends { score: number; article: { date: string | null } }>(
  hits: readonly T[],
  window: DateWindow,
  { answerShare }: Ranking['window'] = RANKING.window,
): { hits: T[]; answered: boolean } {
  const top = hits.reduce((best, h) => Math.max(best, h.score), 0);
  const first: T[] = [];
  const rest: T[] = [];
  for (const h of hits) {
    if (inWindow(h.article.date, window) && h.score >= answerShare * top) first.push(h);
    else rest.push(h);
  }
  return { hits: [...first, ...rest], answered: first.length > 0 };
}
