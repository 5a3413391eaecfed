import { describe, expect, it } from 'vitest';
import { articleText, sentenceStartCapitals, tokenize } from '../../../../src/articles/quotes/words.js';
import { splitSentences } from '../../../../src/articles/text.js';

describe('words: one abbreviation list for tokens and sentences', () => {
  it('keeps the full stop of a title, an initial or an abbreviation with its word', () => {
    const words = tokenize('Del. Rhoda Finch and Sen. J. Ruiz of the U.S. spoke.').map((w) => w.text);
    expect(words).toEqual([
      'Del.',
      'Rhoda',
      'Finch',
      'and',
      'Sen.',
      'J.',
      'Ruiz',
      'of',
      'the',
      'U.S.',
      'spoke',
      '.',
    ]);
  });

  it('reads a hyphen between spaces as a dash, and keeps a hyphen inside a word', () => {
    const words = tokenize('Polls agree - Ann Roe-Kral: late.');
    expect(words.map((w) => w.text)).toEqual(['Polls', 'agree', '–', 'Ann', 'Roe-Kral', ':', 'late', '.']);
    expect(words[2]?.punct).toBe(true);
  });

  it('ends a sentence after a word that is also a day or a name ("the Sun.", "Al.")', () => {
    expect(tokenize('He told the Sun. Then he left.').filter((w) => w.text === '.')).toHaveLength(2);
    expect(splitSentences('He told the Sun. Then he left with Al. Nobody followed.')).toEqual([
      'He told the Sun.',
      'Then he left with Al.',
      'Nobody followed.',
    ]);
  });
});

describe('words: capitals that only open sentences', () => {
  it('finds the words capitalised only at a start and lowercase elsewhere, not surnames used mid-sentence', () => {
    const text = articleText([
      'Guns were on the agenda. The mayor talked about guns and ferries.',
      '“Ferries are late,” said Ann Rose. Prices rose. Rose left.',
    ]);
    expect([...sentenceStartCapitals(text)].sort()).toEqual(['ferries', 'guns', 'the']);
  });
});
