import MiniSearch, { type Query } from 'minisearch';
import { describe, expect, it } from 'vitest';
import { loadCompact, savedIndexOf, withCompactPostings } from '../../../src/library/postings.js';
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

describe('rawSearch on compact postings (exact words scored over the postings)', () => {
  // invented documents with words of several frequencies and lengths, so that scores differ in
  // their last bits and the order of meeting matters
  const WORDS = ['apple', 'pear', 'plum', 'harvest', 'valley', 'market', 'tree', 'orchard', 'rain', 'frost'];
  const docs = Array.from({ length: 60 }, (_, id) => {
    const words: string[] = [];
    for (let w = 0; w < WORDS.length; w++) {
      // each word in a different subset of documents, repeated a different number of times
      const times = (id * (w + 3) + w) % (w + 2);
      for (let t = 0; t < times; t++) words.push(WORDS[w]!);
    }
    if (id % 7 === 0) words.push('aple', 'harvset');
    return { id: 100 + id, text: words.join(' '), title: WORDS[id % WORDS.length]! };
  });
  const options = {
    fields: ['text', 'title'],
    storeFields: [],
    searchOptions: { fields: ['text'], bm25: { k: 1.1, b: 0.6, d: 0.4 }, combineWith: 'OR' as const },
  };
  const built = () => {
    const ms = withCompactPostings(new MiniSearch<(typeof docs)[number]>(options));
    ms.addAll(docs);
    return ms;
  };
  const exact = (t: string): Query => ({ queries: [t], fuzzy: false, prefix: false });
  const QUERIES: Query[] = [
    { combineWith: 'OR', queries: [exact('apple')] },
    { combineWith: 'OR', queries: ['apple', 'pear', 'frost', 'missing'].map(exact) },
    // a word twice: its scores are added twice, as MiniSearch's OR adds them
    { combineWith: 'OR', queries: ['plum', 'tree', 'plum'].map(exact) },
    // near spellings and boosted parts (MiniSearch's own way) between exact ones
    {
      combineWith: 'OR',
      queries: [
        { queries: ['aple'], fuzzy: 1, prefix: false },
        exact('harvest'),
        { queries: ['harvset'], fuzzy: false, prefix: false, boost: { text: 0.45 } },
        exact('apple'),
        { queries: ['rain'], fuzzy: false, prefix: true },
      ],
    },
    { combineWith: 'OR', queries: [exact('valley'), { queries: ['orchrd'], fuzzy: 1, prefix: false }] },
  ];
  const inner = (ms: MiniSearch<(typeof docs)[number]>) =>
    ms as unknown as {
      executeQuery(q: Query, o: object): Map<number, { score: number; terms: string[]; match: object }>;
      _documentIds: Map<number, unknown>;
    };

  it('gives executeQuery’s matches: the same documents in the same order, scores to the last bit, terms and match', () => {
    for (const ms of [built(), loadCompact(savedIndexOf(built()), options)]) {
      for (const query of QUERIES) {
        const searchOptions = { processTerm: (t: string) => t };
        const expected = [...inner(ms).executeQuery(query, searchOptions)].map(([docId, m]) => ({
          id: inner(ms)._documentIds.get(docId),
          score: m.score * (m.terms.length || 1),
          queryTerms: m.terms.length,
          match: m.match,
          keys: Object.keys(m.match),
        }));
        const raw = rawSearch(ms, query, searchOptions).map((r) => ({ ...r, keys: Object.keys(r.match) }));
        expect(raw).toEqual(expected);
        expect(raw.map((r) => r.score)).toStrictEqual(expected.map((r) => r.score));
        expect(raw.length).toBeGreaterThan(0);
      }
    }
  });

  it('goes MiniSearch’s way once a document was discarded and not vacuumed', () => {
    const ms = built();
    ms.discard(100);
    const query: Query = { combineWith: 'OR', queries: ['apple', 'pear'].map(exact) };
    const expected = [...inner(ms).executeQuery(query, { processTerm: (t: string) => t })].map(([docId]) =>
      inner(ms)._documentIds.get(docId),
    );
    expect(rawSearch(ms, query, { processTerm: (t) => t }).map((r) => r.id)).toEqual(expected);
    expect(expected).not.toContain(100);
  });
});
