import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { answerNews } from '../../../src/queries/news.js';
import { answerQuotes } from '../../../src/queries/quotes.js';
import { articleWith } from '../../helpers.js';

/** One dated quotation about the ferry, the library both tests ask. */
const lib = new Library([
  articleWith({
    id: 'q',
    title: 'Mayor on the ferry',
    date: '2022-11-28',
    paragraphs: ['"The ferry will run all winter," Mayor Ann Roe said.'],
    quotes: [
      { text: 'The ferry will run all winter', speaker: 'Ann Roe', role: 'Mayor', paragraph: 0, rule: null },
    ],
  }),
]);

describe('/quote time words', () => {
  it('reads time words as /news does: the days first, else other days, and says so', () => {
    const now = new Date('2022-11-30T12:00:00Z');
    const week = answerQuotes(
      lib,
      { query: 'ferry this week', speaker: null, since: null, until: null },
      now,
    );
    expect(week.searched).toBe('ferry');
    expect(week.window).toMatchObject({ since: '2022-11-28', until: '2022-12-04', matched: true });
    expect(week.results[0]?.article.id).toBe('q');
    const june = answerQuotes(lib, { query: 'ferry in June', speaker: null, since: null, until: null }, now);
    expect(june.window?.matched).toBe(false);
    expect(june.results[0]?.article.id).toBe('q');
  });

  it('reads a range across a year end as /news does, and names the same days', () => {
    // asked in December: November to January is the one around now, not one ending before it starts
    const now = new Date('2022-12-01T12:00:00Z');
    const ask = { query: 'ferry between November and January', since: null, until: null };
    const quotes = answerQuotes(lib, { ...ask, speaker: null }, now);
    const news = answerNews(lib, ask, now);
    const days = { since: '2022-11-01', until: '2023-01-31', label: 'from 1 Nov 2022 to 31 Jan 2023' };
    expect(quotes.window).toMatchObject({ ...days, matched: true });
    expect(news.window).toMatchObject({ ...days, matched: true });
    expect(quotes.searched).toBe('ferry');
    expect(quotes.results[0]?.article.id).toBe('q');
    expect(news.results[0]?.id).toBe('q');
  });
});
