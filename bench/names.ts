// Does /news say "nothing" when nothing matches, and find what is there? Names asked the ways
// people ask, over the RealTime QA library (../shared/corpus/realtimeqa/seeds):
//   - absent: names from the BBC and PolNeAR corpora neither of whose words any article of the
//     library has; the answer must be "nothing" (no result);
//   - present: names of the library itself, asked "X", "latest on X", "what happened with X",
//     "what did X say", "news about X"; the first result must mention the name;
//   - typo: present names with one slip in their longest word; the first result must mention the
//     name as spelled right.
// Names are chosen by a rule, never by hand, so the same check runs on names it has not seen: two
// capitalised words in a row inside a sentence (not at its start, no month or weekday, no all-caps
// word), found in at least MIN_DOCS articles of their corpus, taken evenly across the list sorted by
// how many articles have them (seeded by --seed, so another seed gives other names).
//
//   npm run build && npm run names:check -- [--corpus ../shared/corpus] [--n 150] [--seed 1] [--verbose]
//
// Prints one line per kind and a last line "names: absent-nothing=… present-found=… typo-found=…".

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadFolder } from '../src/articles/load.js';
import type { Article } from '../src/articles/types.js';
import { Library } from '../src/library/library.js';
import { answerNews } from '../src/queries/news.js';
import { random } from './random.js';

/** A name must be in this many articles of its corpus: once may be a headline's capitals, not a name. */
const MIN_DOCS = 2;
const ASKED = ['X', 'latest on X', 'what happened with X', 'what did X say', 'news about X'];
const CALENDAR =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;
/** Capitalised words that start phrases rather than names ("The", "But", "In"). */
const FUNCTION_WORDS = new Set(
  'the a an and but or in on at of for to by from with as if it its this that these those he she they we his her their our mr mrs ms dr st'.split(
    ' ',
  ),
);

function args(): { corpus: string; n: number; seed: number; verbose: boolean } {
  const a = process.argv.slice(2);
  const value = (name: string, fallback: string) => {
    const i = a.indexOf(`--${name}`);
    return i >= 0 && a[i + 1] ? a[i + 1]! : fallback;
  };
  return {
    corpus: value('corpus', '../shared/corpus'),
    n: Number(value('n', '150')),
    seed: Number(value('seed', '1')),
    verbose: a.includes('--verbose'),
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.name.endsWith('.txt')) out.push(full);
  }
  return out;
}

/** Two capitalised words in a row, not at a sentence's start: "Arsene Wenger", "Tony Blair". */
function namesIn(text: string): Set<string> {
  const out = new Set<string>();
  // exactly two words: not after or before another capitalised word (a longer name's fragment)
  const pattern = /(?<=[\p{Ll},;:] )(\p{Lu}\p{Ll}{2,}) (\p{Lu}\p{Ll}{2,})(?![\p{L}'’-]| \p{Lu})/gu;
  for (const m of text.matchAll(pattern)) {
    const [first, last] = [m[1]!, m[2]!];
    if (CALENDAR.test(first) || CALENDAR.test(last)) continue;
    if (FUNCTION_WORDS.has(first.toLowerCase()) || FUNCTION_WORDS.has(last.toLowerCase())) continue;
    out.add(`${first} ${last}`);
  }
  return out;
}

/**
 * A name's words are written capitalised nearly always (NAME_CAPITALISED of their uses in the
 * corpus): "Meghan Markle", not "State Department" or "Liberal Party", whose words are ordinary
 * words capitalised in a title.
 */
const NAME_CAPITALISED = 0.9;

/** Names by how many texts have them, at least MIN_DOCS, each word capitalised nearly always. */
function countNames(texts: readonly string[]): Map<string, number> {
  const count = new Map<string, number>();
  const uses = new Map<string, { all: number; capital: number }>();
  for (const text of texts) {
    for (const name of namesIn(text)) count.set(name, (count.get(name) ?? 0) + 1);
    for (const w of text.match(/\p{L}+/gu) ?? []) {
      const key = w.toLowerCase();
      const u = uses.get(key) ?? { all: 0, capital: 0 };
      u.all++;
      if (/^\p{Lu}/u.test(w)) u.capital++;
      uses.set(key, u);
    }
  }
  const isName = (w: string) => {
    const u = uses.get(w.toLowerCase());
    return !!u && u.capital >= NAME_CAPITALISED * u.all;
  };
  for (const [name, n] of count) if (n < MIN_DOCS || !name.split(' ').every(isName)) count.delete(name);
  return count;
}

/** n names spread evenly over the list sorted by frequency (most first), starting at a seeded offset. */
function spread(names: Map<string, number>, n: number, rand: () => number): string[] {
  const sorted = [...names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
  if (sorted.length <= n) return sorted;
  const step = sorted.length / n;
  const offset = rand() * step;
  return Array.from({ length: n }, (_, i) => sorted[Math.floor(offset + i * step)]!);
}

/** One slip in the name's longest word: a letter dropped, doubled or changed, by turns. */
function typo(name: string, i: number, rand: () => number): string {
  const words = name.split(' ');
  const k = words.reduce((best, w, j) => (w.length > words[best]!.length ? j : best), 0);
  const w = words[k]!;
  const at = 1 + Math.floor(rand() * (w.length - 2));
  const letters = 'aeiounrst';
  const change = letters[Math.floor(rand() * letters.length)]!;
  const slipped = [
    w.slice(0, at) + w.slice(at + 1),
    w.slice(0, at) + w[at] + w.slice(at),
    w.slice(0, at) + (change === w[at] ? 'l' : change) + w.slice(at + 1),
  ][i % 3]!;
  words[k] = slipped;
  return words.join(' ');
}

/**
 * What the library searches of an article: its text and the captions of its pictures (a caption that
 * says "Kuala Lumpur" is a mention of it, so that name is not absent from the library).
 */
function articleText(a: Article): string {
  const captions = (a.furniture ?? []).filter((f) => f.kind === 'caption' || f.kind === 'gallery');
  return [a.title, a.standfirst ?? '', ...a.headings, ...a.paragraphs, ...captions.map((f) => f.text)].join(
    '\n',
  );
}

/** Lowercase, one space, no accents: "Inácio" is how "Inacio" is written there. */
const fold = (text: string) =>
  text.replace(/\s+/g, ' ').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
const mentions = (a: Article | undefined, name: string) => !!a && fold(articleText(a)).includes(fold(name));

async function main(): Promise<void> {
  const { corpus, n, seed, verbose } = args();
  const rand = random(seed);
  const loaded = await loadFolder(path.join(corpus, 'realtimeqa', 'seeds'), { maxBytes: 1 << 20 });
  const library = new Library(loaded.articles, loaded.problems);
  const now = new Date();
  const libraryWords = new Set<string>();
  for (const a of library.articles)
    for (const w of articleText(a)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [])
      libraryWords.add(w);

  const sources = [
    ...(await filesUnder(path.join(corpus, 'bbc'))),
    ...(await filesUnder(path.join(corpus, 'polnear'))),
  ].filter((f) => !f.includes(`${path.sep}attributions${path.sep}`));
  const sourceTexts = await Promise.all(sources.map((f) => readFile(f, 'latin1')));
  const absentNames = countNames(sourceTexts);
  for (const name of absentNames.keys())
    if (name.split(' ').some((w) => libraryWords.has(w.toLowerCase()))) absentNames.delete(name);
  const presentNames = countNames(library.articles.map(articleText));

  const first = (query: string) => {
    const answer = answerNews(library, { query, since: null, until: null }, now);
    return answer.results[0] ? library.get(answer.results[0].id) : undefined;
  };
  const misses: string[] = [];
  const rate = (kind: string, hits: number, total: number) => {
    console.log(`${kind}: ${hits}/${total} = ${(hits / Math.max(1, total)).toFixed(3)}`);
    return hits / Math.max(1, total);
  };

  const absent = spread(absentNames, n, rand);
  let nothing = 0;
  let asked = 0;
  for (const name of absent) {
    for (const form of ASKED) {
      asked++;
      const got = first(form.replace('X', name));
      if (!got) nothing++;
      else misses.push(`absent "${form.replace('X', name)}" -> ${got.title}`);
    }
  }
  const absentRate = rate('absent names answered nothing', nothing, asked);

  const present = spread(presentNames, n, rand);
  let found = 0;
  asked = 0;
  for (const name of present) {
    for (const form of ASKED) {
      asked++;
      const got = first(form.replace('X', name));
      if (mentions(got, name)) found++;
      else misses.push(`present "${form.replace('X', name)}" -> ${got?.title ?? 'nothing'}`);
    }
  }
  const presentRate = rate('present names found', found, asked);

  let typoFound = 0;
  present.forEach((name, i) => {
    const slipped = typo(name, i, rand);
    const got = first(slipped);
    if (mentions(got, name)) typoFound++;
    else misses.push(`typo "${slipped}" (${name}) -> ${got?.title ?? 'nothing'}`);
  });
  const typoRate = rate('present names with one typo found', typoFound, present.length);

  if (verbose) console.error(misses.join('\n'));
  console.log(
    `names: absent-nothing=${absentRate.toFixed(3)} present-found=${presentRate.toFixed(3)} typo-found=${typoRate.toFixed(3)} (names: ${absent.length} absent, ${present.length} present)`,
  );
}

await main();
