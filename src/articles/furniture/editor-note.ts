import type { FurnitureRule } from './kind.js';
import { withNeedle } from './signals.js';

/**
 * The longest editor's note, in characters: an opinion writer's biography ("Editor's Note: Jane
 * Roe is a professor of history at … The views expressed in this commentary are her own.") runs to
 * a few sentences: under 700 characters in the CNN pages. A longer block is text of the article.
 */
export const EDITOR_NOTE_MAX_CHARS = 1000;

/** "Editor's Note:" opening the block, or the opinion page's disclaimer anywhere in it. */
const EDITORS_NOTE = /^\(?Editor[’']?s[’']? [Nn]ote\s*[:.-]/u;
const DISCLAIMER = withNeedle(
  /xpre/i,
  /\b(?:views|opinions) expressed (?:in this (?:commentary|column|article|piece|essay|op-ed)|here) are (?:solely )?(?:his|her|their|the author[’']s|those of)\b/iu,
);

/**
 * A disclosure of who owns whom, in brackets or after a label: "(CNN and Warner Bros. are both part
 * of Warner Bros. Discovery.)", "Disclosure: …".
 */
const DISCLOSURE =
  /^\((?:Disclosure:)?[^()]*\b(?:is|are) (?:both |all )?(?:part of|owned by|a (?:subsidiary|unit|division) of)\b[^()]*\)$|^\(?Disclosure\s*:/u;

/** A note from the editors about the piece or its author. */
export const editorNote: FurnitureRule = {
  kind: 'editor-note',
  test: ({ text }) =>
    text.length <= EDITOR_NOTE_MAX_CHARS &&
    (EDITORS_NOTE.test(text) || DISCLAIMER(text) || DISCLOSURE.test(text)),
};
