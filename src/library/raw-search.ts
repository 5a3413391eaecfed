// MiniSearch's search without the half of its cost the article search threw away. `search` runs
// the query (executeQuery: the postings read and scored), then makes one result object per matched
// document, copies its stored fields into it, filters and sorts all of them by score; the article
// search then filtered those again and sorted them again by its own score. Profiled at 21,280
// articles (the bench's 30 questions, about 2,000 matches each): executeQuery alone took half of
// `search`'s CPU time (55-84 of 101-118 ms for the 30, two runs, load average 20). Here the query runs the same way and the matches
// come back unsorted, in the order `search` meets them, with the same numbers, for the caller to
// order once (see `searchOrder`).
import type MiniSearch from 'minisearch';
import type { Query, SearchOptions } from 'minisearch';

/** A document the query matched, as MiniSearch's `search` reports it (before its sort). */
export interface RawMatch {
  /** The document's id (the index's idField). */
  id: unknown;
  /** `search`'s score: the summed BM25 of the terms matched, times how many query terms matched. */
  score: number;
  /** How many of the query's terms matched (`search`'s queryTerms.length). */
  queryTerms: number;
  /** Index terms matched, each with the fields it matched in (`search`'s `match`). */
  match: Record<string, string[]>;
}

/** What this module reaches inside MiniSearch 7 (pinned by package.json's ^7), as `search` uses it. */
interface SearchInternals {
  executeQuery(
    query: Query,
    options?: SearchOptions,
  ): Map<number, { score: number; terms: string[]; match: Record<string, string[]> }>;
  _documentIds: Map<number, unknown>;
}

/**
 * The matches of `query` that `keep` accepts, each as `index.search(query, options)` reports it,
 * in the order `search` meets them (MiniSearch's own order of documents, not sorted). `options`
 * must not have a `filter` (`keep` is the filter); stored fields are not copied.
 */
export function rawSearch<T>(
  index: MiniSearch<T>,
  query: Query,
  options: SearchOptions,
  keep: (id: unknown) => boolean = () => true,
): RawMatch[] {
  const inner = index as unknown as SearchInternals;
  const out: RawMatch[] = [];
  // as `search`: the options as given (executeQuery adds the index's defaults itself)
  for (const [docId, { score, terms, match }] of inner.executeQuery(query, options)) {
    const id = inner._documentIds.get(docId);
    if (!keep(id)) continue;
    const quality = terms.length || 1;
    out.push({ id, score: score * quality, queryTerms: terms.length, match });
  }
  return out;
}

/**
 * Highest `score` first, as sorting `search`'s results by `score` orders them: `search` sorts its
 * results by its own score (`indexScore` here), and a stable sort by another score keeps that
 * order among equals; so a stable sort by (score, then indexScore) of the matches in `search`'s
 * order of meeting (rawSearch's) gives the order the two sorts gave.
 */
export function searchOrder(
  a: { score: number; indexScore: number },
  b: { score: number; indexScore: number },
): number {
  return b.score - a.score || b.indexScore - a.indexScore;
}
