// Quotation spans: the text between double quotation marks, over paragraphs when the newspaper
// convention says the quotation goes on. One pass over the characters of the article.
import { TITLE_SMALL_WORDS } from './lexicon.js';
import { MAX_TITLE_WORDS, NESTED_QUOTATION_MAX_CHARS } from './tuning.js';
import { isDoubleQuoteMark, nextDoubleQuoteMark } from './words.js';

/** A quotation as found between marks; it may run over several paragraphs. */
export interface QuoteSpan {
  /** Paragraph and character index of the opening mark. */
  startPara: number;
  open: number;
  /** Paragraph and character index of the closing mark (-1 when the paragraph ended first). */
  endPara: number;
  close: number;
  /** The words between the marks, paragraphs joined with a space. */
  text: string;
}

type MarkRole = 'open' | 'close' | 'either';

/**
 * What a mark does, judged first by its neighbours (a space before and a letter after opens,
 * whatever its shape: writers and converters often get curly marks backwards) and then by shape.
 */
function markRole(text: string, i: number): MarkRole {
  const before = i > 0 ? (text[i - 1] ?? ' ') : ' ';
  const after = i + 1 < text.length ? (text[i + 1] ?? ' ') : ' ';
  const spaceBefore = /[\s([{—–/]/.test(before) || i === 0;
  const spaceAfter = /[\s)\]},.;:!?—–]/.test(after) || i + 1 >= text.length;
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  const ch = text[i];
  if (ch === '“' || ch === '„' || ch === '«') return 'open';
  if (ch === '”' || ch === '»') return 'close';
  return 'either';
}

function startsWithOpeningMark(paragraph: string): boolean {
  const t = paragraph.trimStart();
  return t.length > 1 && isDoubleQuoteMark(t[0] ?? '') && t[0] !== '”' && t[0] !== '»';
}

interface OpenSpan {
  para: number;
  index: number;
  parts: string[];
}

/**
 * Finds every span between double quotation marks. A quotation left open at the end of a
 * paragraph continues only when the next paragraph opens with a mark (the newspaper convention
 * for a quotation over several paragraphs); otherwise it ends with its paragraph, so a missing
 * closing mark never swallows the rest of the article.
 */
export function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: OpenSpan | null = null;
  for (let p = 0; p < paragraphs.length; p++) {
    const text = paragraphs[p] ?? '';
    let contentStart = 0;
    let skipFirstMark = -1;
    if (open) {
      skipFirstMark = text.length - text.trimStart().length;
      contentStart = skipFirstMark + 1;
    }
    for (let i = nextDoubleQuoteMark(text, 0); i >= 0; i = nextDoubleQuoteMark(text, i + 1)) {
      const ch = text[i] ?? '';
      if (i === skipFirstMark) continue;
      const role = markRole(text, i);
      if (open) {
        const nestedClose = role === 'open' ? nestedQuotationEnd(text, i) : -1;
        if (nestedClose > 0) {
          // `…what he calls “hell” than live…`: a short quotation inside the quotation.
          i = nestedClose;
        } else if (role === 'open' && i > contentStart) {
          // An opening mark inside an open quotation: the closing mark went missing.
          open.parts.push(text.slice(contentStart, i));
          spans.push(closedSpan(open, p, -1));
          open = { para: p, index: i, parts: [] };
          contentStart = i + 1;
        } else if (role === 'close' || (role === 'either' && ch !== '“')) {
          open.parts.push(text.slice(contentStart, i));
          spans.push(closedSpan(open, p, i));
          open = null;
        }
      } else if (role !== 'close') {
        open = { para: p, index: i, parts: [] };
        contentStart = i + 1;
      }
    }
    if (open) {
      open.parts.push(text.slice(contentStart));
      const next = paragraphs[p + 1];
      if (next === undefined || !startsWithOpeningMark(next)) {
        spans.push(closedSpan(open, p, -1));
        open = null;
      }
    }
  }
  return spans;
}

/**
 * A short quotation inside an open one: its closing mark comes within a few words and the
 * sentence goes on after it in lowercase (`what he calls “hell” than live`). Returns the index
 * of that closing mark, or -1 (then the opening mark means the outer closing mark is missing).
 */
function nestedQuotationEnd(text: string, open: number): number {
  const limit = Math.min(text.length, open + 1 + NESTED_QUOTATION_MAX_CHARS);
  for (let j = open + 1; j < limit; j++) {
    if (!isDoubleQuoteMark(text[j] ?? '')) continue;
    return markRole(text, j) === 'close' && /^[\s,;:]+\p{Ll}/u.test(text.slice(j + 1, j + 4)) ? j : -1;
  }
  return -1;
}

/** The quotation opened at `open`, ending in paragraph `endPara` at `close` (-1: its closing mark is missing). */
function closedSpan(open: OpenSpan, endPara: number, close: number): QuoteSpan {
  const text = open.parts
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
  return { startPara: open.para, open: open.index, endPara, close, text };
}

/**
 * A title, not speech: every word capitalised but the small ones, and no sentence of its own
 * ("Meet the Press", "The Wall Street Journal", "American Skin (41 Shots)", "Make America Great
 * Again"). Names of shows, papers, books, songs and slogans are quoted as names.
 */
export function isTitle(text: string): boolean {
  // Most quotations are longer than a title: count spaces before reading words.
  let spaces = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === ' ' && ++spaces >= MAX_TITLE_WORDS) return false;
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  if (words.length === 0 || words.length > MAX_TITLE_WORDS) return false;
  if (/[.!?]["'’”]?\s*\S/u.test(text.trim())) return false;
  let capitals = 0;
  for (const w of words) {
    if (/^\p{Lu}/u.test(w) || /^\p{N}/u.test(w)) capitals++;
    else if (!TITLE_SMALL_WORDS.has(w)) return false;
  }
  return capitals > 0;
}
