import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/articles/summary.js';
import {
  escapeMarkdown,
  singleSpaced,
  splitSentences,
  truncateAtWord,
  truncateMarkdown,
} from '../../../src/articles/text.js';

describe('splitSentences', () => {
  it('does not end a sentence at abbreviations, initials or decimals', () => {
    expect(
      splitSentences(
        'Mr. Smith met U.S. officials at 9 a.m. on Monday. J. K. Rowling was there. Costs rose 4.5% in Jan. last year.',
      ),
    ).toEqual([
      'Mr. Smith met U.S. officials at 9 a.m. on Monday.',
      'J. K. Rowling was there.',
      'Costs rose 4.5% in Jan. last year.',
    ]);
  });

  it('keeps a closing quotation mark with its sentence', () => {
    expect(splitSentences('"We are ready." The minister left. Is it over? Yes!')).toEqual([
      '"We are ready."',
      'The minister left.',
      'Is it over?',
      'Yes!',
    ]);
    expect(splitSentences('He said: “It is done.” Then he left.')).toEqual([
      'He said: “It is done.”',
      'Then he left.',
    ]);
  });

  it('treats each paragraph separately', () => {
    expect(splitSentences('One line without stop\nNext line.')).toEqual([
      'One line without stop',
      'Next line.',
    ]);
  });
});

describe('truncateAtWord', () => {
  it('never cuts mid-word and marks the cut', () => {
    expect(truncateAtWord('The quick brown fox jumps', 16)).toBe('The quick brown…');
    expect(truncateAtWord('short', 10)).toBe('short');
    expect(truncateAtWord('Supercalifragilistic', 8)).toBe('Superca…');
    expect(truncateAtWord('One, two, three', 10)).toBe('One, two…');
  });

  it('closes a bold run it cuts through', () => {
    const cut = truncateMarkdown('plain **bold words here** end', 18);
    expect(cut.length).toBeLessThanOrEqual(18);
    expect((cut.match(/\*\*/g) ?? []).length % 2).toBe(0);
  });
});

describe('escapeMarkdown', () => {
  it('escapes what Discord would format', () => {
    expect(escapeMarkdown('a*b_c~d`e|f [x]')).toBe('a\\*b\\_c\\~d\\`e\\|f \\[x\\]');
    expect(escapeMarkdown('# not a heading\n> not a quote')).toBe('\\# not a heading\n\\> not a quote');
  });
});

describe('summarize', () => {
  it('takes the standfirst and whole lead sentences within the limit', () => {
    const s = summarize(
      { standfirst: 'Talks resume', paragraphs: ['First sentence here. Second one here.', 'Third.'] },
      55,
    );
    expect(s).toBe('Talks resume. First sentence here. Second one here.');
  });

  it('cuts a long first sentence at a word, never mid-word', () => {
    const long = `${'word '.repeat(100).trim()}.`;
    const s = summarize({ standfirst: null, paragraphs: [long] }, 350);
    expect(s.length).toBeLessThanOrEqual(350);
    expect(s.endsWith('word…')).toBe(true);
  });

  it('fills remaining room with part of the next sentence only when it can say something', () => {
    const first = `${'a '.repeat(100).trim()}.`; // 200 chars
    const s = summarize({ standfirst: null, paragraphs: [`${first} ${'b '.repeat(150).trim()}.`] }, 350);
    expect(s.length).toBeLessThanOrEqual(350);
    expect(s).toMatch(/b…$/);
  });
});

describe('singleSpaced', () => {
  const samples = [
    '',
    'one line, single spaced.',
    ' leading and trailing ',
    'two  spaces',
    'a\nnewline',
    'a tab\there',
    'no-break\u00a0space',
    'ideographic\u3000space and line\u2028separator',
    ' \n ',
    'ends with a space\n',
  ];
  it.each(samples)('is what replacing /\\s+/g with a space gives: %j', (text) => {
    expect(singleSpaced(text)).toBe(text.replace(/\s+/g, ' '));
  });
});
