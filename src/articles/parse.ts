import { readFrontMatter } from './front-matter.js';
import {
  type Furniture,
  type FurnitureKind,
  furnitureKindOf,
  isNoteAboveStory,
  splitLeadingFurniture,
  storyStartBlock,
} from './furniture/index.js';
import { quotationsOf } from './quotes/index.js';
import { reportValue } from './report-text.js';
import { summarize } from './summary.js';
import { findUrls, singleSpaced, splitSentences } from './text.js';
import type { Article, PhotoCredit, Problem } from './types.js';

/** What parsing one file gives: the article (null when skipped) and what was wrong with the file. */
export interface ParsedFile {
  article: Article | null;
  problems: Problem[];
}

export interface ParseOptions {
  maxBytes: number;
}

const SEED_HEADER = /^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(\S.*)$/;
const PHOTO_CREDIT = /^(photo|photograph|image|picture)s?\s*(credit)?\s*:/i;
const SENTENCE_END = /[.!?…:;,"”’')\]]$/;

/**
 * The longest paragraph kept as one: a longer block is split at sentence boundaries into pieces of
 * at most this many characters. Quotation finding, passages and the quotation index all work per
 * paragraph, so this caps what one paragraph can cost whatever the file holds (a 1 MiB one-line
 * article is 250 paragraphs, not one). Evidence: in the dev corpora (BBC, POLNEAR, RealTimeQA;
 * about 100,000 blocks) 99.9% of blocks are under 3,500 characters and about 60 are over 4,000, so
 * real paragraphs are practically never split; quotation attribution looks 220 characters around a
 * quotation, so a split at a sentence boundary between pieces this long loses next to nothing.
 */
export const PARAGRAPH_MAX_CHARS = 4000;

/**
 * How much of an article's body (characters, in whole paragraphs from the first) quotations and
 * passages are looked for in. Both cost time in proportion to the text (quotations at every load
 * of the file, passages at a question's first look at the article), and MAX_ARTICLE_BYTES allows
 * 1 MiB, so this bounds what one article can cost whatever the file holds: a reload parses a file
 * in one go, and a first question analyses up to 30 articles. Evidence: no article of the dev
 * corpora (BBC, POLNEAR, RealTimeQA; about 7,400 articles) is over 61,000 characters and 99.9% are
 * under 54,000, so real articles are read whole.
 */
export const ANALYSED_BODY_MAX_CHARS = 100_000;

/** How many paragraphs, from the first, lie within `max` characters (the first always counts). */
export function analysedParagraphCount(paragraphs: readonly string[], max = ANALYSED_BODY_MAX_CHARS): number {
  let chars = 0;
  for (const [i, p] of paragraphs.entries()) {
    chars += p.length;
    if (i > 0 && chars > max) return i;
  }
  return paragraphs.length;
}

const DOUBLE_QUOTE_MARKS = /["“”„«»]/g;

/**
 * Splits an overlong paragraph (single-spaced, see readBody) into pieces of at most `max`
 * characters: whole sentences, preferring a boundary outside a quotation (an even number of double
 * quotation marks so far in the piece); a sentence longer than `max` is cut at words. Linear in the
 * text.
 */
export function splitLongParagraph(block: string, max = PARAGRAPH_MAX_CHARS): string[] {
  if (block.length <= max) return [block];
  const pieces: string[] = [];
  let piece: string[] = [];
  let length = 0;
  let marks = 0;
  // the last boundary in `piece` outside a quotation: sentences before it, and their length
  let outside = { count: 0, length: 0 };
  const add = (part: string) => {
    length += (piece.length ? 1 : 0) + part.length;
    piece.push(part);
    marks += part.match(DOUBLE_QUOTE_MARKS)?.length ?? 0;
    if (marks % 2 === 0) outside = { count: piece.length, length };
  };
  for (const sentence of splitSentences(block)) {
    for (const part of sentence.length > max ? cutAtWords(sentence, max) : [sentence]) {
      if (piece.length && length + 1 + part.length > max) {
        // a boundary outside a quotation, unless it leaves too little in the piece (each piece
        // keeps at least half the room, so the text is handled a bounded number of times)
        const count = outside.length >= max / 2 ? outside.count : piece.length;
        pieces.push(piece.slice(0, count).join(' '));
        const rest = piece.slice(count);
        piece = [];
        length = 0;
        marks = 0;
        outside = { count: 0, length: 0 };
        for (const kept of rest) add(kept);
      }
      add(part);
    }
  }
  if (piece.length) pieces.push(piece.join(' '));
  return pieces;
}

/** Pieces of at most `max` characters, cut at spaces (a word longer than `max` is cut hard). */
function cutAtWords(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const cut = space > 0 ? space : max;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** "business/001.txt" -> { id: "business/001", section: "business" } */
export function idForPath(relPath: string): { id: string; section: string | null } {
  const posix = relPath.split(/[\\/]+/).join('/');
  const id = posix.replace(/\.[^./]+$/, '');
  const slash = id.indexOf('/');
  return { id, section: slash > 0 ? id.slice(0, slash) : null };
}

/** The byte-order marks of UTF-16, which editors on Windows still write ("Unicode" in Notepad). */
const UTF16_BOMS = [
  { encoding: 'utf-16le', bom: [0xff, 0xfe] },
  { encoding: 'utf-16be', bom: [0xfe, 0xff] },
] as const;

/**
 * Decodes a file's bytes: UTF-16 LE or BE when it starts with its BOM, UTF-8 (BOM dropped), else
 * Windows-1252 with a warning; null with a reason when it is not text.
 */
export function decodeText(file: string, bytes: Uint8Array, problems: Problem[]): string | null {
  const utf16 = UTF16_BOMS.find(({ bom }) => bom.every((b, i) => bytes[i] === b));
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16.encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      problems.push({ file, reason: `invalid ${utf16.encoding.toUpperCase()} text`, severity: 'skipped' });
      return null;
    }
    // text in UTF-16 has no NUL character: one here is a binary file (or UTF-32) that starts like a BOM
    if (text.includes('\0')) {
      problems.push({ file, reason: 'binary file (contains NUL characters)', severity: 'skipped' });
      return null;
    }
    return text;
  }
  if (bytes.includes(0)) {
    problems.push({ file, reason: 'binary file (contains NUL bytes)', severity: 'skipped' });
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    problems.push({
      file,
      reason: 'invalid UTF-8; decoded as Windows-1252 (check the characters)',
      severity: 'warning',
    });
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * The years a date may have: four digits. A year outside them is a typo or a forgery (`10000-01-01`,
 * `275760-09-12`: kept, such a date escaped "never after now" and scored NaN), and a year below 1000
 * is read by JavaScript's date parsing as a two-digit one (`1 Jan 0001` as 2001).
 */
export const DATE_YEAR_MIN = 1000;
export const DATE_YEAR_MAX = 9999;

const yearInRange = (y: number) => y >= DATE_YEAR_MIN && y <= DATE_YEAR_MAX;

/**
 * YYYY-MM-DD for anything a person or a YAML parser would call a date; null when there is none,
 * undefined when it is not a readable date with a year from DATE_YEAR_MIN to DATE_YEAR_MAX (a date
 * in words must write its year in four digits: "5 Apr 22" is not read).
 */
export function normalizeDate(value: unknown): string | null | undefined {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || !yearInRange(value.getUTCFullYear())) return undefined;
    return value.toISOString().slice(0, 10);
  }
  const text = String(value).trim();
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!yearInRange(y)) return undefined;
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return date.toISOString().slice(0, 10);
    }
    return undefined;
  }
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return undefined;
  const date = new Date(parsed);
  const year = date.getUTCFullYear();
  // the year must be written in the text in four digits (Date.parse reads "0001" and "01" as
  // 2001); give or take one, as a time zone can move the day across a New Year
  const years: string[] = text.match(/\b\d{4}\b/g) ?? [];
  if (!yearInRange(year) || !years.some((y) => Math.abs(Number(y) - year) <= 1)) return undefined;
  return date.toISOString().slice(0, 10);
}

interface Header {
  title: string;
  date: unknown;
  url: string | null;
  author: string | null;
  tags: string[];
  body: string;
}

/** Splits a file into its header fields and body, by whichever of the three formats it is in. */
function readHeader(file: string, text: string, problems: Problem[]): Header | null {
  const lines = text.split('\n');
  let first = 0;
  while (first < lines.length && !lines[first]?.trim()) first++;
  const firstLine = lines[first] ?? '';

  if (firstLine.trim() === '---') {
    let end = first + 1;
    while (end < lines.length && lines[end]?.trim() !== '---' && lines[end]?.trim() !== '...') end++;
    if (end >= lines.length) {
      problems.push({ file, reason: 'front matter has no closing "---" line', severity: 'skipped' });
      return null;
    }
    const fields = readFrontMatter(file, lines.slice(first + 1, end).join('\n'), problems);
    if (!fields) return null;
    return {
      ...fields,
      title: fields.title ?? '',
      body: lines.slice(end + 1).join('\n'),
    };
  }

  const seed = SEED_HEADER.exec(firstLine);
  const body = lines.slice(first + 1).join('\n');
  if (seed) return { title: seed[2] ?? '', date: seed[1], url: null, author: null, tags: [], body };
  return { title: firstLine, date: null, url: null, author: null, tags: [], body };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * How a standfirst (the first block, a line that sums up the article) and a heading (a line between
 * paragraphs) are told from text: at most this many characters, and this many words at the least
 * (a heading of one word is more often a label or a name). Chosen by hand when the parser was
 * written (32ec059) and never swept; the furniture check (`npm run furniture:check`) and the
 * summaries eval (`summaries.mjs`, R1 0.41) are what a change must keep.
 */
const STANDFIRST_MAX_CHARS = 200;
const STANDFIRST_MIN_WORDS = 3;
const HEADING_MAX_CHARS = 100;
const HEADLINE_MIN_WORDS = 2;

/** A short line with no closing punctuation and no sentence inside: a standfirst or a heading. */
function isHeadlineLike(block: string, maxChars: number): boolean {
  return (
    block.length <= maxChars &&
    wordCount(block) >= HEADLINE_MIN_WORDS &&
    !SENTENCE_END.test(block) &&
    !/[.!?]\s/.test(block) &&
    /^[\p{Lu}\p{N}"“‘']/u.test(block)
  );
}

interface Body {
  standfirst: string | null;
  headings: string[];
  /** For each heading, the index of the paragraph it comes before. */
  headingBefore: number[];
  paragraphs: string[];
  links: string[];
  credits: PhotoCredit[];
  /** Blocks that are the page's furniture, not the article (furniture/). */
  furniture: Furniture[];
}

/**
 * Sorts the body's blank-line separated blocks into standfirst, headings, paragraphs, credits and
 * the page's furniture (captions, galleries, promotions…: furniture/), which is set aside: it is
 * never a summary, a passage or a quotation. A dateline opening the first paragraph is cut off it.
 */
export function readBody(body: string): Body {
  return runSteps(readBodySteps(body));
}

/**
 * A parse in steps: a generator that yields between steps (a block of the body, the summary, the
 * quotations…), so a load can give the event loop a turn inside a large file (see parseSteps).
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** readBody in steps: one per block of the body, twice (its kind, then its place). */
function* readBodySteps(body: string): Steps<Body> {
  const blocks = body
    .split(/\n[ \t]*\n/)
    .map((b) => singleSpaced(b).trim())
    .filter(Boolean);
  const links: string[] = [];
  const headings: string[] = [];
  const headingBefore: number[] = [];
  const paragraphs: string[] = [];
  const credits: PhotoCredit[] = [];
  const furniture: Furniture[] = [];
  let standfirst: string | null = null;
  // blocks above the story's dateline are notes about it (furniture/dateline.ts)
  const storyStart = storyStartBlock(blocks);
  const kinds: (FurnitureKind | null)[] = [];
  for (const [index, text] of blocks.entries()) {
    if (PHOTO_CREDIT.test(text)) kinds.push(null);
    else {
      const kind = furnitureKindOf({ text, index });
      kinds.push(kind ?? (index < storyStart && isNoteAboveStory(text) ? 'editor-note' : null));
    }
    yield;
  }
  // the last block that is neither a photo credit nor furniture: a heading must have text after it
  let lastTextBlock = blocks.length - 1;
  while (lastTextBlock >= 0 && (PHOTO_CREDIT.test(blocks[lastTextBlock] ?? '') || kinds[lastTextBlock]))
    lastTextBlock--;

  for (const [i, whole] of blocks.entries()) {
    if (i > 0) yield;
    let block = whole;
    if (PHOTO_CREDIT.test(block)) {
      const urls = findUrls(block);
      links.push(...urls);
      credits.push({ text: block.replace(PHOTO_CREDIT, '').trim(), links: urls });
      continue;
    }
    links.push(...findUrls(block));
    const kind = kinds[i];
    if (kind) {
      furniture.push({ kind, text: block, before: paragraphs.length });
      continue;
    }
    const nothingYet = standfirst === null && paragraphs.length === 0 && headings.length === 0;
    if (nothingYet) {
      const leading = splitLeadingFurniture(block);
      for (const f of leading.furniture) furniture.push({ ...f, before: 0 });
      block = leading.rest;
    }
    if (
      nothingYet &&
      i === 0 &&
      isHeadlineLike(block, STANDFIRST_MAX_CHARS) &&
      wordCount(block) >= STANDFIRST_MIN_WORDS
    ) {
      standfirst = block;
      continue;
    }
    const followedByText = i < lastTextBlock;
    if (followedByText && isHeadlineLike(block, HEADING_MAX_CHARS)) {
      headings.push(block);
      headingBefore.push(paragraphs.length);
      continue;
    }
    paragraphs.push(...splitLongParagraph(block));
  }
  return {
    standfirst,
    headings,
    headingBefore,
    paragraphs,
    links: [...new Set(links)],
    credits,
    furniture,
  };
}

/** Parses one seed file. Never throws: whatever is wrong with the file becomes a Problem. */
export function parseArticle(file: string, bytes: Uint8Array, options: ParseOptions): ParsedFile {
  return runSteps(parseSteps(file, bytes, options));
}

/**
 * parseArticle in steps, with the same result: a step is the header, a block of the body, the
 * summary, the quotations or the copy. A 1 MiB file costs a few hundred milliseconds to parse
 * (hostile-files.ts: a run of stops, one name said thousands of times); a load driving these steps
 * gives replies and /healthz a turn between them, and a reload's deadline or SIGTERM stops it there.
 */
export function* parseSteps(file: string, bytes: Uint8Array, options: ParseOptions): Steps<ParsedFile> {
  const problems: Problem[] = [];
  const skip = (reason: string): ParsedFile => {
    problems.push({ file, reason, severity: 'skipped' });
    return { article: null, problems };
  };
  if (bytes.length === 0) return skip('empty file');
  if (bytes.length > options.maxBytes)
    return skip(`too large (${bytes.length} bytes; MAX_ARTICLE_BYTES is ${options.maxBytes})`);

  const decoded = decodeText(file, bytes, problems);
  if (decoded === null) return { article: null, problems };
  const text = decoded.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim()) return skip('empty file (only whitespace)');

  const header = readHeader(file, text, problems);
  if (!header) return { article: null, problems };
  const title = header.title.replace(/\s+/g, ' ').trim();
  if (!title) return skip('no title');
  yield;

  const date = normalizeDate(header.date);
  if (date === undefined) {
    problems.push({
      file,
      reason: `unreadable date ${reportValue(String(header.date))} (a day with a year from ${DATE_YEAR_MIN} to ${DATE_YEAR_MAX}); loaded without a date`,
      severity: 'warning',
    });
  }
  const body = yield* readBodySteps(header.body);
  yield;
  if (!body.paragraphs.length && !body.standfirst) {
    problems.push({ file, reason: 'no body text; only the title is searchable', severity: 'warning' });
  }
  const { id, section } = idForPath(file);
  const links = [...new Set([...(header.url ? [header.url] : []), ...body.links, ...findUrls(title)])];
  const article: Article = {
    id,
    file: file.split(/[\\/]+/).join('/'),
    section,
    title,
    date: date ?? null,
    url: header.url,
    author: header.author,
    tags: header.tags,
    standfirst: body.standfirst,
    headings: body.headings,
    headingBefore: body.headingBefore,
    paragraphs: body.paragraphs,
    links: links.filter((l) => l !== header.url),
    credits: body.credits,
    furniture: body.furniture,
    summary: '',
    quotes: [],
  };
  article.summary = summarize(article);
  yield;
  const found = quotationsOf(
    file,
    article.paragraphs.slice(0, analysedParagraphCount(article.paragraphs)),
    title,
  );
  article.quotes = found.quotes;
  problems.push(...found.problems);
  yield;
  // Substrings of the file's text can keep the whole text alive (V8 slices); a structured clone
  // gives the article strings of its own, so a library holds each article's text once.
  return { article: structuredClone(article), problems };
}
