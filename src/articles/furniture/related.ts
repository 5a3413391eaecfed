import type { FurnitureRule } from './kind.js';

/**
 * The longest related-link line, in characters: a label and a headline ("RELATED: Meet the 12
 * Republicans who voted to …"; under 200 in the CNN pages). A longer block after such a label is
 * text of the article.
 */
export const RELATED_MAX_CHARS = 300;

/**
 * A label that points elsewhere, opening the block: "READ:", "RELATED:", "Read more:", "See also:",
 * "MORE:", "WATCH:", "LISTEN:", "Also read:", "Related coverage:"; or a block that is only a
 * pointer ("Read more here.", "Read the full story on …").
 */
const LABEL =
  /^(?:READ|RELATED|MORE|READ MORE|SEE ALSO|ALSO READ|WATCH|LISTEN|MUST WATCH|RELATED ARTICLE|RELATED STORY|RELATED COVERAGE|Related|Read more|Read|See also|Also read|Also see|More|Watch|Listen|Related (?:coverage|stories|articles|story|article|content|reading|links?))\s*:\s*\S/u;
const POINTER =
  /^(?:Read|See|Watch|Listen to) (?:more|the full (?:story|interview|report|article)|our|all)\b[^.!?]{0,100}[.!]?$/u;

/** A line that sends the reader to another story. */
export const related: FurnitureRule = {
  kind: 'related',
  test: ({ text }) => text.length <= RELATED_MAX_CHARS && (LABEL.test(text) || POINTER.test(text)),
};
