import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/articles/types.js';
import { termsOf } from '../../../src/library/analyzer.js';
import { groupStories, sameStory, storyKey, storySimilarity } from '../../../src/library/stories.js';
import { articleWith } from '../../helpers.js';

// Made-up reports (no publisher's text): one story over several days, another story, and the
// same words months later.
function art(id: string, date: string | null, title: string, summary: string): Article {
  return articleWith({
    id,
    date,
    title,
    summary,
    paragraphs: [summary],
    url: `https://news.example.org/${id}`,
  });
}

const first = art(
  'quake-1',
  '2022-03-01',
  'Earthquake strikes Velmora coast',
  'A strong earthquake struck the Velmora coast on Tuesday, damaging the harbour at Ostrava Bay.',
);
const second = art(
  'quake-2',
  '2022-03-02',
  'Velmora earthquake: harbour at Ostrava Bay damaged',
  'Rescue teams reached Ostrava Bay after the Velmora coast earthquake damaged the harbour.',
);
const third = art(
  'quake-3',
  '2022-03-09',
  'Ostrava Bay harbour reopens after Velmora earthquake',
  'The harbour at Ostrava Bay reopened a week after the earthquake on the Velmora coast.',
);
const other = art(
  'election',
  '2022-03-02',
  'Velmora votes in snap election',
  'Voters in Velmora chose a new parliament in a snap election called by the prime minister.',
);
const later = art(
  'quake-again',
  '2022-11-20',
  'Earthquake strikes Velmora coast again',
  'Another earthquake struck the Velmora coast, near the harbour at Ostrava Bay.',
);

/** Every word weighs 1 here: the library weighs words by rarity. */
const words = (a: Article) => new Map(termsOf(`${a.title}\n${a.summary}`).map((t) => [t, 1]));
const keyOf = (a: Article) => storyKey(a.date, words(a));
const settings = { minSimilarity: 0.3, maxGapDays: 21, distinctiveShare: 1, distinctiveMinDf: 2 };

describe('story grouping', () => {
  it('scores shared headline and lead words, 1 for the same, 0 for none', () => {
    expect(storySimilarity(keyOf(first), keyOf(first))).toBe(1);
    expect(storySimilarity(keyOf(first), storyKey(null, new Map([['zeppelin', 1]])))).toBe(0);
    expect(storySimilarity(keyOf(first), keyOf(second))).toBeCloseTo(
      storySimilarity(keyOf(second), keyOf(first)),
    );
  });

  it('needs close words and, when both are dated, close dates', () => {
    expect(sameStory(keyOf(first), keyOf(second), settings)).toBe(true);
    expect(sameStory(keyOf(first), keyOf(other), settings)).toBe(false);
    expect(sameStory(keyOf(first), keyOf(later), settings)).toBe(false);
    expect(sameStory(keyOf(first), storyKey(null, words(later)), settings)).toBe(true);
  });

  it('shows each story once, led by its best hit, the other reports by date', () => {
    const ranked = [third, other, first, later, second].map((article) => ({ article }));
    const stories = groupStories(ranked, keyOf, settings);
    expect(stories.map((s) => s.lead.article.id)).toEqual(['quake-3', 'election', 'quake-again']);
    expect(stories[0]!.related.map((a) => a.id)).toEqual(['quake-1', 'quake-2']);
    expect(stories[1]!.related).toEqual([]);
  });
});
