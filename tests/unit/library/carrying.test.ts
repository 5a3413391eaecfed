import { describe, expect, it } from 'vitest';
import { carryingTerms, queryWords } from '../../../src/library/carrying.js';

describe('carrying words', () => {
  it('requires the distinctive words of a keyword query and the names of a sentence', () => {
    const df = (t: string) => (t === 'elizabeth' ? 1 : t === 'budget' ? 100 : 0);
    expect(carryingTerms(queryWords('elizabeth holmes'), df, 1000)).toEqual(['elizabeth', 'holm']);
    // a common word is not required
    expect(carryingTerms(queryWords('budget holmes'), df, 1000)).toEqual(['holm']);
    // a sentence: only its names
    expect(
      carryingTerms(
        queryWords('Which company did Elizabeth found after she left college in 2003?'),
        df,
        1000,
      ),
    ).toEqual(['elizabeth']);
    // a sentence's abbreviation is not required (an article may write out "air conditioning"),
    // a keyword query's is
    const rare = (t: string) => (t === 'ac' || t === 'store' ? 5 : 500);
    expect(
      carryingTerms(
        queryWords('Which company is accused of turning off the AC in its stores to save money?'),
        rare,
        1000,
      ),
    ).toEqual([]);
    expect(carryingTerms(queryWords('AC stores'), rare, 1000)).toEqual(['ac', 'store']);
    // a small library tells no word rare: only names are required
    expect(carryingTerms(queryWords('going holmes'), df, 10)).toEqual([]);
  });
});
