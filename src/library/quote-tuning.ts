/**
 * Every tuned value of quotation search (/quote, QuoteIndex.search) and of "Who said this?"
 * (QuoteIndex.closest), each with its meaning and the evidence for it. Where no measurement backs a
 * value, the comment says so and what it was chosen from, so the next person knows what a change
 * should be measured with.
 */

/**
 * How many times each part of an article's quotations is written into its quote-index document:
 * its weight in BM25F (BM25 over repeated parts). The speaker (with role) counts most, the words of
 * the quotations next, the capitalised names in the paragraphs around them least.
 * Evidence: not measured on its own; set in 6cf0b99 (one document per quoting article), where /quote
 * answers on the BBC set stayed on topic side by side on ten queries. It orders the candidate
 * articles only: which quotation answers is scored with QUOTE_WEIGHTS.
 */
export const QUOTE_REPEATS = { speaker: 3, text: 2, names: 1 };

/**
 * What each part weighs in one quotation's score for a query (each query term counts once, by the
 * weightiest part that has it, times its rarity). A name in the paragraph of the quotation says
 * more about what it is about than the article's headline, which all its quotations share.
 * Evidence: a3db85d: with /quote Macron on the seed, three quotations of one article tied on the
 * headline with names = title; names 1.5 puts the one said beside Macron's name first (the test "a
 * quotation next to a name ranks above…" in tests/unit/commands/quote.test.ts fails with equal
 * weights). Speaker 3 and text 2 mirror QUOTE_REPEATS.
 */
export const QUOTE_WEIGHTS = { speaker: 3, text: 2, names: 1.5, title: 1 };

/**
 * Near spellings in /quote queries (the quote index's MiniSearch search options): a query word of
 * `minLength` letters or more also matches index terms within `maxEdits` (MiniSearch's fuzzy: a
 * share of the word's length, rounded: one slip in a word of 5-7 letters, two in 8-12) and counts
 * `weight` of an exact
 * match; a word as a prefix of a longer term counts `prefixWeight`. A shorter word matches only
 * exactly: one slip in a short word is another word. Evidence: not measured for quotations; the
 * same near-spelling and prefix weights as the article index (RANKING.fuzzyWeight and
 * RANKING.prefixWeight in ranking.ts).
 * "Who said this?" and speaker lookups match exactly and use none of these.
 */
export const QUOTE_FUZZY = { minLength: 5, maxEdits: 0.2, weight: 0.2, prefixWeight: 0.3 };

/**
 * Articles whose quotations are scored for a /quote query: the best this many by the quote index...
 * Evidence: set in 6cf0b99 together with RELATED_ARTICLES; no sweep. It bounds the per-query work
 * (every quotation of each candidate is scored); with a speaker every matched article is a candidate.
 */
export const QUOTE_CANDIDATES = 40;

/**
 * ...and the best this many by their headlines in the article index (what the articles are about),
 * which finds quotations about a topic whose words the quotations themselves do not use.
 * Evidence: as QUOTE_CANDIDATES (6cf0b99, no sweep).
 */
export const RELATED_ARTICLES = 20;

/**
 * A quotation's score adds this share of its article's match in the quote index (all its quotations
 * together, as a share of the best article's): a tie-breaker towards the article most about the
 * query, small enough never to outweigh the quotation's own words.
 * Evidence: set in 6cf0b99; no sweep.
 */
export const ARTICLE_SHARE = 0.1;

/**
 * Finding the quotation a message repeats or paraphrases ("Who said this?"): the message's words
 * against each quotation's, weighted by rarity, so that shared names and rare words count and
 * "said" or "people" hardly do.
 */
export const CLOSEST = {
  /**
   * The rarest words of the message pick the candidate articles: a 2,000-character message costs no
   * more than a short one. Evidence: `npm run bench:who-said` finds a quotation inside a
   * 2,000-character message 98% of the time with 40.
   */
  maxTerms: 40,
  /**
   * Articles whose quotations are compared with the message. Evidence: `npm run bench:who-said`
   * (the cases of minScore are found 91-98% of the time with 40; p50 about 20 ms a message).
   */
  candidates: 40,
  /**
   * Share of the score from word pairs (two words in a row, stop words skipped) the two texts have
   * in common: a quotation repeated word for word outranks one that only shares its words.
   * Evidence: not swept; minScore was measured with this share.
   */
  pairShare: 0.3,
  /**
   * The least score that counts as "this quotation". Measured with `npm run bench:who-said` on the
   * BBC corpus (2,128 articles, 7,125 quotations, 400 quotations of 8+ words): the middle half of a
   * quotation, the quotation with every third or every other word dropped, or inside a
   * 2,000-character message is found 95-99% of the time at any threshold up to 0.7; the first
   * sentence of a paragraph without a quotation (narrative, often about the same people and things)
   * gets an answer 24% of the time at 0.4, 14% at 0.5, 10% at 0.6 and 6% at 0.7. 0.6 keeps
   * paraphrases that swap a word or two (the seed's "Lavrov told reporters Moscow is open to contact
   * with Witkoff and Kushner" scores 0.76) while answering few messages that only share a topic.
   */
  minScore: 0.6,
  /** Distinct words in common, at least: one shared name is a topic, not a quotation. */
  minShared: 2,
};

/**
 * Words of a quotation, in a row, that make a message repeating them that quotation ("…and then he
 * goes 'partial mobilization announced today', unbelievable"). Measured with `npm run
 * bench:who-said` (see CLOSEST.minScore for the corpus): three rare words in a row amid chatter are
 * found 96% of the time, two only 6% (and two would match shared names and set phrases).
 */
export const PHRASE = { minTerms: 3 };

/**
 * Words of the shortest statement: "No comment." has two, a sentence ("Our offer stands.") three;
 * fewer words ("Fake news") are a fragment. Evidence: the grammar of a statement (subject and verb),
 * not a measurement.
 */
export const STATEMENT_MIN_WORDS = 3;

/**
 * A partial quotation, starting in lowercase mid-sentence ("…called it “a betrayal of everything
 * we stand for”"), shorter than this is a fragment rather than a statement. Evidence: chosen in
 * 9c4a21a from reading /quote answers; not swept.
 */
export const PARTIAL_STATEMENT_MIN_WORDS = 8;

/**
 * A fragment's share of its search score: it ranks below a statement that answers about as well,
 * but above one that answers much worse. Evidence: 9c4a21a; the fixture in
 * tests/unit/library/quote-index.test.ts ("by topic: the statement outranks the fragment"); not swept.
 */
export const FRAGMENT_SHARE = 0.7;
