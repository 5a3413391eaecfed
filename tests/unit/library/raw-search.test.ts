import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { rawSearch, searchOrder } from '../../../src/library/raw-search.js';

interface Doc {
  id: number;
  text: string;
  title: string;
}

// invented documents: repeated words give equal scores, to test the order among equals
const DOCS: Doc[] = [
  { id: 10, text: 'red apple harvest in the valley', title: 'apples' },
  { id: 11, text: 'green apple and red pear', title: 'fruit market' },
  { id: 12, text: 'apple harvest', title: 'harvest' },
  { id: 13, text: 'apple harvest', title: 'harvest' },
  { id: 14, text: 'the pear tree', title: 'trees' },
  { id: 15, text: 'aple harvest report, a typo', title: 'typos' },
  { id: 16, text: 'nothing to see', title: 'empty' },
];

function index(): MiniSearch<Doc> {
  const ms = new MiniSearch<Doc>({
    fields: ['text', 'title'],
    storeFields: [],
    searchOptions: { fields: ['text'] },
  });
  ms.addAll(DOCS);
  return ms;
}

const QUERIES: Query[] = [
  'apple',
  'apple harvest pear',
  {
    combineWith: 'OR',
    queries: [
      { queries: ['apple'], fuzzy: 1 },
      { queries: ['pear', 'tree'], boost: { text: 0.5 } },
    ],
  },
  { combineWith: 'AND', queries: ['apple', 'harvest'] },
  'missing',
];

describe('rawSearch', () => {
  it('gives search’s matches, ids, scores, query terms and matched terms, unsorted', () => {
    const ms = index();
    for (const query of QUERIES) {
      const expected = ms.search(query, { processTerm: (t) => t.toLowerCase() });
      const raw = rawSearch(ms, query, { processTerm: (t) => t.toLowerCase() });
      expect(raw.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
      for (const r of raw) {
        const e = expected.find((x) => x.id === r.id)!;
        expect(r.score).toBe(e.score);
        expect(r.queryTerms).toBe(e.queryTerms.length);
        expect(Object.keys(r.match)).toEqual(Object.keys(e.match));
        expect(r.match).toEqual(e.match);
      }
    }
  });

  it('keeps only the ids `keep` accepts, as search’s filter does', () => {
    const ms = index();
    const even = (id: unknown) => (id as number) % 2 === 0;
    const expected = ms.search('apple pear', { filter: (r) => even(r.id) }).map((r) => r.id);
    expect(
      rawSearch(ms, 'apple pear', {}, even)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('ordered by searchOrder gives search’s order re-sorted by another score', () => {
    const ms = index();
    // a score that makes most matches equal: only the order among equals tells the two apart
    const other = (queryTerms: number) => Math.min(queryTerms, 1);
    for (const query of QUERIES) {
      const twice = ms
        .search(query)
        .map((r) => ({ id: r.id, score: other(r.queryTerms.length) }))
        .sort((a, b) => b.score - a.score)
        .map((r) => r.id);
      const once = rawSearch(ms, query, {})
        .map((r) => ({ id: r.id, score: other(r.queryTerms), indexScore: r.score }))
        .sort(searchOrder)
        .map((r) => r.id);
      expect(once).toEqual(twice);
    }
  });
});
