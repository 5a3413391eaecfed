// One result per story. A news archive reports a story many times: as it unfolds over days or weeks,
// and from several sources. Shown one after another they fill a reply with the same news; shown as
// one result (the best report for this question, the others listed beneath it) they leave room for
// the other stories that might answer. "Same story" is read from the articles alone: the
// distinctive words of their headline and lead, and their dates, never their ids or folders.

import type { Article } from '../articles/types.js';
import { daysBetween, RANKING, type Ranking } from './ranking.js';

/** The distinctive words of an article's headline and lead, each with its weight (its rarity). */
export type StoryWords = ReadonlyMap<string, number>;

/** Weighted Jaccard: the weight of the shared words over the weight of all the words of both, 0..1. */
export function storySimilarity(a: StoryWords, b: StoryWords): number {
  let shared = 0;
  let total = 0;
  for (const [t, w] of a) {
    total += w;
    if (b.has(t)) shared += Math.min(w, b.get(t)!);
  }
  for (const [t, w] of b) {
    total += w;
    if (a.has(t)) total -= Math.min(w, a.get(t)!);
  }
  return total > 0 ? shared / total : 0;
}

/** Two articles report the same story: close enough in words and, when both are dated, in time. */
export function sameStory(
  a: { date: string | null; words: StoryWords },
  b: { date: string | null; words: StoryWords },
  { minSimilarity, maxGapDays }: Ranking['stories'] = RANKING.stories,
): boolean {
  if (a.date && b.date && Math.abs(daysBetween(a.date, b.date)) > maxGapDays) return false;
  return storySimilarity(a.words, b.words) >= minSimilarity;
}

export interface Story<T> {
  /** The best report of the story for this question: the first of its hits in the ranked order. */
  lead: T;
  /** The other reports, oldest first (undated last). */
  related: Article[];
}

/**
 * Groups ranked hits into stories, keeping the ranked order of each story's best hit. A hit joins
 * the first story one of whose reports it matches (so a story followed for weeks stays one, each
 * step within `maxGapDays` of another report), else starts its own.
 */
export function groupStories<T extends { article: Article }>(
  hits: readonly T[],
  wordsOf: (article: Article) => StoryWords,
  settings: Ranking['stories'] = RANKING.stories,
): Story<T>[] {
  const stories: { lead: T; members: { date: string | null; words: StoryWords; article: Article }[] }[] = [];
  for (const hit of hits) {
    const me = { date: hit.article.date, words: wordsOf(hit.article), article: hit.article };
    const story = me.words.size
      ? stories.find((s) => s.members.some((m) => sameStory(me, m, settings)))
      : undefined;
    if (story) story.members.push(me);
    else stories.push({ lead: hit, members: [me] });
  }
  return stories.map((s) => ({
    lead: s.lead,
    related: s.members
      .slice(1)
      .map((m) => m.article)
      .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999')),
  }));
}
