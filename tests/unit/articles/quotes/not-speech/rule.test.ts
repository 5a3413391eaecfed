import { describe, expect, it } from 'vitest';
import { wordBefore } from '../../../../../src/articles/quotes/not-speech/rule.js';

/** The pattern wordBefore's reading back stands for. */
const byPattern = (before: string) => {
  const m = /([\p{L}\p{N}][\p{L}\p{N}'’.-]*)\s*$/u.exec(before);
  return m ? (m[1] ?? '').toLowerCase().replace(/[.]$/, '') : '';
};

describe('wordBefore', () => {
  it.each([
    ['The harbour board called it ', 'it'],
    ['the film  ', 'film'],
    ['Mayor Ann Roe’s ', 'roe’s'],
    ['the U.S. ', 'u.s'],
    ['a well-known ', 'well-known'],
    ['--', ''],
    ['.-a-b ', 'a-b'],
    ['words, ', ''],
    ['', ''],
    ['   ', ''],
    ['x\u00a0\n', 'x'],
    ['the 𝐀𝐁 ', '𝐀𝐁'.toLowerCase()],
    ['lone \udc00', ''],
  ])('reads the last word of %j as the pattern does', (before, word) => {
    expect(wordBefore(before)).toBe(word);
    expect(wordBefore(before)).toBe(byPattern(before));
  });
});
