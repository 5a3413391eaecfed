import type { FurnitureRule } from './kind.js';
import { leadingCredit, trailingCredit } from './signals.js';

/**
 * The longest caption, in characters. A caption is a block that ends with a picture credit (or,
 * in galleries, opens with one); agencies' own captions run long ("WASHINGTON, DC - JANUARY 06:
 * … (Photo by …/Getty Images)"). Evidence: of the 1,980 CNN pages (RealTime QA), blocks ending
 * with a credit are at most 1,166 characters (an agency's caption with its usage restrictions),
 * 99% are under 450; body paragraphs never end with a credit line. Past this length a block is
 * more likely a paragraph with a caption pasted onto it, and is kept.
 */
export const CAPTION_MAX_CHARS = 1500;

/** A short block next to a credit: the picture's caption ("People stand on lava rock. Gregory Bull/AP"). */
export const caption: FurnitureRule = {
  kind: 'caption',
  test: ({ text }) =>
    text.length <= CAPTION_MAX_CHARS && (trailingCredit(text) !== null || leadingCredit(text) !== null),
};
