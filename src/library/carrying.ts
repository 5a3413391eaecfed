// The words that carry a question: the ones every result must have. "elizabeth holmes" is about
// Elizabeth Holmes; an article that only says "Elizabeth" (the line of succession) does not answer
// it, and when no article says "Holmes" the honest answer is that none mentions her. Common words
// and first names alone never make a result: a word many articles have says little about which
// one answers, so it is not required (it still ranks).

import { termOf, WORD } from './analyzer.js';
import { dfLimit } from './df-limit.js';

/**
 * - rareShare / rareMinDf: a word in at most this share of the articles (and at least rareMinDf)
 *   is distinctive. In a small library nothing can be told rare (in ten articles, every word is in
 *   at least a tenth), so there only the words no article has are required: rareMinDf is 0. On the 98 dev questions (1,980 CNN articles), the capitalised words
 *   of the questions in at most 2% of the articles are all in the gold article (22 of 22 at df <= 20,
 *   73 of 74 at df <= 100, the miss "Omicron" at 5%); past 5% words like "US", "European" are
 *   topic, not name. Lowercase words of long questions in under 1% of the articles are missing from
 *   the gold article one time in four ("whopping", "painfully"), so they are required only in short
 *   queries, where every word was chosen.
 * - wordsFromArticles: below this many articles an ordinary word missing from all of them ("going")
 *   says nothing (a hundred news articles have every common word; ten may not), so there only the
 *   names are required.
 * - keywordTerms: a query of at most this many terms (after the ways of asking and the time words)
 *   is a list of keywords ("bill cosby", "artemis launch"): each distinctive word of it is
 *   required, capitalised or not (people type names in lowercase). Longer, it is a sentence, and
 *   only its names (capitalised words) are, not its abbreviations: an article may write those out
 *   ("turning off the AC" is answered by "cut air conditioning"). On the dev questions the required
 *   capitalised words are all in the gold article (31 of 31), the all-capitals ones 7 of 8 (the miss
 *   "AC", 20220701_0, whose gold article is then not found at all). A keyword query's abbreviations
 *   stay required: every word of it was chosen.
 */
export const CARRYING = { rareShare: 0.02, rareMinDf: 0, keywordTerms: 4, wordsFromArticles: 100 };

/** A word of the question as the library reads it. */
export interface QueryWord {
  word: string;
  term: string;
  /** Written as a name: capitalised, not only because it starts a sentence (or followed by another capitalised word). */
  name: boolean;
  /**
   * Follows the previous word of the question with only a space between (not a hyphen, a comma,
   * a possessive's "'s" or a stop word): words of one name are written so ("Trump’s Mar-a-Lago",
   * "Spain and Portugal" are two names each).
   */
  joined: boolean;
  /**
   * Written in capitals, two letters or more ("AC", "IRS"): an abbreviation, which an article may
   * write out instead ("air conditioning").
   */
  abbreviation: boolean;
}

const CAPITAL = /^\p{Lu}/u;

/** The question's words with their terms (stop words left out), and which are written as names. */
export function queryWords(text: string): QueryWord[] {
  const out: QueryWord[] = [];
  // sentence starts: the first word, and the first after . ! ? or a line break
  const sentences = text.split(/(?<=[.!?])\s+|\n+/);
  for (const sentence of sentences) {
    const matches = [...sentence.matchAll(WORD)];
    const words = matches.map((m) => m[0]);
    words.forEach((word, i) => {
      const term = termOf(word);
      if (!term) return;
      const capital = CAPITAL.test(word) && word !== word.toUpperCase();
      const allCaps = word.length > 1 && word === word.toUpperCase() && /\p{L}/u.test(word);
      const next = words[i + 1];
      const name =
        (capital || allCaps) &&
        (i > 0 || (next !== undefined && CAPITAL.test(next) && termOf(next) !== null));
      const before = matches[i - 1];
      const gap = before ? sentence.slice(before.index + before[0].length, matches[i]!.index) : '';
      const joined = !!before && termOf(before[0]) !== null && /^ +$/.test(gap) && !/['’]s$/i.test(before[0]);
      out.push({ word, term, name, joined, abbreviation: allCaps });
    });
  }
  return out;
}

/** The largest document frequency of a distinctive word in a library of this size. */
export function rareLimit(articleCount: number, { rareShare, rareMinDf } = CARRYING): number {
  return dfLimit(rareShare, rareMinDf, articleCount);
}

/**
 * The terms every result must have (exactly or, for the words typos are looked up for, by one
 * slip): the distinctive words of a keyword query, the distinctive names of a sentence. A word no
 * article has is distinctive: when it is required and nothing is near it, nothing answers.
 */
export function carryingTerms(
  words: readonly QueryWord[],
  df: (term: string) => number,
  articleCount: number,
  settings = CARRYING,
): string[] {
  const distinct = new Set(words.map((w) => w.term));
  const keyword = distinct.size <= settings.keywordTerms;
  const limit = rareLimit(articleCount, settings);
  const out = new Set<string>();
  for (const w of words) {
    const asKeyword = keyword && articleCount >= settings.wordsFromArticles;
    // in a sentence an abbreviation is not required: the article may write it out (see CARRYING)
    const asName = w.name && (keyword || !w.abbreviation);
    if ((asKeyword || asName) && df(w.term) <= limit) out.add(w.term);
  }
  return [...out];
}
