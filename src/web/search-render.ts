import { type NewsRequest, newsQuestion, nothingLine, replyWindow, shownHits } from '../commands/news.js';
import type { Library } from '../library/library.js';
import { answerNews } from '../queries/news.js';
import { type PagePaths, searchPage } from './pages.js';

/**
 * Pages a search worker renders whole, so the main thread only sends them: a /search page costs
 * the main thread about as much to render as to serve, and on a small machine every millisecond
 * the main thread spends per page is one the workers cannot use (README "Keeping up under load").
 * Each is a plain function of a snapshot and plain arguments that returns a string (operations.ts
 * says why); the worker runs them by name as it runs OPERATIONS, and without workers they run here.
 */
export const PAGE_OPERATIONS = {
  /** The web search page for a question, as of `now`: the same search and words as /news. */
  searchPage: (library: Library, a: SearchPageArgs) => renderSearchPage(library, a),
} satisfies Record<string, (library: Library, args: never) => string>;

export type PageOperations = typeof PAGE_OPERATIONS;
export type PageOperationName = keyof PageOperations;
export type PageOperationArgs<K extends PageOperationName> = Parameters<PageOperations[K]>[1];

export interface SearchPageArgs {
  paths: PagePaths;
  /** The form's fields as given (shown back in the form). */
  q: string;
  since: string;
  until: string;
  /** The question as /news reads the fields (newsRequest). */
  request: Pick<NewsRequest, 'query' | 'since' | 'until'>;
  now: Date;
}

/** The /search page answering `a`, from `library`. */
export function renderSearchPage(library: Library, a: SearchPageArgs): string {
  const answer = answerNews(library, newsQuestion(a.request), a.now);
  const hits = shownHits(library, answer);
  const nothing = hits.length ? undefined : nothingLine(answer);
  const { q, since, until } = a;
  return searchPage(
    a.paths,
    { q, since, until, hits, window: replyWindow(answer), ...(nothing ? { nothing } : {}) },
    library.size,
  );
}

/** Renders pages by name: in a search worker, or here (runPageOperation) without one. */
export interface PageRenderer {
  run<K extends PageOperationName>(
    name: K,
    args: PageOperationArgs<K>,
    options?: { timeoutMs?: number },
  ): Promise<string>;
}

/** Renders a page in this thread, on `library`. */
export function runPageOperation<K extends PageOperationName>(
  library: Library,
  name: K,
  args: PageOperationArgs<K>,
): string {
  const operation = PAGE_OPERATIONS[name] as (library: Library, args: PageOperationArgs<K>) => string;
  if (typeof operation !== 'function') throw new Error(`no page operation named ${String(name)}`);
  return operation(library, args);
}

/** A renderer over one snapshot, in this thread (SEARCH_WORKERS=0, the tests). */
export function pagesInProcess(library: Library): PageRenderer {
  return { run: async (name, args) => runPageOperation(library, name, args) };
}
