// parseArticle with page furniture: what it keeps as the article's text and what it sets aside (the
// rules themselves are tested in furniture/index.test.ts), on a page with invented text.
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/articles/parse.js';

describe('parsing sets furniture aside', () => {
  const page = [
    '---',
    'title: Ferries run again in Port Haven',
    'date: 2022-05-03',
    '---',
    'Tidewater News —',
    '',
    'Ferries ran again in Port Haven on Tuesday after a week-long strike by dockers ended.',
    '',
    'Sign up for our weekly Harbour Notes newsletter.',
    '',
    'Ana Lind waves to supporters in Port Haven. Ivo Brandt/Getty Images',
    '',
    '“We are back,” said Omar Vance, the harbour master.',
    '',
    'Video Ad Feedback Dockers end their strike 01:12 - Source: Tidewater News',
    '',
    'Kip Lowe contributed to this report.',
    '',
    'This story has been updated with additional details.',
  ].join('\n');
  const { article } = parseArticle('port.md', new TextEncoder().encode(page), { maxBytes: 1 << 20 });

  it('keeps only the article’s text as paragraphs, and lists the rest in order, with its kind', () => {
    expect(article?.paragraphs).toEqual([
      'Ferries ran again in Port Haven on Tuesday after a week-long strike by dockers ended.',
      '“We are back,” said Omar Vance, the harbour master.',
    ]);
    expect(article?.furniture?.map((f) => [f.kind, f.before])).toEqual([
      ['dateline', 0],
      ['promotion', 1],
      ['caption', 1],
      ['player', 2],
      ['contributors', 2],
      ['update', 2],
    ]);
  });

  it('never makes a summary, a quotation or a speaker of it', () => {
    expect(article?.summary).toBe(
      'Ferries ran again in Port Haven on Tuesday after a week-long strike by dockers ended. “We are back,” said Omar Vance, the harbour master.',
    );
    expect(article?.quotes.map((q) => q.speaker)).toEqual(['Omar Vance']);
  });

  it('does not take a credit for a heading', () => {
    expect(article?.headings).toEqual([]);
  });
});
