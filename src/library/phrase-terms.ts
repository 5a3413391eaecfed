// An article's terms in reading order, with '' wherever two words are not written as one name:
// what the search's phrase checks read (namesFirst, and the candidates' check that a near-spelt
// name stands as a name). Kept for the articles read most recently, as passage.ts keeps their
// sentences: the same top articles come back question after question.

import type { Article } from '../articles/types.js';
import { termOf, WORD } from './analyzer.js';

/**
 * The furniture the index searches as body text (indexedArticle), though it is never shown as a
 * passage: captions and galleries (what the article's pictures show) and update notes, whose
 * corrections state the story's facts as the article now has them ("Correction: … The company is
 * reportedly scaling back the use of its AC"; "… It was written by Justice Brett Kavanaugh"). A
 * note that only says the story was updated adds common words, which weigh next to nothing.
 */
export function searchedFurniture(article: Article): string[] {
  return (article.furniture ?? [])
    .filter((f) => f.kind === 'caption' || f.kind === 'gallery' || f.kind === 'update')
    .map((f) => f.text);
}

/** The texts articleTerms reads, in its order. */
export function phraseTexts(article: Article): string[] {
  return [
    article.title,
    article.standfirst ?? '',
    ...article.headings,
    ...article.paragraphs,
    ...searchedFurniture(article),
  ];
}

const SPACE = 0x20;

/** True when text[from, to) is one space or more and nothing else (queryWords' /^ +$/ on the gap). */
function onlySpaces(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

/** True when the word ends in 's or ’s, either case (queryWords' /['’]s$/i). */
function possessive(word: string): boolean {
  const n = word.length;
  if (n < 2) return false;
  const last = word[n - 1];
  const mark = word[n - 2];
  return (last === 's' || last === 'S') && (mark === "'" || mark === '’');
}

/**
 * Pushes a text's terms onto `out` as queryWords reads them, '' before each word not joined to
 * the one before, and a '' after the text. queryWords' own rule for `joined` (the word before is
 * not a stop word nor a possessive, and only spaces are between) over the whole text: a sentence
 * break is never only spaces (its .!? or line break is in the gap), so reading sentence by sentence
 * changes nothing; without queryWords' capitals, which a phrase check does not use.
 */
export function pushPhraseTerms(text: string, out: string[]): void {
  // the end of the word before and whether a word may join it; -1: no word before
  let beforeEnd = -1;
  let beforeJoins = false;
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    const term = termOf(word);
    if (term) {
      const joined = beforeJoins && onlySpaces(text, beforeEnd, m.index);
      if (!joined) out.push('');
      out.push(term);
    }
    beforeEnd = m.index + word.length;
    beforeJoins = term !== null && !possessive(word);
  }
  out.push('');
}

/** An article's phrase terms read afresh: pushPhraseTerms over phraseTexts. */
export function readArticleTerms(article: Article): string[] {
  const out: string[] = [];
  for (const text of phraseTexts(article)) pushPhraseTerms(text, out);
  return out;
}

/**
 * The phrase terms of the articles read most recently, bounded in articles and in terms held, so
 * memory does not grow with the library nor with one huge article.
 */
export class PhraseTermsCache {
  private readonly held = new Map<Article, readonly string[]>();
  private entries = 0;

  constructor(
    private readonly maxArticles: number,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.held.size;
  }

  /** The article's phrase terms, read on first use; the one asked last is kept longest. */
  termsOf(article: Article): readonly string[] {
    const cached = this.held.get(article);
    if (cached) {
      // most recently used last
      this.held.delete(article);
      this.held.set(article, cached);
      return cached;
    }
    const terms = readArticleTerms(article);
    this.held.set(article, terms);
    this.entries += terms.length;
    // the oldest go first; the one just read stays even alone over the bound, until the next
    while (this.held.size > 1 && (this.held.size > this.maxArticles || this.entries > this.maxEntries)) {
      const [oldest, its] = this.held.entries().next().value as [Article, readonly string[]];
      this.held.delete(oldest);
      this.entries -= its.length;
    }
    return terms;
  }
}

/**
 * As many articles as passage.ts keeps analysed (ANALYZED_MAX): a question re-ranks 30 and checks
 * names in up to 50, so this holds the hits of the last 40 questions or more.
 */
const PHRASE_TERMS_MAX_ARTICLES = 2_000;
/**
 * At most this many terms held in all (8 bytes each, the strings being termOf's own, shared): 16 MB.
 * Phrase terms per article, separators included (readArticleTerms over the three corpora): BBC mean
 * 368 (p99 936), PolNeAR 730 (p99 2,740), CNN 1,034 (p99 3,640); so 2,000 articles of the longest
 * of these fit, and only articles far longer than news are kept fewer.
 */
const PHRASE_TERMS_MAX_ENTRIES = 2_000_000;

const shared = new PhraseTermsCache(PHRASE_TERMS_MAX_ARTICLES, PHRASE_TERMS_MAX_ENTRIES);

/**
 * An article's terms in reading order (title, standfirst, headings, paragraphs, captions), with ''
 * wherever two words are not written as one name (carrying.ts, QueryWord.joined: a comma, a full
 * stop, a stop word or a possessive between them): "in Georgia, Democratic Sen. Warnock" does not
 * name a "Georgia Democrat", nor "West Virginia. Sen. Capito" a "Virginia Sen". Cached.
 */
export function articleTerms(article: Article): readonly string[] {
  return shared.termsOf(article);
}
