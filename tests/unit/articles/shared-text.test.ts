import { describe, expect, it } from 'vitest';
import { shareArticleText } from '../../../src/articles/shared-text.js';
import type { Article } from '../../../src/articles/types.js';

const article = (): Article => ({
  id: 'politics/001',
  file: 'politics/001.txt',
  section: 'politics',
  title: 'Minister defends the budget',
  date: '2026-03-01',
  url: null,
  author: null,
  tags: [],
  standfirst: null,
  headings: [],
  paragraphs: [
    'The minister said: "We will not raise taxes this year, whatever the deficit."',
    '"It is a fair budget," she added. "Nobody loses."',
  ],
  links: [],
  summary: 'The minister defended the budget.',
  quotes: [
    {
      text: 'We will not raise taxes this year, whatever the deficit.',
      speaker: 'Jane Doe',
      role: 'Finance Minister',
      paragraph: 0,
      rule: 'verb-before',
    },
    // joined from two pieces: not written so in any paragraph, kept as it is
    {
      text: 'It is a fair budget … Nobody loses.',
      speaker: 'Jane Doe',
      role: null,
      paragraph: 1,
      rule: 'verb-after',
    },
    // a paragraph index past the end (a hand-made article): kept as it is
    { text: 'Out of range', speaker: null, role: null, paragraph: 7, rule: null },
  ],
});

describe('shareArticleText', () => {
  it('changes no string an answer reads', () => {
    const shared = article();
    shareArticleText(shared, new Map());
    expect(shared).toEqual(article());
  });

  it('leaves an article it has done alone when a reload passes it again', () => {
    const kept = article();
    shareArticleText(kept, new Map());
    const names = new Map<string, string>();
    shareArticleText(kept, names);
    expect(names.size).toBe(0);
    expect(kept).toEqual(article());
  });

  it('gives each repeated name the first copy seen in the load', () => {
    const names = new Map<string, string>();
    const first = article();
    const second = article();
    shareArticleText(first, names);
    shareArticleText(second, names);
    expect([...names.keys()].sort()).toEqual(
      ['Finance Minister', 'Jane Doe', 'politics', 'verb-after', 'verb-before'].sort(),
    );
    expect(second).toEqual(article());
  });
});
