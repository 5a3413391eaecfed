// What every kind of furniture gets and gives. A kind reads one block of the body (a paragraph as
// the file has it, whitespace joined) and says whether it is that kind of furniture; the pipeline
// (./index.ts) asks the kinds in order, and the first that claims a block names it.

/** The kinds of page furniture: what a web page carries around an article that is not the article. */
export type FurnitureKind =
  | 'dateline'
  | 'byline'
  | 'gallery'
  | 'credit'
  | 'caption'
  | 'player'
  | 'promotion'
  | 'related'
  | 'update'
  | 'contributors'
  | 'editor-note';

/** One block of the body as a kind sees it. */
export interface BlockView {
  /** The block's text, whitespace joined and trimmed. */
  text: string;
  /** Its place among the body's blocks (0: the first block under the title). */
  index: number;
}

export interface FurnitureRule {
  kind: FurnitureKind;
  /** The block is this kind of furniture. */
  test(block: BlockView): boolean;
}

/** One block set aside as furniture: its kind and text, and where it stood. */
export interface Furniture {
  kind: FurnitureKind;
  text: string;
  /** The index of the body paragraph it came before (the paragraph count when it came last). */
  before: number;
}
