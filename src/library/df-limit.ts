/**
 * The document frequency of a rule written "in at most (or at least) `share` of the articles, and
 * never fewer than `minDf` of them": a share alone would mean one or two articles in a small
 * library, where every word is rare. Used for the words too common to pick candidates (ranking.ts),
 * the distinctive words a question must find (carrying.ts), a story's and a round-up's distinctive
 * words (library.ts).
 */
export function dfLimit(share: number, minDf: number, articleCount: number): number {
  return Math.max(minDf, share * articleCount);
}
