import { describe, expect, it } from 'vitest';
import { termsOf } from '../../../src/library/analyzer.js';
import { highlightTerms } from '../../../src/library/highlight.js';

const terms = (query: string) => new Set(termsOf(query));

describe('highlightTerms', () => {
  it('marks the words whose term the question has, and escapes the rest', () => {
    expect(highlightTerms('The *new* ferries sailed', terms('ferry'))).toBe(
      'The \\*new\\* **ferries** sailed',
    );
  });

  it('marks a word written with hyphens whole when its joined spelling was asked', () => {
    expect(highlightTerms('New anti-virus software and e-mails.', terms('antivirus email'))).toBe(
      'New **anti-virus** software and **e-mails**.',
    );
  });

  it('marks the parts of such a word when a part was asked, and leaves other hyphens alone', () => {
    expect(highlightTerms('New anti-virus software', terms('virus'))).toBe('New anti-**virus** software');
    expect(highlightTerms('the 2004-2005 virus', terms('virus'))).toBe('the 2004-2005 **virus**');
  });
});
