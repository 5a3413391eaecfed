import { escapeMarkdown } from '../articles/text.js';
import { type CompoundSpan, compoundsIn, joinedCompound, termOf, WORD } from './analyzer.js';

/** How a format escapes plain text and marks a word. */
export interface HighlightStyle {
  escape: (text: string) => string;
  /** `word` is already escaped. */
  mark: (word: string) => string;
  /** Joins two marks separated only by white space into one run. */
  join: (marked: string) => string;
}

/** Discord markdown: escaped text, matched words in bold. */
export const MARKDOWN_BOLD: HighlightStyle = {
  escape: escapeMarkdown,
  mark: (word) => `**${word}**`,
  join: (marked) => marked.replace(/\*\*(\s+)\*\*/g, '$1'),
};

/**
 * Escapes `text` for the format (Discord markdown by default) and marks the words whose index term
 * is one of `terms`, so a reader sees why the passage answers them.
 */
export function highlightTerms(
  text: string,
  terms: ReadonlySet<string>,
  style: HighlightStyle = MARKDOWN_BOLD,
): string {
  let out = '';
  let last = 0;
  const compounds = matchedCompounds(text, terms);
  let c = 0;
  for (const m of text.matchAll(WORD)) {
    // a word written with hyphens whose joined form matched ("anti-virus" for "antivirus") is
    // marked whole, in place of its parts
    while (c < compounds.length && compounds[c]!.end <= m.index) c++;
    const compound = compounds[c];
    if (compound && compound.start <= m.index) {
      if (compound.start === m.index) {
        out += style.escape(text.slice(last, compound.start)) + style.mark(style.escape(compound.word));
        last = compound.end;
      }
      continue;
    }
    const word = m[0];
    const term = termOf(word);
    if (!term || !terms.has(term)) continue;
    out += style.escape(text.slice(last, m.index)) + style.mark(style.escape(word));
    last = m.index + word.length;
  }
  return style.join(out + style.escape(text.slice(last)));
}

/** The words of `text` written with hyphens (compoundsIn) whose joined form's term is one of `terms`. */
function matchedCompounds(text: string, terms: ReadonlySet<string>): CompoundSpan[] {
  return compoundsIn(text).filter((c) => {
    const term = termOf(joinedCompound(c.word));
    return term !== null && terms.has(term);
  });
}
