// The first items of a sorted order without sorting all of them. A question's index search matches
// about 2,000 of 21,280 articles (the bench's questions, counted), and the re-rank reads only the
// best few dozen of them (library.ts, rerank): sorting all of them took a quarter of the search's
// CPU time (26 of 97 ms for the bench's 30 questions at 21,280 articles, load average 20). A bounded heap picks the same items, in the same order, in about one comparison each.

/**
 * The first `count` items of `items` in the order `before` sorts them (negative: a first), ties
 * kept in `items`' order as a stable sort keeps them; then, when `extra` is given, the first
 * `extra.count` items that `extra.accept` takes among the ones after those. All of them in that
 * sorted order: what sorting a copy of `items` stably and keeping those would give.
 */
export function bestFirst<T>(
  items: readonly T[],
  before: (a: T, b: T) => number,
  count: number,
  extra?: { accept: (item: T) => boolean; count: number },
): T[] {
  // positions break ties, as a stable sort does
  const order = (i: number, j: number) => before(items[i]!, items[j]!) || i - j;
  const best = smallest(
    items.map((_, i) => i),
    order,
    count,
  );
  let picked = best;
  if (extra && extra.count > 0 && items.length > best.length) {
    const taken = new Set(best);
    const rest: number[] = [];
    for (let i = 0; i < items.length; i++) if (!taken.has(i) && extra.accept(items[i]!)) rest.push(i);
    picked = [...best, ...smallest(rest, order, extra.count)];
  }
  return picked.sort(order).map((i) => items[i]!);
}

/** The `k` smallest of `xs` by `order` (a strict total order), in no particular order. */
function smallest(xs: number[], order: (a: number, b: number) => number, k: number): number[] {
  if (k <= 0) return [];
  if (xs.length <= k) return xs;
  // a max-heap of the k smallest so far: its root the worst of them
  const heap = xs.slice(0, k);
  const down = (at: number) => {
    for (;;) {
      const l = 2 * at + 1;
      const r = l + 1;
      let worst = at;
      if (l < k && order(heap[l]!, heap[worst]!) > 0) worst = l;
      if (r < k && order(heap[r]!, heap[worst]!) > 0) worst = r;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) down(i);
  for (let i = k; i < xs.length; i++) {
    if (order(xs[i]!, heap[0]!) < 0) {
      heap[0] = xs[i]!;
      down(0);
    }
  }
  return heap;
}
