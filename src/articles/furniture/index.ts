// Page furniture: what a web page carries around an article that is not the article. Articles that
// people drop into the folder are often saved or scraped pages, with photo captions and credits,
// galleries, video-player text, newsletter promotions, related-story links, update notes,
// datelines and bylines between the paragraphs. Parsing (../parse.ts) asks each block of the body
// whether it is furniture: a block that is goes to Article.furniture and is never a summary, a
// passage, a quotation or a name in the quotation finder's registry.
//
// Each kind is one file, with the signals that hold across news sites. The kinds are asked in the
// order below; the first that claims a block names it.

import { splitSentences } from '../text.js';
import { byline } from './byline.js';
import { caption } from './caption.js';
import { contributors } from './contributors.js';
import { credit } from './credit.js';
import { dateline, innerDatelineAt, splitDateline } from './dateline.js';
import { EDITOR_NOTE_MAX_CHARS, editorNote } from './editor-note.js';
import { gallery } from './gallery.js';
import type { BlockView, Furniture, FurnitureKind, FurnitureRule } from './kind.js';
import { player } from './player.js';
import { promotion } from './promotion.js';
import { related } from './related.js';
import { update } from './update.js';

export { storyStartBlock } from './dateline.js';
export type { BlockView, Furniture, FurnitureKind, FurnitureRule } from './kind.js';

/**
 * The kinds, in the order they are asked. Galleries before credits and captions (a gallery is many
 * captions); the notes last, since a caption may mention an update.
 */
export const FURNITURE_RULES: readonly FurnitureRule[] = [
  dateline,
  byline,
  gallery,
  credit,
  caption,
  player,
  promotion,
  related,
  update,
  contributors,
  editorNote,
];

/** The kind of furniture `block` is, or null when it is the article's text. */
export function furnitureKindOf(
  block: BlockView,
  rules: readonly FurnitureRule[] = FURNITURE_RULES,
): FurnitureKind | null {
  for (const rule of rules) if (rule.test(block)) return rule.kind;
  return null;
}

/**
 * How much of the first paragraph may be furniture pasted before the story (a promotion and a note
 * that the story first ran in a newsletter: "A version of this story first appeared in … Not a
 * subscriber? You can sign up right here. …", about 220 characters). What is set aside from a
 * paragraph's start is at most this long, and at most LEADING_MAX_SENTENCES sentences.
 */
export const LEADING_MAX_CHARS = 500;
export const LEADING_MAX_SENTENCES = 4;

/**
 * The furniture that opens the article's first paragraph, cut off it: a dateline ("(CNN) …",
 * "LONDON (Reuters) - …"), or whole sentences that are furniture (a promotion, an update note),
 * before the story's first sentence or its dateline. `rest` is what is left of the paragraph (it
 * is the paragraph when nothing was cut).
 */
export function splitLeadingFurniture(block: string): {
  furniture: Omit<Furniture, 'before'>[];
  rest: string;
} {
  const furniture: Omit<Furniture, 'before'>[] = [];
  let rest = block;
  const at = innerDatelineAt(rest, LEADING_MAX_CHARS);
  const before = at > 0 ? rest.slice(0, at).trim() : '';
  const beforeKind = before ? furnitureKindOf({ text: before, index: 0 }) : null;
  if (beforeKind) {
    furniture.push({ kind: beforeKind, text: before });
    rest = rest.slice(at);
  } else {
    const sentences = splitSentences(rest.slice(0, LEADING_MAX_CHARS + 1));
    for (let k = Math.min(LEADING_MAX_SENTENCES, sentences.length - 1); k >= 1; k--) {
      const prefix = sentences.slice(0, k).join(' ');
      const kind = furnitureKindOf({ text: prefix, index: 0 });
      if (kind && rest.startsWith(sentences[0]!)) {
        const cut = rest.indexOf(sentences[k]!, prefix.length - 1);
        if (cut > 0) {
          furniture.push({ kind, text: prefix });
          rest = rest.slice(cut);
        }
        break;
      }
    }
  }
  const dated = splitDateline(rest);
  if (dated) {
    furniture.push({ kind: 'dateline', text: dated.dateline });
    rest = dated.rest;
  }
  return { furniture, rest };
}

/**
 * The longest one-sentence standfirst (a dek: "Keith Lamont Scott's wife pleads for his life."),
 * in characters: above a dateline, one sentence up to this long is taken for the standfirst, not
 * a note. The deks of the PolNeAR papers are under 110 characters; CNN's one-sentence notes above
 * the story ("CNN will air special coverage of …") are longer.
 */
export const DEK_MAX_CHARS = 110;

/**
 * A block above the story's dateline (storyStartBlock) is a note about the story when it ends as
 * a sentence does, is no longer than an editor's note, and is more than a one-sentence dek; a
 * standfirst or a heading there stays what it is.
 */
export function isNoteAboveStory(block: string): boolean {
  if (block.length > EDITOR_NOTE_MAX_CHARS || !/[.!?…]["”’')\]]*$/.test(block)) return false;
  return block.length > DEK_MAX_CHARS || splitSentences(block).length >= 2;
}
