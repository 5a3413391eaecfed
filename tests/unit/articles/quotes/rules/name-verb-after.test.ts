import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../../../src/articles/quotes/index.js';
import { attributesBy } from '../cases.js';

describe('rule name-verb-after: `"…," X barked`', () => {
  attributesBy('name-verb-after', [
    [['"Get off my lawn and take your cameras with you," Varga barked.'], 'Varga'],
    [['"Nobody asked the fishermen what they wanted," Olsen snorted.'], 'Olsen'],
  ]);

  it('a new sentence after a full stop is not an attribution ("Mr. Berg is giving …")', () => {
    const [q] = extractQuotes([
      'In May, Gov. Ruth Aalto praised Mr. Berg for his "bold and careful plans." Mr. Berg is giving the quarry to the state.',
    ]);
    expect(q?.speaker).toBe('Ruth Aalto');
    expect(q?.rule).toBe('verb-before');
  });
});
