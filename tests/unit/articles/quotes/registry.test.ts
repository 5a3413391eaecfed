// The name registry (src/articles/quotes/registry.ts), on invented text: one table per rule.
import { describe, expect, it } from 'vitest';
import { buildRegistry } from '../../../../src/articles/quotes/registry.js';
import { articleText } from '../../../../src/articles/quotes/words.js';
import { speakers } from './cases.js';

describe('registry: names joined by "&" are a pair or a firm, no one person', () => {
  it('keeps "Ida & Omar" out of the full names a first or last name resolves to', () => {
    const registry = buildRegistry(
      articleText(['Streamio released the trailer for “Ida & Omar” on Monday.']),
      [],
    );
    const pair = registry.mentions.find((m) => m.name === 'Ida Omar');
    expect(pair?.pair).toBe(true);
    expect(pair?.kind).toBe('organisation');
    expect(registry.fullNamesByLast.get('omar')).toBeUndefined();
    expect(registry.fullNamesByFirst.get('ida')).toBeUndefined();
  });
  speakers([
    [
      [
        'Streamio released the trailer for the series “Ida & Omar” on Monday.',
        'Omar is later shown saying, “We wanted to tell our story in our own words.”',
      ],
      'Omar',
    ],
    // a name joined by "and" was never one run
    [
      [
        'Streamio released the trailer for the series about Ida and Omar on Monday.',
        'Omar is later shown saying, “We wanted to tell our story in our own words.”',
      ],
      'Omar',
    ],
  ]);
});
