import type { Library, SearchOptions } from '../library/library.js';
import type { QuoteSearchOptions } from '../library/quote-index.js';
import { answerNews, type NewsQuestion } from '../queries/news.js';
import { answerQuotes, type QuoteQuestion } from '../queries/quotes.js';

/**
 * The searches a Searcher runs, by name: each a plain function of a snapshot and plain arguments
 * that returns plain data. Arguments and results cross to a worker thread and back by structured
 * clone, so they hold no functions or class instances (Articles, Dates, arrays and records are
 * fine). Adding an operation is one line here; every Searcher (in-process or the worker pool) can
 * then run it by name.
 */
export const OPERATIONS = {
  /** /news and the web search page: the articles that answer, best first, one per story. */
  search: (library: Library, a: { query: string; options: SearchOptions }) =>
    library.search(a.query, a.options),
  /** /news, the console and the web search page: the query layer's answer (src/queries/news.ts), plain data. */
  answerNews: (library: Library, a: { question: NewsQuestion; now: Date }) =>
    answerNews(library, a.question, a.now),
  /** /quote and the web quotations page: the query layer's answer (src/queries/quotes.ts), plain data. */
  answerQuotes: (library: Library, a: { question: QuoteQuestion; now: Date }) =>
    answerQuotes(library, a.question, a.now),
  /** Titles that look like what was typed (autocomplete, and "closest titles" when nothing matches). */
  suggestTitles: (library: Library, a: { query: string; max: number }) =>
    library.suggestTitles(a.query, a.max),
  /** The newest articles. */
  newest: (library: Library, a: { max: number }) => library.newest(a.max),
  /** /quote and the web quotations page. */
  quotes: (library: Library, a: { query: string; options: QuoteSearchOptions }) =>
    library.quotes.search(a.query, a.options),
  /** Speakers whose names match what was typed, with their quotation counts. */
  speakers: (library: Library, a: { typed: string; max: number }) => library.quotes.speakers(a.typed, a.max),
  /** "Who said this?": the quotations closest to a message's words. */
  closestQuotes: (library: Library, a: { text: string; max: number }) =>
    library.quotes.closest(a.text, a.max),
} satisfies Record<string, (library: Library, args: never) => unknown>;

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
export type OperationArgs<K extends OperationName> = Parameters<Operations[K]>[1];
export type OperationResult<K extends OperationName> = ReturnType<Operations[K]>;

/** Runs one operation on a snapshot: the one place both Searchers (and the worker) call them. */
export function runOperation<K extends OperationName>(
  library: Library,
  name: K,
  args: OperationArgs<K>,
): OperationResult<K> {
  const operation = OPERATIONS[name] as (library: Library, args: OperationArgs<K>) => OperationResult<K>;
  if (typeof operation !== 'function') throw new Error(`no search operation named ${String(name)}`);
  return operation(library, args);
}
