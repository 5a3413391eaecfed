import type { FurnitureRule } from './kind.js';
import { certainCreditCount, creditMarkCount, withNeedle } from './signals.js';

/**
 * A photo gallery pasted as one block: several pictures' captions, each with its credit, or the
 * gallery's own navigation ("Prev Next", "Hide Caption 12 of 40", "1 of 25"), or a gallery's
 * label opening the block ("Photos: …", "In pictures: …", "Gallery: …").
 */
const NAVIGATION = withNeedle(
  /Next|Caption|Gallery/,
  /\b(?:Prev(?:ious)? Next|Hide Caption|Show Caption|Expand Gallery|View Gallery)\b/u,
);
const PICTURE_COUNT = /\b\d+ of \d+$/u;
/** Navigation, or a picture's count ending the block (searched only when the block ends in a digit). */
const isNavigation = (text: string) =>
  NAVIGATION(text) || (/\d/.test(text.slice(-1)) && PICTURE_COUNT.test(text));
const LABEL = /^(?:Photos|In pictures|Gallery|Slideshow|In photos)\s*:/iu;

/** Two credits in one block: two pictures. A caption carries one credit (sometimes a second in brackets). */
export const GALLERY_MIN_CREDITS = 2;

/**
 * A gallery is mostly captions: at least one credit per this many characters. Evidence: the CNN
 * galleries with credits have one per 180 to 370 characters; a live blog pasted as one block
 * (PolNeAR) has two photo credits in 10,000 characters of reporting, and is text.
 */
export const GALLERY_MAX_CHARS_PER_CREDIT = 800;

function creditsMakeGallery(text: string): boolean {
  // every certain credit has a slash, a "via" or a bracket: most blocks have none, and are not searched
  if (!/[/(]|\bvia\b/.test(text)) return false;
  const unbracketed = text.replace(/\([^()]*\)/g, '');
  // each certain credit holds a slash, a " via " or a bracket of its own (matches do not overlap),
  // so their count bounds the credits: too few, and the block is not searched
  const marks = creditMarkCount(unbracketed);
  if (marks < GALLERY_MIN_CREDITS || marks * GALLERY_MAX_CHARS_PER_CREDIT < text.length) return false;
  const credits = certainCreditCount(unbracketed);
  return credits >= GALLERY_MIN_CREDITS && credits * GALLERY_MAX_CHARS_PER_CREDIT >= text.length;
}

export const gallery: FurnitureRule = {
  kind: 'gallery',
  test: ({ text }) => isNavigation(text) || LABEL.test(text) || creditsMakeGallery(text),
};
