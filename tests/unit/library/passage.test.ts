import { describe, expect, it } from 'vitest';
import { ANALYSED_BODY_MAX_CHARS } from '../../../src/articles/parse.js';
import { articleSentences, findPassage } from '../../../src/library/passage.js';
import { articleWith } from '../../helpers.js';

// A made-up article much longer than any real one: passages read only its first part.
const longArticle = (paragraphs: string[]) =>
  articleWith({ id: 'long', title: 'Harbour log', paragraphs, summary: '' });

describe('articleSentences on a very long article', () => {
  const paragraph = (i: number) =>
    Array.from({ length: 40 }, (_, k) => `Crews logged boat ${i}-${k} at the pier before noon.`).join(' ');
  const paragraphs = Array.from({ length: 200 }, (_, i) => paragraph(i));
  paragraphs.push('The lighthouse keeper Ines Halvorsen retired in spring.');
  const article = longArticle(paragraphs);

  it('reads whole paragraphs up to ANALYSED_BODY_MAX_CHARS and no further', () => {
    const sentences = articleSentences(article);
    const read = new Set(sentences.map((s) => s.paragraph));
    const chars = [...read].reduce((n, p) => n + (paragraphs[p]?.length ?? 0), 0);
    expect(chars).toBeLessThanOrEqual(ANALYSED_BODY_MAX_CHARS);
    expect(chars + paragraph(0).length).toBeGreaterThan(ANALYSED_BODY_MAX_CHARS);
    expect(read.has(paragraphs.length - 1)).toBe(false);
  });

  it('finds no passage past the part it reads', () => {
    const weight = () => 1;
    expect(findPassage(article, { terms: ['lighthous'], weight })).toBeNull();
    expect(findPassage(article, { terms: ['crew'], weight })?.start).toBe(0);
  });
});

describe('findPassage on an article that asks the query', () => {
  const weight = () => 1;
  const query = { terms: ['ferri', 'heat', 'boat'], weight, questionFactor: 0.25 };

  it('scores what the article states, and what it would score were its questions statements', () => {
    const quiz = articleWith({
      id: 'quiz',
      title: 'Morning quiz',
      paragraphs: ['Which ferry line cut the heating on its boats?', 'The town fair opens on Friday.'],
    });
    const found = findPassage(quiz, query);
    expect(found!.score).toBeLessThan(found!.plainScore);
    // all three words, asked: a quarter of each
    expect(found!.plainScore / found!.score).toBeCloseTo(4, 1);
  });

  it('scores the same both ways when no question has the query words', () => {
    const report = articleWith({
      id: 'report',
      title: 'Ferry line cuts heating',
      paragraphs: ['The ferry line cut the heating on its boats.', 'Will the fair open on Friday?'],
    });
    const found = findPassage(report, query);
    expect(found!.plainScore).toBe(found!.score);
  });
});
