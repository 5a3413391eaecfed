import type { Furniture } from './furniture/kind.js';

/** A quotation found in an article, with the person (or organisation) it is attributed to. */
export interface Quote {
  /**
   * The words inside the quotation marks, without the marks. A quotation over several paragraphs
   * is joined with a space; pieces of one quotation split by the writer's words (`"A," she said,
   * "b"`) are joined with " … " where those words were cut.
   */
  text: string;
  /** The speaker's fullest name found in the article ("Sergey Lavrov"), or null when unattributed. */
  speaker: string | null;
  /** The speaker's role or description when the article gives one ("Russian Foreign Minister"). */
  role: string | null;
  /** Index into Article.paragraphs of the paragraph where the quotation starts. */
  paragraph: number;
  /** The rule that attributed it ("verb-after", "inherit:previous-paragraph"), null when none did. */
  rule: string | null;
}

/** A photo credit line: its text without the `Photo:` label, and the URLs in it. */
export interface PhotoCredit {
  text: string;
  links: string[];
}

/** One article as loaded from a seed file. Plain data: safe to clone, serialise and send to a worker. */
export interface Article {
  /** Path under SEEDS_DIR without the extension, always with "/" ("business/001"). */
  id: string;
  /** Path under SEEDS_DIR with the extension. */
  file: string;
  /** The first folder of the path, if any ("business"). */
  section: string | null;
  title: string;
  /** YYYY-MM-DD, or null when the file gives none. */
  date: string | null;
  url: string | null;
  author: string | null;
  tags: string[];
  /** A short line right under the title that sums the article up. */
  standfirst: string | null;
  /** Section headings, in order. */
  headings: string[];
  /**
   * Where each heading stands: headingBefore[k] is the index of the paragraph that headings[k]
   * comes before, so a page can show them as the article has them. Absent in articles made by hand.
   */
  headingBefore?: number[];
  /** Body paragraphs, in order, without headings and photo credits. */
  paragraphs: string[];
  /** URLs found in the article (credits, body), de-duplicated, in order. */
  links: string[];
  /** Photo credits (`Photo: …` lines), with the URLs each gives (a source, a licence). Absent in articles made by hand. */
  credits?: PhotoCredit[];
  /**
   * Blocks of the page that are not the article (captions, credits, galleries, video-player text,
   * promotions, related links, update notes, datelines, bylines), in order, each with the paragraph
   * it came before. Never a summary, a passage or a quotation. Absent in articles made by hand.
   */
  furniture?: Furniture[];
  /** Standfirst and lead sentences, at most SUMMARY_MAX_CHARS, cut at a sentence or word. */
  summary: string;
  quotes: Quote[];
}

/** Why a file was skipped, or loaded with a caveat. `file` is the path under SEEDS_DIR. */
export interface Problem {
  file: string;
  reason: string;
  /** "skipped": the file did not load; "warning": it loaded, with this caveat. */
  severity: 'skipped' | 'warning';
}
