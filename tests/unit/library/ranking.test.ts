import { describe, expect, it } from 'vitest';
import {
  candidateTerms,
  daysOutside,
  freshnessFactor,
  freshnessFrom,
  RANKING,
  windowFirst,
} from '../../../src/library/ranking.js';

describe('candidateTerms', () => {
  const df = new Map([
    ['rare', 10],
    ['mid', 400],
    ['other', 500],
    ['said', 3000],
  ]);
  const settings = { minCandidateTerms: 2, candidatePostings: 1_000 };

  it('leaves out words in a large share of the articles', () => {
    expect(candidateTerms(['said', 'rare', 'mid'], df, 10_000, settings)).toEqual(['rare', 'mid']);
  });

  it('takes the rarest words until their postings would pass the budget', () => {
    const budget = (candidatePostings: number) => ({ ...settings, candidatePostings });
    expect(candidateTerms(['other', 'mid', 'rare'], df, 10_000, budget(909))).toEqual(['rare', 'mid']);
    expect(candidateTerms(['other', 'mid', 'rare'], df, 10_000, budget(910))).toEqual([
      'rare',
      'mid',
      'other',
    ]);
  });

  it('keeps the rarest two even when they alone pass the budget', () => {
    expect(candidateTerms(['other', 'mid'], df, 10_000, { ...settings, candidatePostings: 100 })).toEqual([
      'mid',
      'other',
    ]);
  });

  it('lets the rarest pick when every word is common', () => {
    expect(candidateTerms(['said', 'other'], df, 1_000, settings)).toEqual(['other', 'said']);
  });
});

describe('freshness', () => {
  const today = { since: '2022-09-29', until: '2022-09-29' };
  const settings = { halfLifeDays: 7, share: 0.3 };

  it('keeps all of an article of today, half its share a half-life later, never less than 1 - share', () => {
    expect(freshnessFactor('2022-09-29', today, settings)).toBe(1);
    expect(freshnessFactor('2022-09-22', today, settings)).toBeCloseTo(0.85);
    expect(freshnessFactor('2022-09-15', today, settings)).toBeCloseTo(0.775);
    expect(freshnessFactor('2012-09-29', today, settings)).toBeCloseTo(0.7);
  });

  it('gives undated articles no freshness', () => {
    expect(freshnessFactor(null, today, settings)).toBe(0.7);
  });

  it('measures from the window when the question names one', () => {
    const june = { since: '2022-06-01', until: '2022-06-30' };
    expect(daysOutside('2022-06-15', june)).toBe(0);
    expect(daysOutside('2022-05-25', june)).toBe(7);
    expect(daysOutside('2022-07-07', june)).toBe(7);
    expect(freshnessFactor('2022-06-15', june, settings)).toBe(1);
    expect(freshnessFactor('2022-07-07', june, settings)).toBeCloseTo(0.85);
  });

  it('measures from the latest day asked about: the window’s last, never after the day of asking', () => {
    const lastWeek = { since: '2022-09-19', until: '2022-09-25' };
    const thisWeek = { since: '2022-09-26', until: '2022-10-02' };
    const sinceMarch = { since: '2022-03-01', until: null };
    const day = (d: string) => ({ since: d, until: d });
    expect(freshnessFrom(lastWeek, '2022-09-29')).toEqual(day('2022-09-25'));
    expect(freshnessFrom(thisWeek, '2022-09-29')).toEqual(day('2022-09-29'));
    expect(freshnessFrom(sinceMarch, '2022-09-29')).toEqual(day('2022-09-29'));
    expect(freshnessFrom(null, '2022-09-29')).toEqual(day('2022-09-29'));
    expect(freshnessFrom(lastWeek, null)).toEqual(day('2022-09-25'));
    expect(freshnessFrom(sinceMarch, null)).toBeNull();
    expect(freshnessFrom(null, null)).toBeNull();
    // within "this week", Thursday's report is fresher than Monday's; both beat last week's
    const from = freshnessFrom(thisWeek, '2022-09-29')!;
    const thursday = freshnessFactor('2022-09-29', from, settings);
    const monday = freshnessFactor('2022-09-26', from, settings);
    expect(thursday).toBe(1);
    expect(monday).toBeLessThan(thursday);
    expect(freshnessFactor('2022-09-20', from, settings)).toBeLessThan(monday);
  });

  it('is bounded by the documented share', () => {
    expect(RANKING.freshness.share).toBeGreaterThan(0);
    expect(RANKING.freshness.share).toBeLessThan(1);
  });
});

describe('windowFirst', () => {
  const hit = (id: string, date: string | null, score: number) => ({ id, score, article: { date } });
  const week = { since: '2022-09-26', until: '2022-10-02' };
  const settings = { answerShare: 0.8, windowDepth: 10 };

  it('puts the articles inside the window that answer about as well as the best first', () => {
    const hits = [
      hit('old', '2022-07-01', 1),
      hit('inside', '2022-09-27', 0.85),
      hit('weak', '2022-09-28', 0.3),
    ];
    const ordered = windowFirst(hits, week, settings);
    expect(ordered.answered).toBe(true);
    expect(ordered.hits.map((h) => h.id)).toEqual(['inside', 'old', 'weak']);
  });

  it('falls back to the plain order, and says so, when nothing inside answers', () => {
    const hits = [hit('old', '2022-07-01', 1), hit('weak', '2022-09-28', 0.3), hit('undated', null, 0.9)];
    const ordered = windowFirst(hits, week, settings);
    expect(ordered.answered).toBe(false);
    expect(ordered.hits.map((h) => h.id)).toEqual(['old', 'weak', 'undated']);
  });
});
