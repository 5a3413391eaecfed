import { describe, expect, it } from 'vitest';
import { documentTokens, termsOf, tokenize } from '../../../src/library/analyzer.js';

describe('documentTokens', () => {
  it('gives a word written with hyphens as its parts and, after the words, its parts joined', () => {
    expect(documentTokens('New anti-virus software')).toEqual([
      'New',
      'anti',
      'virus',
      'software',
      'antivirus',
    ]);
    expect(documentTokens('e-mails and E-mail')).toEqual([
      'e',
      'mails',
      'and',
      'E',
      'mail',
      'emails',
      'Email',
    ]);
    expect(documentTokens('a state-of-the-art plant')).toEqual([
      'a',
      'state',
      'of',
      'the',
      'art',
      'plant',
      'stateoftheart',
    ]);
  });

  it('joins letters only: years, models and dangling hyphens stay apart', () => {
    expect(documentTokens('2004-2005 F-16 X-ray-9 well- known -abc- pre--war')).toEqual([
      '2004',
      '2005',
      'F',
      '16',
      'X',
      'ray',
      '9',
      'well',
      'known',
      'abc',
      'pre',
      'war',
    ]);
  });

  it('finds every such word, wherever the text starts or ends', () => {
    expect(documentTokens('-x- co-op, re-elect-').slice(-2)).toEqual(['coop', 'reelect']);
    expect(documentTokens('- co-op - re-run-').slice(-2)).toEqual(['coop', 'rerun']);
    expect(documentTokens('co-op and re-run')).toEqual(['co', 'op', 'and', 're', 'run', 'coop', 'rerun']);
  });

  it('leaves a text without a hyphen as its words', () => {
    expect(documentTokens('Macron’s plan, in Zürich')).toEqual(['Macron’s', 'plan', 'in', 'Zürich']);
  });
});

describe('tokenize (a question)', () => {
  it('reads a word written with hyphens as its parts only: no rare joined word to outweigh them', () => {
    expect(tokenize('the first-ever leftist')).toEqual(['the', 'first', 'ever', 'leftist']);
  });
});

describe('termsOf', () => {
  it('the joined spelling and the hyphenated one share a term', () => {
    expect(termsOf('antivirus')).toEqual(termsOf(documentTokens('anti-virus').at(-1)!));
    expect(termsOf('emails')).toEqual(termsOf(documentTokens('e-mail').at(-1)!));
  });
});
