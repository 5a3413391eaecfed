import type { FurnitureRule } from './kind.js';
import { withNeedle } from './signals.js';
import { NOTE_MAX_CHARS } from './update.js';

/**
 * The people who helped write the story: "Jane Roe contributed to this report.", "Additional
 * reporting by …", "Reporting by …; Editing by …" (the wire services' sign-off). A sentence or two,
 * as short as an update note (NOTE_MAX_CHARS), saying so in its first sentence: "… contributed
 * reporting" after a paragraph of the story, in the same block, keeps the block.
 */
const CONTRIBUTED = withNeedle(
  /contribut/i,
  /^[^.!?]*\bcontributed(?: reporting| additional reporting)?(?: to)? (?:this|the) (?:report|story|article|reporting|section|piece|post|coverage)\b|^[^.!?]*\bcontributed reporting\b/iu,
);
const REPORTING_BY = /^[-–—(\s]*(?:Additional reporting|Reporting|Writing|Editing) by\b/u;

export const contributors: FurnitureRule = {
  kind: 'contributors',
  test: ({ text }) => text.length <= NOTE_MAX_CHARS && (CONTRIBUTED(text) || REPORTING_BY.test(text)),
};
