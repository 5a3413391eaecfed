import type { FurnitureRule } from './kind.js';

/**
 * A dateline: where the story was filed and by whom, before the first sentence. On a line of its
 * own ("CNN —", "Waimea, Hawaii CNN —", "LONDON —") it is furniture; at the start of the first
 * paragraph ("(CNN) President Joe Biden…", "London (CNN) …", "LONDON, Jan 5 (Reuters) - …",
 * "WASHINGTON (AP) — …") it is cut off the paragraph (splitDateline).
 */
const ON_ITS_OWN = /^[\p{Lu}][\p{L}\p{N} .,'’()/&-]{0,50}\s[—–]\s*$/u;

/**
 * Blocks from the top in which a dateline on its own line is looked for: the first, or the second
 * after a byline. Further down a line ending in a dash is a heading or a list's label.
 */
export const DATELINE_MAX_INDEX = 1;

export const dateline: FurnitureRule = {
  kind: 'dateline',
  test: ({ text, index }) => index <= DATELINE_MAX_INDEX && ON_ITS_OWN.test(text),
};

/**
 * Blocks from the top within which a dateline marks where the story starts: what stands above it
 * is a note about the story (a promotion for a broadcast, an author's biography, a correction),
 * not the story. In the CNN pages such notes are one or two blocks.
 */
export const PRE_DATELINE_MAX_BLOCKS = 3;

/**
 * A dateline that names the news organisation after the place: "London (CNN) …", "(Reuters) - …",
 * "New York CNN Business —". A place alone in capitals ("WASHINGTON —") is how many papers open
 * every story, with the standfirst above it, so it does not say that what is above is a note.
 */
const NAMES_ORGANISATION = /^(?:[^()]*\([^()]+\)|[^—–]*\p{Ll}[^—–]* \p{Lu}{2,}\b[^—–]*[—–]\s*$)/u;

/**
 * Where the story starts: the index of the block, among the first PRE_DATELINE_MAX_BLOCKS after
 * the first, that opens with or is a dateline naming the organisation; 0 when none does.
 */
export function storyStartBlock(blocks: readonly string[]): number {
  const last = Math.min(PRE_DATELINE_MAX_BLOCKS, blocks.length - 1);
  for (let i = 1; i <= last; i++) {
    const block = blocks[i] ?? '';
    const inline = splitDateline(block);
    if (inline && NAMES_ORGANISATION.test(inline.dateline)) return i;
    if (ON_ITS_OWN.test(block) && NAMES_ORGANISATION.test(block)) return i;
  }
  return 0;
}

/** A place: up to four capitalised words or figures, with commas ("New York", "LONDON, Jan 5"). */
const PLACE = String.raw`[\p{Lu}][\p{L}.'’-]*(?:,? (?:[\p{Lu}][\p{L}.'’-]*|\d{1,4})){0,4}`;
/** The news organisation in brackets ("(CNN)", "(CNN Business)", "(Reuters)"). */
const ORG_IN_BRACKETS = String.raw`\([\p{Lu}][\p{L}.&'’]*(?: [\p{Lu}][\p{L}.&'’]*){0,2}\)`;
/** An organisation in capitals, or a place in capitals, before a dash ("CNN —", "WASHINGTON —"). */
const CAPITALS = String.raw`[\p{Lu}]{2,}(?:[ -][\p{Lu}]{2,}){0,2}`;
const INLINE = new RegExp(
  String.raw`^(?:(?:${PLACE} )?${ORG_IN_BRACKETS}\s*(?:[—–-]{1,2}\s*)?|(?:${PLACE},? )?${CAPITALS}\s[—–-]{1,2}\s+)(?=[\p{Lu}\p{N}"“‘'])`,
  'u',
);

/** How far into a block a dateline is looked for: a place, an organisation and a dash. */
const DATELINE_MAX_CHARS = 120;

/** A dateline opening the first paragraph, cut off it: { dateline, rest }, or null when there is none. */
export function splitDateline(paragraph: string): { dateline: string; rest: string } | null {
  const m = INLINE.exec(paragraph.slice(0, DATELINE_MAX_CHARS));
  if (!m) return null;
  const rest = paragraph.slice(m[0].length).trim();
  return rest ? { dateline: m[0].trim(), rest } : null;
}

/** A dateline with a bracketed organisation inside a block, after a sentence or a space ("… here New York (CNN Business) The US…"). */
const INNER = new RegExp(
  String.raw`(?<=\s)(?:${PLACE} )?${ORG_IN_BRACKETS}\s*(?:[—–-]{1,2}\s*)?(?=[\p{Lu}\p{N}"“‘'])`,
  'gu',
);

/** Where, within the first `max` characters, a dateline inside the block starts; -1 when none does. */
export function innerDatelineAt(block: string, max: number): number {
  INNER.lastIndex = 0;
  const m = INNER.exec(block.slice(0, max));
  return m ? m.index : -1;
}
