// npm run bench:who-said -- [--corpus DIR] [--sample 400]
//
// Measures "Who said this?" (QuoteIndex.closest) on a real corpus: how often a quotation is found
// from a part of it or with words dropped, how often a narrative sentence (no quotation in its
// paragraph) gets an answer at several thresholds, and the time per message. The evidence for
// CLOSEST.minScore in src/library/quote-tuning.ts.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { termOf, tokenize } from '../src/library/analyzer.js';
import { LiveLibrary } from '../src/library/live.js';

const THRESHOLDS = [0.4, 0.5, 0.6, 0.7];
/** Quotations shorter than this are too short to cut in half and still say something. */
const MIN_QUOTE_WORDS = 8;

const { values } = parseArgs({
  options: { corpus: { type: 'string' }, sample: { type: 'string', default: '400' } },
});
const corpus = path.resolve(values.corpus ?? '../shared/corpus/bbc');
const sampleSize = Number(values.sample);

const live = await LiveLibrary.open({ seedsDir: corpus, maxArticleBytes: 1 << 20 });
const library = live.current;
const quotes = library.articles.flatMap((article) =>
  article.quotes
    .filter((q) => q.text.split(/\s+/).length >= MIN_QUOTE_WORDS)
    .map((quote) => ({ article, quote })),
);
// a fixed pseudo-random sample, so runs compare
let seed = 11;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const times: number[] = [];
const closest = (text: string) => {
  const started = performance.now();
  const [hit] = library.quotes.closest(text, 1, THRESHOLDS[0]);
  times.push(performance.now() - started);
  return hit;
};
const rows = new Map<string, { counts: number[]; of: number }>();
const count = (name: string, score: number, of: number) => {
  const row = rows.get(name) ?? { counts: THRESHOLDS.map(() => 0), of };
  THRESHOLDS.forEach((t, i) => {
    if (score >= t) row.counts[i]!++;
  });
  rows.set(name, row);
};

// How many articles use each term: a person half-remembering a line keeps its rarer words.
const articlesWith = new Map<string, number>();
for (const article of library.articles) {
  const seen = new Set(tokenize([article.title, ...article.paragraphs].join(' ')).map(termOf));
  for (const t of seen) if (t) articlesWith.set(t, (articlesWith.get(t) ?? 0) + 1);
}
/**
 * `n` words of the quotation that are not stop words, in a row (with the stop words between them,
 * as said), the ones whose commonest is rarest; said amid chatter. The quotation itself when it
 * has fewer such words.
 */
const rarePhraseAmidChatter =
  (n: number) =>
  (words: string[]): string[] => {
    const content = words.flatMap((w, i) => {
      const t = tokenize(w).map(termOf).find(Boolean);
      return t ? [{ i, uses: articlesWith.get(t) ?? 0 }] : [];
    });
    let best = 0;
    let bestUses = Number.POSITIVE_INFINITY;
    for (let k = 0; k + n <= content.length; k++) {
      const uses = Math.max(...content.slice(k, k + n).map((c) => c.uses));
      if (uses < bestUses) [best, bestUses] = [k, uses];
    }
    const from = content[best]?.i ?? 0;
    const to = (content[Math.min(best + n, content.length) - 1]?.i ?? words.length - 1) + 1;
    const phrase = words.slice(from, to).join(' ');
    return `ok so who was it that said something like ${phrase} the other day? honestly cannot remember`.split(
      ' ',
    );
  };

const variants: [string, (words: string[]) => string[]][] = [
  ['three rare words in a row amid chatter', rarePhraseAmidChatter(3)],
  ['two rare words in a row amid chatter', rarePhraseAmidChatter(2)],
  ['middle half of the quotation', (w) => w.slice(Math.floor(w.length / 4), Math.ceil((w.length * 3) / 4))],
  ['every third word dropped', (w) => w.filter((_, i) => i % 3 !== 1)],
  ['every other word dropped', (w) => w.filter((_, i) => i % 2 === 0)],
  [
    'inside a 2,000-character message',
    (w) => `${'What do you make of this? '.repeat(80)}${w.join(' ')}`.slice(-2000).split(' '),
  ],
];
for (let k = 0; k < sampleSize && quotes.length; k++) {
  const { quote } = pick(quotes);
  const words = quote.text.split(/\s+/).filter(Boolean);
  for (const [name, vary] of variants) {
    const hit = closest(vary(words).join(' '));
    count(`${name} (found)`, hit && hit.quote.text === quote.text ? hit.score : 0, sampleSize);
  }
}
let narrative = 0;
for (let k = 0; k < sampleSize * 3 && narrative < sampleSize; k++) {
  const paragraph = pick(library.articles).paragraphs.find((p) => !/["“”]/.test(p) && p.length > 80);
  if (!paragraph) continue;
  narrative++;
  count('narrative sentence (answered)', closest(paragraph.split(/(?<=\.)\s/)[0]!)?.score ?? 0, sampleSize);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(1);
console.log(`${library.size} articles, ${library.quotes.size} quotations; ${times.length} messages`);
console.log(`time per message: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
console.log(`${'score at least'.padEnd(42)}${THRESHOLDS.map((t) => String(t).padStart(6)).join('')}`);
for (const [name, row] of rows)
  console.log(
    `${name.padEnd(42)}${row.counts.map((c) => `${Math.round((100 * c) / row.of)}%`.padStart(6)).join('')}`,
  );
