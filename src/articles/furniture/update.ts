import type { FurnitureRule } from './kind.js';

/**
 * The longest update note, in characters: "This story has been updated with additional details." and
 * its kin, a correction note ("An earlier version of this story misstated …") included, are a
 * sentence or two (under 250 in the CNN pages). A longer block is text of the article.
 */
export const NOTE_MAX_CHARS = 400;

/**
 * A note about the story itself rather than its subject: "This story has been updated …", "This
 * article was originally published …", "An earlier version of this story …", "Correction: …",
 * "A version of this story first appeared in … newsletter", "Updated 10:05 AM ET".
 */
const ABOUT_THE_STORY =
  /^[-–—\s(]*(?:(?:[Ee]ditor[’']s [Nn]ote|[Nn]ote|[Uu]pdated?|[Cc]orrect(?:ion|ed)|[Cc]larification|UPDATE|CORRECTION|CLARIFICATION)\s*:\s*)?(?:This (?:story|article|post|report|piece|video)\b[^.]{0,40}?\b(?:(?:has|have|had) been|was|is being) (?:updated|corrected|amended|originally published|first published|republished)|This (?:story|article|post|report|piece|video) (?:first|originally) appeared|(?:An earlier|A previous) version of this (?:story|article|post|report|piece|video)\b|A version of this (?:story|article|post|report|piece) (?:first |originally )?(?:appeared|ran|was published)\b|This is an updated version of (?:a|this) (?:story|article|post|report|piece)\b)/u;
const LABELLED =
  /^[-–—\s(]*(?:Correction|Corrected|Clarification|Update|UPDATE|CORRECTION|CLARIFICATION)\s*:/u;
const UPDATED_AT =
  /^(?:Updated|Published|First published|Last updated)\s+(?:\d|on\b|at\b|[A-Z][a-z]{2,8}\b)/u;

/** A note that the story was updated, corrected or first published elsewhere. */
export const update: FurnitureRule = {
  kind: 'update',
  test: ({ text }) =>
    text.length <= NOTE_MAX_CHARS &&
    (ABOUT_THE_STORY.test(text) || LABELLED.test(text) || UPDATED_AT.test(text)),
};
