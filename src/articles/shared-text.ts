import type { Article } from './types.js';

/** The articles already done in this thread: a reload passes every kept article to assemble again. */
const done = new WeakSet<Article>();

/**
 * Strings a loaded article repeats, made to share memory with what the heap holds already. After a
 * load every string of an article is its own copy (the cache's JSON, a parse worker's structured
 * clone), and every thread that holds the articles (the main thread, each search worker) holds them
 * all. Two kinds repeat text held elsewhere:
 * - a quotation's words, most often written as they stand in the paragraph it starts in: taken as a
 *   slice of that paragraph, which V8 keeps as a reference into it (for 13 characters or more) rather
 *   than a copy (on the BBC corpus, 65% of the quotations' characters: docs/performance.md, "The
 *   main thread without indexes");
 * - the names of rules, speakers, roles and sections, repeated across articles: one copy of each
 *   per load (`names`).
 * The strings are equal to what they replace: nothing an answer reads changes.
 */
export function shareArticleText(article: Article, names: Map<string, string>): void {
  // an article a reload keeps from the previous snapshot (its file unchanged) was done when it loaded
  if (done.has(article)) return;
  done.add(article);
  const name = <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const known = names.get(value);
    if (known !== undefined) return known as T;
    names.set(value, value);
    return value;
  };
  article.section = name(article.section);
  // an article whose text this thread left in the cache (library/text-on-disk.ts) holds none here
  const textInMemory = Object.getOwnPropertyDescriptor(article, 'paragraphs')?.get === undefined;
  for (const quote of article.quotes) {
    if (textInMemory) {
      const paragraph = article.paragraphs[quote.paragraph];
      const at = paragraph === undefined ? -1 : paragraph.indexOf(quote.text);
      if (at >= 0) quote.text = paragraph!.slice(at, at + quote.text.length);
    }
    quote.speaker = name(quote.speaker);
    quote.role = name(quote.role);
    quote.rule = name(quote.rule);
  }
}
