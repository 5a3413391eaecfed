import { describe, expect, it } from 'vitest';
import {
  articleText,
  countWords,
  hasDigit,
  isDoubleQuoteMark,
  nextDoubleQuoteMark,
  sentenceStartCapitals,
  tokenize,
} from '../../../../src/articles/quotes/words.js';
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

describe('words: counting without building the matches', () => {
  const byPattern = (text: string) => text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  const samples = [
    '',
    '   ',
    'pro-life',
    'Ann Roe said, "We won 3-1."',
    "don't stop — it's 2024's best",
    'Zoë Ødegård and Łukasz Wójcik',
    'cafe\u0301 au lait', // a combining accent ends a run, as in the pattern
    'Ελληνικά και русский и 日本語',
    '𝐁𝐨𝐥𝐝 letters 𝟏𝟐 outside the BMP',
    'a lone \ud800 surrogate and \udc00 another',
    '١٢٣ Arabic-Indic digits, Ⅻ a Roman numeral',
    '@[`{ the ASCII neighbours of letters ~',
  ];
  it.each(samples)('counts as /[\\p{L}\\p{N}]+/gu does: %j', (text) => {
    expect(countWords(text)).toBe(byPattern(text));
  });
  it('counts runs, not characters', () => {
    expect(countWords('Ann Roe, 42, said')).toBe(4);
  });
  it('finds an ASCII digit as /\\d/ does, and no other', () => {
    for (const text of ['F-35', 'BA.5', 'Covid-19', 'Roe', '١٢٣', 'Ⅻ', ''])
      expect(hasDigit(text)).toBe(/\d/.test(text));
  });
});

describe('words: the next double quotation mark', () => {
  it('finds every mark isDoubleQuoteMark accepts, in order, and nothing else', () => {
    const text = `He said "yes", «non» and „ja“ — 'no' ‘single’ ”back“.`;
    const marks: number[] = [];
    for (let i = nextDoubleQuoteMark(text, 0); i >= 0; i = nextDoubleQuoteMark(text, i + 1)) marks.push(i);
    const tested = [...text].flatMap((ch, i) => (isDoubleQuoteMark(ch) ? [i] : []));
    expect(marks).toEqual(tested);
    expect(marks).toHaveLength(8);
  });
  it('is -1 when no mark lies at or after the start', () => {
    expect(nextDoubleQuoteMark('"a" b', 3)).toBe(-1);
    expect(nextDoubleQuoteMark('"a"', 3)).toBe(-1);
    expect(nextDoubleQuoteMark('"a"', 2)).toBe(2);
  });
});

describe('words: capitals', () => {
  it('marks a word capitalised as /^\\p{Lu}/u does, ASCII or not', () => {
    const text = 'Ann and Élodie met ß, ǅ, Ωmega, 𝐁old, 9lives, @Roe and _x';
    for (const w of tokenize(text)) expect(w.capitalised, w.text).toBe(!w.punct && /^\p{Lu}/u.test(w.text));
    expect(
      tokenize(text)
        .filter((w) => w.capitalised)
        .map((w) => w.text),
    ).toEqual(['Ann', 'Élodie', 'Ωmega', '𝐁old', 'Roe']);
  });
});
