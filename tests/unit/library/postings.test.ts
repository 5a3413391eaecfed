import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import {
  loadCompact,
  Postings,
  savedIndexOf,
  trimPostings,
  withCompactPostings,
} from '../../../src/library/postings.js';
import { TimeSlices } from '../../../src/time-slices.js';
import { turnsDuring } from '../../helpers.js';

describe('compact postings', () => {
  it('answer like a Map for every operation MiniSearch uses, in ascending order', () => {
    const postings = new Postings();
    const map = new Map<number, number>();
    // a fixed pseudo-random sequence of sets and deletes, past the switch to a typed array
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let step = 0; step < 2000; step++) {
      const id = next() % 300;
      if (next() % 5 === 0) expect(postings.delete(id)).toBe(map.delete(id));
      else {
        const freq = (map.get(id) ?? 0) + 1;
        postings.set(id, freq);
        map.set(id, freq);
      }
      expect(postings.size).toBe(map.size);
      expect(postings.get(id)).toBe(map.get(id));
      expect(postings.has(id)).toBe(map.has(id));
    }
    const sorted = [...map.entries()].sort((a, b) => a[0] - b[0]);
    expect([...postings]).toEqual(sorted);
    expect([...postings.keys()]).toEqual(sorted.map(([k]) => k));
    expect(Object.fromEntries(postings)).toEqual(Object.fromEntries(sorted));
    postings.trim();
    expect([...postings.entries()]).toEqual(sorted);
  });

  it('give the very same search results, scores and saved index as MiniSearch’s own maps', async () => {
    const words = 'ferry harbour council vote rail strike pay deal apple harvest island route'.split(' ');
    const docs = Array.from({ length: 120 }, (_, i) => ({
      id: i,
      text: Array.from({ length: 40 }, (_, w) => words[(i * 7 + w * ((i % 5) + 1)) % words.length]).join(' '),
    }));
    const options = { fields: ['text'], storeFields: [] };
    const plain = new MiniSearch<{ id: number; text: string }>(options);
    const compact = withCompactPostings(new MiniSearch<{ id: number; text: string }>(options));
    plain.addAll(docs);
    compact.addAll(docs);
    await trimPostings(compact);
    for (const query of ['ferry', 'harbour council', 'strik', 'apple harvest route'])
      for (const opts of [{}, { fuzzy: 0.2 }, { prefix: true }])
        expect(compact.search(query, opts)).toEqual(plain.search(query, opts));
    expect(compact.toJSON()).toEqual(plain.toJSON());
    const saved = plain.toJSON();
    const loaded = loadCompact(savedIndexOf(compact), options);
    expect(loaded.search('harbour council')).toEqual(plain.search('harbour council'));
    // as MiniSearch's own load has it (its tree lists terms in another order than the built one)
    expect(loaded.toJSON()).toEqual(MiniSearch.loadJS(saved, options).toJSON());
  });

  it('are trimmed in time slices, the event loop turning between them (a reload’s longest task was the trim)', async () => {
    const index = withCompactPostings(
      new MiniSearch<{ id: number; text: string }>({ fields: ['text'], storeFields: [] }),
    );
    index.addAll(Array.from({ length: 3000 }, (_, i) => ({ id: i, text: `word${i} shared` })));
    // a budget of 0 ms: every look at the slice finds it used up
    const turns = await turnsDuring(trimPostings(index, new TimeSlices(0)));
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(index.search('word17').map((r) => r.id)).toEqual([17]);
    expect(index.search('shared')).toHaveLength(3000);
  });

  it('count each term’s documents once, in the order processTerm meets the terms, as they are added', () => {
    const docs = [
      { id: 0, title: 'Ferry fares', text: 'the ferry sails; ferry fares rise' },
      { id: 1, title: 'Harbour', text: 'council vote on the harbour ferry' },
      { id: 2, title: 'Vote', text: 'vote vote' },
    ];
    // what the library's processTerm counted before: once per document, at the term's first meeting
    const expected = new Map<string, number>();
    const options = { fields: ['title', 'text'], storeFields: [] };
    let seen = new Set<string>();
    const plain = new MiniSearch<(typeof docs)[number]>({
      ...options,
      processTerm: (term, field) => {
        const t = term.toLowerCase();
        if (field) seen.add(t);
        return t;
      },
    });
    for (const doc of docs) {
      seen = new Set();
      plain.add(doc);
      for (const t of seen) expected.set(t, (expected.get(t) ?? 0) + 1);
    }
    const df = new Map<string, number>();
    const compact = withCompactPostings(new MiniSearch<(typeof docs)[number]>(options), df);
    compact.addAll(docs);
    expect([...df]).toEqual([...expected]);
    expect(df.get('ferry')).toBe(2);
    expect(df.get('vote')).toBe(2);
    expect(compact.toJSON()).toEqual(plain.toJSON());
  });

  it('refuse a saved list that is not what savedIndexOf writes (the warm cache then rebuilds)', () => {
    expect(Postings.fromSaved([0, 2, 3, 1], 4).toSaved()).toEqual([0, 2, 3, 1]);
    for (const bad of [[0, 2, 4, 1], [3, 1, 0, 2], [0, 2, 0, 1], [0], [0, 'x'], [-1, 1], [0.5, 1], { 0: 1 }])
      expect(() => Postings.fromSaved(bad, 4)).toThrow('broken index entry');
  });
});
