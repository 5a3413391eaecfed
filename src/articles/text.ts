// Text helpers shared by parsing, summaries, passages and rendering. No dependencies on purpose
// (but the display rule of shown-text.ts, which has none): they run on every article at load time
// and on every reply.

import { displayText } from '../shown-text.js';

/**
 * Words after which a full stop does not end a sentence (lowercase, without the final period).
 * The one list for sentence splitting here and for the quotation finder's tokens.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'mr mrs ms mx dr prof st jr sr gen sen sens rep reps del gov govs lt col capt sgt maj cmdr adm rev hon pres supt det insp ' +
    'inc co corp ltd plc bros llc vs v etc no nos vol fig figs approx dept est ave blvd rd mt ft ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues thu thur thurs fri ' +
    'e.g i.e a.m p.m u.s u.k u.n e.u d.c n.y l.a u.s.a cf ca op pp'
  ).split(/\s+/),
);

/** "Sen.", "U.S.", "J.": a word whose full stop belongs to it rather than ending a sentence. */
export function isAbbreviation(word: string): boolean {
  if (!word.endsWith('.')) return false;
  return ABBREVIATIONS.has(word.slice(0, -1).toLowerCase()) || /^(\p{L}\.)+$/u.test(word);
}

/** Whitespace other than a single space between non-spaces: what `singleSpaced` has to replace. */
const NOT_SINGLE_SPACED = /[^\S ]| \s/;

/**
 * The text with each run of whitespace made one space: `text.replace(/\s+/g, ' ')`, without the
 * replacing (a match at every space) when the text is single-spaced already, as most paragraphs
 * are; that replace was about 5% of parsing the BBC corpus (profiled).
 */
export function singleSpaced(text: string): string {
  return NOT_SINGLE_SPACED.test(text) ? text.replace(/\s+/g, ' ') : text;
}

/**
 * A candidate sentence end: a run of stops, the closing marks after it, a space, and what may begin
 * a sentence. Linear in the text however long a run of `.`, `!`, `?`, `…` or closing marks is: a
 * run is tried only from its first mark (the lookbehind), so a run that is not followed by a
 * space costs one pass, not one pass per mark (quadratic: 39 s for 128 KB of dots).
 * Groups: 1 the stops, 2 the closing marks.
 */
const SENTENCE_BOUNDARY = /(?<![.!?…])([.!?…]+)(["”’')\]]*) (?=["“‘'([]?[\p{Lu}\p{N}])/gu;

/**
 * Splits running text into sentences. A full stop after an abbreviation (Mr., U.S.), an initial
 * (J. K. Rowling) or a number's decimal point does not end a sentence; a quotation's closing mark
 * stays with the sentence it closes.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n|\r?\n/)) {
    const p = singleSpaced(block).trim();
    if (!p) continue;
    const boundary = SENTENCE_BOUNDARY;
    boundary.lastIndex = 0;
    let start = 0;
    for (let m = boundary.exec(p); m; m = boundary.exec(p)) {
      const punct = m[1] ?? '';
      if (punct === '.' && !m[2]) {
        // the word before the stop (p has single spaces); a regex anchored at the end of the
        // sentence so far would rescan it at every candidate stop
        const wordStart = Math.max(start, p.lastIndexOf(' ', m.index - 1) + 1);
        const lastWord = p.slice(wordStart, m.index).replace(/^["“‘'([]+/, '');
        const lw = lastWord.toLowerCase();
        if (ABBREVIATIONS.has(lw)) continue;
        if (/^\p{L}$/u.test(lastWord)) continue; // an initial: J. K. Rowling
        if (/^(\p{L}\.)+\p{L}$/u.test(lastWord)) continue; // U.S. / a.m. (the last dot is the match)
      }
      const end = m.index + punct.length + (m[2]?.length ?? 0);
      const sentence = p.slice(start, end).trim();
      if (sentence) out.push(sentence);
      start = boundary.lastIndex;
    }
    const rest = p.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/**
 * Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis when it cut.
 * Never cuts inside a word; a single word longer than `max` is the only thing cut hard.
 */
export function truncateAtWord(text: string, max: number, ellipsis = '…'): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const room = max - ellipsis.length;
  if (room <= 0) return ellipsis.slice(0, max);
  let cut = t.slice(0, room + 1);
  const lastSpace = cut.search(/\s\S*$/);
  cut = lastSpace > 0 ? cut.slice(0, lastSpace) : cutText(t, room);
  return cut.replace(/[\s,;:–—-]+$/u, '') + ellipsis;
}

/**
 * The first `max` UTF-16 units of `text` (the unit Discord's limits count), one fewer when the cut
 * would split a surrogate pair: never half an emoji, which Discord refuses as invalid text.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>()"'“”‘’]+[^\s<>()"'“”‘’.,;:!?]/gi;

/** The http(s) URLs in a text, in order. */
export function findUrls(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}

/**
 * Escapes the characters that Discord markdown would format, so article text shows as written:
 * bold, italics, strikes, code, spoilers, masked links (`[text](<url>)`), mentions and timestamps
 * (`<@id>`, `<t:…>`), and headings, quotes and lists at a line's start. Control and bidi
 * characters are removed (displayText).
 */
export function escapeMarkdown(text: string): string {
  // control and bidi characters go first: escaping a `[` inside an escape sequence would break it
  // into pieces that no longer read as one, and leave them behind as text
  return displayText(text)
    .replace(/([\\*_~`|[\]<])/g, '\\$1')
    .replace(/^([#>-])/gm, '\\$1');
}

/** truncateAtWord for Discord markdown: a bold run cut in two is closed again, so no stray "**" shows. */
export function truncateMarkdown(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncateAtWord(text, max - 2);
  const bolds = (cut.replace(/\\\*/g, '').match(/\*\*/g) ?? []).length;
  if (bolds % 2 === 0) return cut;
  return cut.endsWith('…') ? `${cut.slice(0, -1).trimEnd()}**…` : `${cut}**`;
}
