import { escapeMarkdown } from '../articles/text.js';
import { termOf, WORD } from './analyzer.js';

/**
 * Escapes `text` for Discord markdown and puts the words whose index term is one of `terms` in
 * bold, so a reader sees why the passage answers them.
 */
export function highlightTerms(text: string, terms: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const term = termOf(word);
    if (!term || !terms.has(term)) continue;
    out += escapeMarkdown(text.slice(last, m.index)) + `**${escapeMarkdown(word)}**`;
    last = m.index + word.length;
  }
  return (out + escapeMarkdown(text.slice(last))).replace(/\*\*(\s+)\*\*/g, '$1');
}
