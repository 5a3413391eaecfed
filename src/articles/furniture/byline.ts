import type { FurnitureRule } from './kind.js';

/**
 * The longest byline, in characters: "By Jane Roe, John Doe and Ann Poe, CNN Business" and its kin
 * name a few people and an outlet. A longer block that opens with "By" is a sentence ("By Sunday
 * evening, demonstrations had spread…").
 */
export const BYLINE_MAX_CHARS = 160;

/**
 * "By" and names only: capitalised words, joined by commas, "and", "&", "|" or "·", with the
 * small words of an outlet's or a title's name ("of", "the", "for", "at").
 */
const BYLINE =
  /^(?:By|BY|Written by|Story by|Words by|Text by)\s+[\p{Lu}][\p{L}.'’-]*(?:(?:,|\s|\s(?:and|&|\||·|of|the|for|at|in)\s|\s*[|·]\s*)+[\p{Lu}][\p{L}.'’-]*)+\.?$/u;

/** A byline in the body: who wrote the story. */
export const byline: FurnitureRule = {
  kind: 'byline',
  test: ({ text }) => text.length <= BYLINE_MAX_CHARS && BYLINE.test(text),
};
