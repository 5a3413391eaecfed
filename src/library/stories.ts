// One result per story. A news archive reports a story many times: as it unfolds over days or weeks,
// and from several sources. Shown one after another they fill a reply with the same news; shown as
// one result (the best report for this question, the others listed beneath it) they leave room for
// the other stories that might answer. "Same story" is read from the articles alone: the
// distinctive words of their headline and lead, and their dates, never their ids or folders.

import type { Article } from '../articles/types.js';
import { DAY_MS } from './days.js';
import { RANKING, type Ranking } from './ranking.js';

/** What tells an article's story: its day and the distinctive words of its headline and lead. */
export interface StoryKey {
  /** Days since 1970-01-01 (UTC), or null undated. */
  day: number | null;
  /** The words, each with its weight (its rarity in the library). */
  words: ReadonlyMap<string, number>;
  /** The words' weights added up. */
  total: number;
  /**
   * The heaviest words that weigh more than half the total: a report of the same story shares
   * more than half the weight (minSimilarity 0.5 or more), so it has one of these. A cheap test
   * that rules most pairs out before the full count.
   */
  anchors: string[];
}

export function storyKey(date: string | null, words: ReadonlyMap<string, number>): StoryKey {
  let total = 0;
  for (const w of words.values()) total += w;
  const anchors: string[] = [];
  let weight = 0;
  for (const [t, w] of [...words].sort((a, b) => b[1] - a[1])) {
    if (weight > total / 2) break;
    anchors.push(t);
    weight += w;
  }
  const day =
    date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS) : null;
  // a date that is not a day is undated here, as in ranking's freshness (never NaN)
  return { day: day !== null && Number.isFinite(day) ? day : null, words, total, anchors };
}

/**
 * Weighted Jaccard: the weight of the shared words over the weight of all the words of both, 0..1.
 * A word weighs the same in every article (its rarity), so a shared word counts its weight once.
 */
export function storySimilarity(a: StoryKey, b: StoryKey): number {
  const [small, large] = a.words.size <= b.words.size ? [a, b] : [b, a];
  let shared = 0;
  small.words.forEach((w, t) => {
    if (large.words.has(t)) shared += w;
  });
  const union = a.total + b.total - shared;
  return union > 0 ? shared / union : 0;
}

/** Two articles report the same story: close enough in words and, when both are dated, in time. */
export function sameStory(
  a: StoryKey,
  b: StoryKey,
  { minSimilarity, maxGapDays }: Ranking['stories'] = RANKING.stories,
): boolean {
  if (a.day !== null && b.day !== null && Math.abs(a.day - b.day) > maxGapDays) return false;
  // at best every word of the lighter is shared: when even that is too little, skip the count
  if (Math.min(a.total, b.total) < minSimilarity * Math.max(a.total, b.total)) return false;
  // sharing more than half the weight needs one of the heaviest words of each
  if (minSimilarity >= 0.5 && !a.anchors.some((t) => b.words.has(t))) return false;
  return storySimilarity(a, b) >= minSimilarity;
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
export function groupStories<T extends { article: Article; score?: number }>(
  hits: readonly T[],
  keyOf: (article: Article) => StoryKey,
  settings: Ranking['stories'] = RANKING.stories,
): Story<T>[] {
  const stories: { hits: T[]; members: { key: StoryKey; article: Article }[] }[] = [];
  for (const hit of hits) {
    const key = keyOf(hit.article);
    const story = key.words.size
      ? stories.find((s) => s.members.some((m) => sameStory(key, m.key, settings)))
      : undefined;
    if (story) {
      story.members.push({ key, article: hit.article });
      story.hits.push(hit);
    } else stories.push({ hits: [hit], members: [{ key, article: hit.article }] });
  }
  return stories.map((s) => {
    const lead = newestAnswering(s.hits, settings.newestLeadShare ?? 1);
    return {
      lead,
      related: s.members
        .map((m) => m.article)
        .filter((a) => a !== lead.article)
        .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999')),
    };
  });
}

/**
 * The report that leads a story: the newest of those that answer at least `share` as well as the
 * best (a later report tells where the story stands), so an older one leads only when it answers
 * clearly better. Hits without scores: the first (best ranked).
 */
export function newestAnswering<T extends { article: Article; score?: number }>(
  hits: readonly T[],
  share: number,
): T {
  const best = hits[0]!;
  if (best.score === undefined) return best;
  let lead = best;
  for (const h of hits) {
    if ((h.score ?? 0) < share * best.score) continue;
    if ((h.article.date ?? '') > (lead.article.date ?? '')) lead = h;
  }
  return lead;
}
