import { describe, expect, it } from 'vitest';
import { termOf } from '../../../src/library/analyzer.js';
import {
  articleTerms,
  PhraseTermsCache,
  pushPhraseTerms,
  readArticleTerms,
} from '../../../src/library/phrase-terms.js';
import { articleWith } from '../../helpers.js';

// An article's terms in reading order, '' wherever two words are not written as one name, and the
// bounded cache that keeps them for the articles read last.

const t = (word: string) => termOf(word)!;

const phrase = (text: string) => {
  const out: string[] = [];
  pushPhraseTerms(text, out);
  return out;
};

describe('pushPhraseTerms', () => {
  it('joins words separated by spaces only, and parts a comma, a full stop or a line break', () => {
    expect(phrase('Ferry Harbour, Island  Council. Pier\nRoad')).toEqual([
      '',
      t('Ferry'),
      t('Harbour'),
      '',
      t('Island'),
      t('Council'),
      '',
      t('Pier'),
      '',
      t('Road'),
      '',
    ]);
  });

  it('parts the words around a stop word and after a possessive', () => {
    expect(phrase('Bank of Harbour')).toEqual(['', t('Bank'), '', t('Harbour'), '']);
    expect(phrase("Halvorsen's Ferry and Halvorsen’S Pier")).toEqual([
      '',
      t('Halvorsen'),
      '',
      t('Ferry'),
      '',
      t('Halvorsen'),
      '',
      t('Pier'),
      '',
    ]);
  });

  it('pushes a lone separator for a text without terms', () => {
    expect(phrase('')).toEqual(['']);
    expect(phrase('of the and')).toEqual(['']);
  });
});

describe('articleTerms', () => {
  const article = articleWith({
    id: 'harbour',
    title: 'Ferry strike',
    standfirst: 'Pier closed',
    headings: ['Island talks'],
    paragraphs: ['Council votes'],
    furniture: [{ kind: 'caption', text: 'Harbour crane', before: 1 }],
  });

  it('reads title, standfirst, headings, paragraphs and captions, each text opened and closed by a separator', () => {
    const text = (...words: string[]) => ['', ...words.map(t), ''];
    expect(articleTerms(article)).toEqual([
      ...text('Ferry', 'strike'),
      ...text('Pier', 'closed'),
      ...text('Island', 'talks'),
      ...text('Council', 'votes'),
      ...text('Harbour', 'crane'),
    ]);
  });

  it('gives the same list on a second call without reading the article again', () => {
    expect(articleTerms(article)).toBe(articleTerms(article));
  });
});

describe('PhraseTermsCache', () => {
  const article = (i: number, words = 1) =>
    articleWith({ id: `a${i}`, title: 'Ferry', paragraphs: [Array(words).fill('harbour').join(' ')] });

  it('keeps at most maxArticles, dropping the one asked least recently', () => {
    const cache = new PhraseTermsCache(2, 1_000);
    const [a, b, c] = [article(1), article(2), article(3)];
    const first = cache.termsOf(a);
    cache.termsOf(b);
    expect(cache.termsOf(a)).toBe(first); // a is now the most recent
    cache.termsOf(c); // drops b
    expect(cache.size).toBe(2);
    expect(cache.termsOf(a)).toBe(first);
    const again = cache.termsOf(b);
    expect(again).toEqual(readArticleTerms(b));
    expect(cache.size).toBe(2);
  });

  it('keeps at most maxEntries terms in all, but always the article just read', () => {
    const big = article(1, 50);
    const size = readArticleTerms(big).length;
    const cache = new PhraseTermsCache(100, size + 5);
    const small = cache.termsOf(article(2));
    const held = cache.termsOf(big);
    // over the bound: the older, small one goes, the big one stays alone
    expect(cache.size).toBe(1);
    expect(cache.termsOf(big)).toBe(held);
    expect(cache.termsOf(article(2))).not.toBe(small);
    expect(cache.size).toBe(1);
  });
});
