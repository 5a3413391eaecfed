import { describe, expect, it } from 'vitest';
import { bestFirst } from '../../../src/library/best-first.js';

interface Item {
  key: number;
  tag: number;
}

/** A fixed pseudo-random list with many equal keys, so the order among equals is tested. */
function items(n: number, seed: number): Item[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s;
  };
  return Array.from({ length: n }, (_, tag) => ({ key: next() % 17, tag }));
}

const byKey = (a: Item, b: Item) => b.key - a.key;

describe('bestFirst', () => {
  it('is the first items of a stable sort, ties in the given order', () => {
    for (const [n, count] of [
      [0, 5],
      [3, 5],
      [200, 1],
      [200, 30],
      [200, 199],
      [200, 200],
    ] as const) {
      const list = items(n, n + count);
      const sorted = [...list].sort(byKey);
      expect(bestFirst(list, byKey, count)).toEqual(sorted.slice(0, count));
    }
  });

  it('adds the first accepted items after those, in their sorted places', () => {
    const list = items(300, 11);
    const accept = (x: Item) => x.tag % 7 === 0;
    const sorted = [...list].sort(byKey);
    const head = sorted.slice(0, 40);
    const extra = sorted.slice(40).filter(accept).slice(0, 6);
    const expected = sorted.filter((x) => head.includes(x) || extra.includes(x));
    expect(bestFirst(list, byKey, 40, { accept, count: 6 })).toEqual(expected);
  });

  it('with no count returns nothing but the accepted extras', () => {
    const list = items(50, 3);
    const accept = (x: Item) => x.key > 12;
    const sorted = [...list].sort(byKey);
    expect(bestFirst(list, byKey, 0, { accept, count: 4 })).toEqual(sorted.filter(accept).slice(0, 4));
  });
});
