// Words of a paragraph, as the attribution rules see them, tokenised once per article.
import { isAbbreviation } from '../text.js';
import { ABBREVIATION_LOOKBACK_CHARS } from './tuning.js';

export interface Word {
  text: string;
  lower: string;
  /** Character offset in the paragraph. */
  start: number;
  end: number;
  /** A comma, colon, semicolon, dash, bracket or full stop rather than a word. */
  punct: boolean;
  /** Starts with a capital letter (computed once: the name rules ask this of every word). */
  capitalised: boolean;
}

/** The article's paragraphs and their words; one per article, never shared between articles. */
export interface ArticleText {
  readonly paragraphs: readonly string[];
  /** Words of each paragraph, tokenised on first use: the rules look at many windows of one paragraph. */
  readonly words: Array<Word[] | undefined>;
}

export function articleText(paragraphs: readonly string[]): ArticleText {
  return { paragraphs, words: new Array(paragraphs.length) };
}

// A hyphen with a space on each side is a dash ("Pollsters agree - Ann Roe: …"): inside a word
// it joins, alone between spaces it can only separate.
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-&]*|[,;:()[\]—–]|(?<=\s)-(?=\s)|\.|[!?]/gu;

const UPPERCASE_START = /^\p{Lu}/u;

/**
 * Whether a token opens with a capital (what UPPERCASE_START says): an ASCII first letter by its
 * code, anything else by the pattern. Asked of every word of every article.
 */
function startsUppercase(token: string): boolean {
  const code = token.charCodeAt(0);
  if (code < 0x80) return code >= 0x41 && code <= 0x5a;
  return UPPERCASE_START.test(token);
}

const PUNCTUATION_TOKENS = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–', '.', '!', '?']);

export function tokenize(text: string, offset = 0): Word[] {
  const words: Word[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    // The spaced hyphen reads as the dash it stands for.
    let t = m[0] === '-' ? '–' : m[0];
    // A word's full stop belongs to it only for abbreviations and initials (Sen., J., U.S.).
    if (t.length > 1 && t.endsWith('.') && !isAbbreviation(t)) t = t.slice(0, -1);
    const punct = t.length === 1 && PUNCTUATION_TOKENS.has(t);
    words.push({
      text: t,
      lower: t.toLowerCase(),
      start: offset + m.index,
      end: offset + m.index + t.length,
      punct,
      capitalised: !punct && startsUppercase(t),
    });
    // "R-Ky., said": a full stop before a comma or a lowercase word does not end the sentence.
    if (
      t.length < m[0].length &&
      !/^\s?[,;:)\p{Ll}]/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))
    ) {
      const dot = offset + m.index + t.length;
      words.push({ text: '.', lower: '.', start: dot, end: dot + 1, punct: true, capitalised: false });
    }
  }
  return words;
}

/** The words of paragraph `para` lying within [from, to). */
/** Every word of a paragraph, tokenized once and shared: read it, never change it. */
export function paragraphWords(text: ArticleText, para: number): readonly Word[] {
  let all = text.words[para];
  if (!all) {
    all = tokenize(text.paragraphs[para] ?? '');
    text.words[para] = all;
  }
  return all;
}

export function wordsIn(text: ArticleText, para: number, from = 0, to = Number.MAX_SAFE_INTEGER): Word[] {
  const all = paragraphWords(text, para);
  // Binary search for the first word starting at or after `from`.
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((all[mid] as Word).start < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < all.length && (all[end] as Word).end <= to) end++;
  return all.slice(lo, end);
}

/**
 * Words the article capitalises only where a sentence, quotation or line starts, and otherwise
 * writes in lowercase ("Guns are…", "Estimates of…", "Immediately after…"): common words, not
 * names. A surname that is also a word ("Will", "Bush") is not one of them wherever the article
 * writes it capitalised inside a sentence ("columnist George Will"). One pass: linear.
 */
export function sentenceStartCapitals(text: ArticleText): Set<string> {
  const startsInside = (words: readonly Word[], k: number, paragraph: string) => {
    const prev = words[k - 1];
    const w = words[k] as Word;
    return !!prev && (!prev.punct || prev.text === ',') && !OPENING_MARKS.has(markBefore(paragraph, w.start));
  };
  // Two passes of lookups in the small set of words that open a sentence (about one a sentence),
  // rather than a set of every word of the article.
  const atStart = new Set<string>();
  for (let p = 0; p < text.paragraphs.length; p++) {
    const paragraph = text.paragraphs[p] ?? '';
    const words = paragraphWords(text, p);
    for (let k = 0; k < words.length; k++) {
      const w = words[k] as Word;
      if (!w.punct && w.capitalised && !startsInside(words, k, paragraph)) atStart.add(w.lower);
    }
  }
  const inLowercase = new Set<string>();
  const capitalisedInside = new Set<string>();
  for (let p = 0; p < text.paragraphs.length && atStart.size; p++) {
    const paragraph = text.paragraphs[p] ?? '';
    const words = paragraphWords(text, p);
    for (let k = 0; k < words.length; k++) {
      const w = words[k] as Word;
      if (w.punct || !atStart.has(w.lower)) continue;
      if (!w.capitalised) inLowercase.add(w.lower);
      else if (startsInside(words, k, paragraph)) capitalisedInside.add(w.lower);
    }
  }
  const common = new Set<string>();
  for (const word of inLowercase) if (!capitalisedInside.has(word)) common.add(word);
  return common;
}

/** The last character other than a space in the two before `at`, or '' when there is none. */
function markBefore(paragraph: string, at: number): string {
  for (let c = at - 1; c >= 0 && c >= at - 2; c--) {
    const ch = paragraph[c] as string;
    if (!/\s/.test(ch)) return ch;
  }
  return '';
}

/** Marks before a word that open a sentence-like unit: a quotation, a bracket, a dash. */
const OPENING_MARKS: ReadonlySet<string> = new Set(['"', '“', '”', "'", '‘', '’', '(', '[', '—', '–', '-']);

export function paragraphAt(text: ArticleText, para: number): string {
  return text.paragraphs[para] ?? '';
}

/** A letter or a digit, as one code point (a letter outside the BMP is a surrogate pair). */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/**
 * How many runs of letters and digits the text holds (what `/[\p{L}\p{N}]+/gu` matches), counted
 * in one pass without building the matches: ASCII is told apart by its code, anything else by
 * LETTER_OR_DIGIT. Asked of every quotation and of the words between its pieces.
 */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let word: boolean;
    if (code < 0x80) {
      const folded = code | 0x20; // 'A'-'Z' to 'a'-'z'; nothing else in ASCII lands in 'a'-'z'
      word = (code >= 0x30 && code <= 0x39) || (folded >= 0x61 && folded <= 0x7a);
    } else {
      const point = text.codePointAt(i) as number;
      word = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
      if (point > 0xffff) i++;
    }
    if (word && !inWord) count++;
    inWord = word;
  }
  return count;
}

/** Whether the text holds an ASCII digit (what `/\d/` finds), without a pattern per call. */
export function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) return true;
  }
  return false;
}

export function stripPossessive(word: string): string {
  return word.replace(/[’']s?$/u, '');
}

export function isPossessive(word: string): boolean {
  return /[’']s?$/u.test(word) && word.length > 2;
}

/** A capitalised word (every word token is made of letters, digits, marks and ' ’ . - &). */
export function isNameWord(word: Word): boolean {
  return word.capitalised;
}

/** A dash token (a spaced hyphen is read as one): it sets off an aside or a sign-off. */
export function isDash(word: Word | undefined): boolean {
  return word?.text === '–' || word?.text === '—';
}

export function isSentenceEnd(word: Word | undefined): boolean {
  return !!word && (word.text === '.' || word.text === '!' || word.text === '?');
}

export function isDoubleQuoteMark(ch: string): boolean {
  return ch === '"' || ch === '“' || ch === '”' || ch === '„' || ch === '«' || ch === '»';
}

/** The marks isDoubleQuoteMark accepts, for a search (its own lastIndex: used by nextDoubleQuoteMark only). */
const DOUBLE_QUOTE_MARK = /["“”„«»]/g;

/**
 * Index of the first double quotation mark (isDoubleQuoteMark) at or after `from`, -1 when none: one
 * search in place of a test of every character (most of a paragraph is not marks).
 */
export function nextDoubleQuoteMark(text: string, from: number): number {
  DOUBLE_QUOTE_MARK.lastIndex = from;
  return DOUBLE_QUOTE_MARK.exec(text)?.index ?? -1;
}

/** The word ending at `i` (a full stop) reads as an abbreviation or an initial. */
function stopEndsAbbreviation(paragraph: string, i: number, floor: number): boolean {
  const word =
    /(\S+)$/.exec(paragraph.slice(Math.max(floor, i - ABBREVIATION_LOOKBACK_CHARS), i + 1))?.[1] ?? '';
  return isAbbreviation(word.replace(/^[("“]+/, '')) || /^\p{Lu}\.$/u.test(word);
}

/** Start of the sentence containing `index`, looking back no further than `floor`. */
export function sentenceStart(paragraph: string, index: number, floor: number): number {
  for (let i = index - 1; i > floor; i--) {
    const ch = paragraph[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(paragraph[i + 1] ?? '')) {
      if (stopEndsAbbreviation(paragraph, i, floor)) continue;
      return i + 1;
    }
  }
  return floor;
}

/** End (index of the stop) of the sentence going on at `from`, before `limit`; -1 when another quotation starts or none ends. */
export function sentenceEndBefore(paragraph: string, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const ch = paragraph[i] ?? '';
    if (isDoubleQuoteMark(ch)) return -1;
    if ((ch === '.' || ch === '!' || ch === '?') && (i + 1 >= paragraph.length || paragraph[i + 1] === ' ')) {
      if (ch === '.' && stopEndsAbbreviation(paragraph, i, 0)) continue;
      return i;
    }
  }
  return -1;
}
