import type { Article } from '../articles/types.js';
import { termOf, tokenize } from './analyzer.js';
import { CLOSEST, PHRASE } from './quote-tuning.js';

// "Who said this?": how close a message is to one quotation. QuoteIndex.closest picks the
// candidate articles and ranks their quotations with these; the thresholds are in quote-tuning.ts.

/** A quotation's words in order and as a set, with their total weight. */
export interface Bag {
  terms: Set<string>;
  pairs: Set<string>;
  weight: number;
  /** The terms in order (stop words skipped), for a phrase repeated word for word. */
  sequence: string[];
}

export function bagOf(text: string, weight: (term: string) => number): Bag {
  const sequence: string[] = [];
  for (const word of tokenize(text)) {
    const term = termOf(word);
    if (term) sequence.push(term);
  }
  const terms = new Set(sequence);
  const pairs = new Set<string>();
  for (let i = 1; i < sequence.length; i++) pairs.add(`${sequence[i - 1]} ${sequence[i]}`);
  let total = 0;
  for (const t of terms) total += weight(t);
  return { terms, pairs, weight: total, sequence };
}

/**
 * How close a message is to a quotation, 0..1: the weight of their shared words over the shorter
 * one's (so a partial quote, a quotation inside a longer message and a paraphrase of the shorter
 * all score high), blended with the share of word pairs they have in common. A message that names
 * the speaker counts the name as shared.
 */
export function closeness(
  message: Bag,
  quote: Bag,
  speaker: Set<string>,
  weight: (t: string) => number,
): { score: number; cover: number } {
  let shared = 0;
  let count = 0;
  for (const t of message.terms) {
    if (quote.terms.has(t)) {
      shared += weight(t);
      count++;
    } else if (speaker.has(t)) shared += weight(t);
  }
  if (count < CLOSEST.minShared) return { score: 0, cover: 0 };
  const words = Math.min(1, shared / (Math.min(message.weight, quote.weight) || 1));
  let pairs = 0;
  for (const p of quote.pairs) if (message.pairs.has(p)) pairs++;
  const fewestPairs = Math.min(message.pairs.size, quote.pairs.size);
  const pairScore = fewestPairs ? pairs / fewestPairs : 0;
  return {
    score: words * (1 - CLOSEST.pairShare) + pairScore * CLOSEST.pairShare,
    // between equally close quotations, the one whose own words the message covers most: a message
    // repeating a short quotation is that one, not a longer one that contains it
    cover: shared / (quote.weight || 1),
  };
}

/**
 * A memorable phrase of the quotation said amid chatter ("…and then he goes 'partial mobilization
 * announced today', unbelievable"): PHRASE.minTerms or more of its words (stop words skipped) in a
 * row, in the same order in the message, that no article compared writes outside its quotations (a
 * phrase the news also writes in its own words is a topic or a name, not what was said). Such a
 * message shares too little of the quotation for `closeness`; the phrase alone makes it this
 * quotation, at the least score that counts, so a fuller match still ranks first. 0 when there is none.
 * `narrative(phrase)`: whether the compared articles write the phrase outside quotations.
 */
export function memorablePhrase(message: Bag, quote: Bag, narrative: (phrase: string) => boolean): number {
  const at = new Map<string, number[]>();
  for (const [i, t] of message.sequence.entries()) {
    const list = at.get(t);
    if (list) list.push(i);
    else at.set(t, [i]);
  }
  for (let q = 0; q + PHRASE.minTerms <= quote.sequence.length; q++) {
    for (const m of at.get(quote.sequence[q]!) ?? []) {
      let run = 1;
      while (run < PHRASE.minTerms && message.sequence[m + run] === quote.sequence[q + run]) run++;
      if (run >= PHRASE.minTerms && !narrative(quote.sequence.slice(q, q + run).join(' ')))
        return CLOSEST.minScore;
    }
  }
  return 0;
}

/**
 * For one message: whether any of `articles` writes a phrase (terms joined by spaces) more often
 * than its quotations do. Each article's terms are read once per message, and only if asked.
 */
export function narrativeOf(
  articles: readonly Article[],
  weight: (t: string) => number,
): (phrase: string) => boolean {
  const texts = new Map<Article, { all: string; quoted: string }>();
  const seq = (text: string) => ` ${bagOf(text, weight).sequence.join(' ')} `;
  const count = (text: string, key: string) => {
    let n = 0;
    for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) n++;
    return n;
  };
  const answers = new Map<string, boolean>();
  return (phrase) => {
    const known = answers.get(phrase);
    if (known !== undefined) return known;
    const key = ` ${phrase} `;
    let found = false;
    for (const article of articles) {
      let t = texts.get(article);
      if (!t) {
        t = {
          all: [article.title, ...article.paragraphs].map(seq).join('\n'),
          quoted: article.quotes.map((q) => seq(q.text)).join('\n'),
        };
        texts.set(article, t);
      }
      if (count(t.all, key) > count(t.quoted, key)) {
        found = true;
        break;
      }
    }
    answers.set(phrase, found);
    return found;
  };
}
