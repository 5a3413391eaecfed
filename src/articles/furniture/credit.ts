import type { FurnitureRule } from './kind.js';
import { isCreditOnly } from './signals.js';

/**
 * A picture credit on a line of its own: a photographer or an agency after a slash, an agency's
 * name alone, or a bracketed credit ("Erin Scott/Getty Images", "Getty Images", "(Photo by Jane
 * Roe/AFP)"). `Photo: …` lines are not furniture: parsing keeps them as the article's photo
 * credits, with their links (a source, a licence).
 */
export const credit: FurnitureRule = {
  kind: 'credit',
  test: (block) => isCreditOnly(block.text),
};
