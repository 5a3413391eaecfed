/**
 * Whether an article is about what its opening announces, or a round-up of unrelated items.
 *
 * A news story keeps naming the people, places and things its headline and first sentences
 * announce, so most of its paragraphs share a distinctive word with the opening. A round-up (a
 * morning briefing, a newsletter of the day's stories) opens on one item and moves on to others,
 * each in a few short paragraphs of its own vocabulary: few of its paragraphs share anything with
 * the opening. Such an article may repeat a question's wording in one of its items, yet a report on
 * that story answers better. The signal comes from the article's structure alone, not from its
 * title or source, so it holds for any newsroom's archive.
 */

/** A piece of an article's text (a paragraph) with its index terms. */
export interface TextUnit {
  text: string;
  terms: readonly string[];
}

/**
 * The paragraphs of an article with their index terms, gathered from its analysed sentences (each
 * knows its paragraph; the standfirst's is -1), so the words are not split and analysed twice.
 * Paragraphs past the last analysed one (passages read a bounded part of a very long article) are
 * left out rather than counted as sharing nothing.
 */
export function paragraphUnits(
  paragraphs: readonly string[],
  sentences: readonly { paragraph: number; terms: readonly string[] }[],
): TextUnit[] {
  const analysed = sentences.reduce((n, s) => Math.max(n, s.paragraph + 1), 0);
  const units = paragraphs.slice(0, analysed).map((text) => ({ text, terms: [] as string[] }));
  for (const s of sentences) units[s.paragraph]?.terms.push(...s.terms);
  return units;
}

/**
 * The share of an article's body (in characters, 0..1) in paragraphs that share distinctive words
 * with its opening. `weight` tells a word that ties paragraphs to one story (a name, a place, a rare
 * noun: its rarity in the library) from one that any article may use (0); a paragraph follows up the
 * opening when the distinct words it shares with it weigh `minShared` or more. An article without
 * body text counts as focused (1).
 */
export function openingShare(
  paragraphs: readonly TextUnit[],
  opening: ReadonlySet<string>,
  weight: (term: string) => number,
  minShared: number,
): number {
  const anchors = new Map<string, number>();
  for (const t of opening) {
    const w = weight(t);
    if (w > 0) anchors.set(t, w);
  }
  let total = 0;
  let linked = 0;
  for (const paragraph of paragraphs) {
    total += paragraph.text.length;
    let shared = 0;
    for (const t of new Set(paragraph.terms)) shared += anchors.get(t) ?? 0;
    if (anchors.size && shared >= minShared) linked += paragraph.text.length;
  }
  return total ? linked / total : 1;
}

export interface RoundupPenalty {
  /** Articles whose opening share is below this count as round-ups, the more the lower it is. */
  below: number;
  /** The most a round-up's score loses, as a share of it (at an opening share of 0). */
  penalty: number;
}

/**
 * What an article's re-rank score is multiplied by, given its opening share: 1 for a story about its
 * opening, down to 1 - penalty for an article none of whose paragraphs follow up its opening.
 */
export function roundupFactor(share: number, { below, penalty }: RoundupPenalty): number {
  if (!(below > 0) || share >= below) return 1;
  return 1 - penalty * (1 - Math.max(0, share) / below);
}
