// MiniSearch's search without the half of its cost the article search threw away. `search` runs
// the query (executeQuery: the postings read and scored), then makes one result object per matched
// document, copies its stored fields into it, filters and sorts all of them by score; the article
// search then filtered those again and sorted them again by its own score. Profiled at 21,280
// articles (the bench's 30 questions, about 2,000 matches each): executeQuery alone took half of
// `search`'s CPU time (55-84 of 101-118 ms for the 30, two runs, load average 20). Here the query runs the same way and the matches
// come back unsorted, in the order `search` meets them, with the same numbers, for the caller to
// order once (see `searchOrder`).
//
// The one-word exact parts of the article search's OR query (every word typed but the near
// spellings looked up for rare ones) are then scored here, straight over the compact postings
// (exactMatches): MiniSearch's termResults walked each posting list through an iterator, looked
// every document up in two Maps and made a result Map per part for its OR combinator to merge,
// which made executeQuery most of a question's CPU time at 21,280 articles once the sort was gone.
// Scored in one loop, with the same arithmetic in the same order, the matches are the same to the
// last bit (tests/unit/library/raw-search.test.ts checks them against executeQuery) and
// `Library.search` of the bench's 30 questions takes about half the CPU time (docs/performance.md,
// 7 Dec, n18c).
import type MiniSearch from 'minisearch';
import type { Query, SearchOptions } from 'minisearch';
import { Postings } from './postings.js';

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
  executeQuery(query: Query, options?: SearchOptions): Matches;
  _documentIds: Map<number, unknown>;
  _options: {
    tokenize: (text: string) => string[];
    processTerm: (term: string) => string | string[] | null | undefined | false;
    fields: string[];
    searchOptions: SearchOptions;
  };
  _index: { get(term: string): Map<number, unknown> | undefined };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
}

/** One matched document as MiniSearch's executeQuery gives it (by its short id). */
interface MatchData {
  score: number;
  terms: string[];
  match: Record<string, string[]>;
}
type Matches = Map<number, MatchData>;

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
  const matches = exactMatches(inner, query, options) ?? inner.executeQuery(query, options);
  for (const [docId, { score, terms, match }] of matches) {
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

/**
 * The field lengths of an index's documents, one array per field indexed by short id: what
 * termResults reads from `_fieldLength` (a Map of arrays) once per posting, read once per snapshot
 * instead. Kept with the index and made again if documents were added since.
 */
const lengthsOf = new WeakMap<object, { nextId: number; byField: Map<number, Float64Array> }>();

function fieldLengths(inner: SearchInternals, fieldId: number): Float64Array {
  let memo = lengthsOf.get(inner);
  if (!memo || memo.nextId !== inner._nextId) {
    memo = { nextId: inner._nextId, byField: new Map() };
    lengthsOf.set(inner, memo);
  }
  let lengths = memo.byField.get(fieldId);
  if (!lengths) {
    lengths = new Float64Array(inner._nextId);
    // a field a document lacks reads as termResults reads it (undefined: NaN here and there)
    for (const [docId, perField] of inner._fieldLength) lengths[docId] = perField[fieldId] as number;
    memo.byField.set(fieldId, lengths);
  }
  return lengths;
}

/** MiniSearch's options spread as it spreads them (`{ ...a, ...b }`). */
type Spread = SearchOptions & Record<string, unknown>;

/** A one-word, exact part of an OR query (`{ queries: ['term'], fuzzy: false, prefix: false }`), read as MiniSearch reads it. */
interface ExactPart {
  /** The term searched (the word as processTerm gives it). */
  term: string;
  field: string;
  fieldId: number;
  /** The field's boost times the term's (both 1 unless set). */
  fieldBoost: number;
  bm25: { k: number; b: number; d: number };
}

/** The keys an exact part may have: anything else (boost, fields, weights…) goes MiniSearch's own way. */
const EXACT_PART_KEYS = new Set(['queries', 'fuzzy', 'prefix']);

/**
 * `part` as executeQuery would read it under `options` (the OR query's options), when it is one
 * word searched exactly in one field, with no per-document or per-term boost: null otherwise.
 * Every option is spread in MiniSearch's order (executeQuery, then executeQuerySpec), so the part
 * is read with the settings MiniSearch would use.
 */
function exactPart(inner: SearchInternals, part: Query, options: Spread): ExactPart | null {
  if (typeof part !== 'object' || part === null || !('queries' in part)) return null;
  if (!Object.keys(part).every((key) => EXACT_PART_KEYS.has(key))) return null;
  const words = part.queries;
  if (words.length !== 1 || typeof words[0] !== 'string') return null;
  // executeQuery of the part, then of its one string
  const partOptions: Spread = { ...options, ...part, queries: undefined } as Spread;
  const { tokenize, processTerm, searchOptions: global } = inner._options;
  const wordOptions = { tokenize, processTerm, ...global, ...partOptions } as Spread & {
    tokenize: typeof tokenize;
    processTerm: typeof processTerm;
    boostTerm?: unknown;
  };
  if (typeof wordOptions.fuzzy === 'function' || wordOptions.fuzzy) return null;
  if (typeof wordOptions.prefix === 'function' || wordOptions.prefix === true) return null;
  if (typeof wordOptions.boostTerm === 'function') return null;
  const terms = wordOptions
    .tokenize(words[0])
    .flatMap((term) => wordOptions.processTerm(term))
    .filter((term) => !!term) as string[];
  if (terms.length !== 1) return null;
  // executeQuerySpec
  const specOptions = { ...inner._options.searchOptions, ...wordOptions } as Spread;
  if (specOptions.boostDocument) return null;
  const fields = [...new Set(specOptions.fields || inner._options.fields)];
  if (fields.length !== 1) return null;
  const field = fields[0]!;
  const boost = specOptions.boost as Record<string, number> | undefined;
  const fieldBoost = (boost && Object.hasOwn(boost, field) ? boost[field] : undefined) || 1;
  const fieldId = inner._fieldIds[field];
  if (fieldId === undefined) return null;
  return { term: terms[0]!, field, fieldId, fieldBoost, bm25: specOptions.bm25 as ExactPart['bm25'] };
}

/**
 * executeQuery's matches for an OR query of parts, with its one-word exact parts scored here
 * straight over their compact postings (postings.ts), and the rest (near spellings, boosted
 * parts) left to MiniSearch: the same documents in the same order with the same numbers, `terms`
 * and `match`, as MiniSearch's termResults and OR combinator give them, without an iterator, a Map
 * lookup and a result Map per posting. Null when the query is not such a query, or the index
 * has documents discarded but not yet vacuumed, or its postings are not compact: executeQuery then.
 *
 * What is the same, step by step: termResults scores a document `termWeight * termBoost *
 * fieldBoost * docBoost * bm25` (all 1 here but the field's boost) with `matchingFields` the
 * posting list's size (no discarded documents), and makes `{ score, terms: [term], match: { [term]:
 * [field] } }`; the OR combinator keeps the first part's Map and, part after part in the query's
 * order and each part's documents in posting order, adds a new document at the end or adds the
 * part's score to the sum so far (`existing.score + score`), assigns the part's match and adds its
 * term when new. The `match` arrays of an exact part are shared between its documents: nothing
 * changes them after the query (the search reads `match`, never writes it).
 */
function exactMatches(inner: SearchInternals, query: Query, options: SearchOptions): Matches | null {
  if (typeof query !== 'object' || query === null || !('queries' in query)) return null;
  if (inner._dirtCount !== 0) return null;
  const queryOptions = { ...options, ...query, queries: undefined } as Spread;
  const combineWith = queryOptions.combineWith ?? 'OR';
  if (typeof combineWith !== 'string' || combineWith.toLowerCase() !== 'or') return null;
  const parts = query.queries.map((part) => exactPart(inner, part as Query, queryOptions));
  if (!parts.some((part) => part !== null)) return null;
  // every exact part's postings compact, else MiniSearch's own way for all
  for (const part of parts) {
    if (!part) continue;
    const postings = inner._index.get(part.term)?.get(part.fieldId);
    if (postings !== undefined && !(postings instanceof Postings)) return null;
  }
  let all: Matches | null = null;
  for (let i = 0; i < parts.length; i++) {
    const exact = parts[i];
    if (exact) {
      all ??= new Map();
      scoreExact(inner, exact, all);
    } else {
      const matches = inner.executeQuery(query.queries[i] as Query, queryOptions);
      all = all ? orInto(all, matches) : matches;
    }
  }
  return all ?? new Map();
}

/** MiniSearch's OR combinator: `b`'s documents added to `a` (in `b`'s order), `a` returned. */
function orInto(a: Matches, b: Matches): Matches {
  for (const [docId, found] of b) {
    const existing = a.get(docId);
    if (existing == null) a.set(docId, found);
    else {
      existing.score = existing.score + found.score;
      existing.match = Object.assign(existing.match, found.match);
      for (const term of found.terms) if (!existing.terms.includes(term)) existing.terms.push(term);
    }
  }
  return a;
}

/** One exact part's termResults, OR-combined into `all` as it goes (see exactMatches). */
function scoreExact(inner: SearchInternals, part: ExactPart, all: Matches): void {
  const postings = inner._index.get(part.term)?.get(part.fieldId) as Postings | undefined;
  if (!postings) return;
  const { term, field, fieldBoost } = part;
  const { k, b, d } = part.bm25;
  const pairs = postings.pairs;
  const n = postings.size;
  const lengths = fieldLengths(inner, part.fieldId);
  const avgFieldLength = inner._avgFieldLength[part.fieldId]!;
  const totalCount = inner._documentCount;
  // termResults' factors, as it multiplies them: termWeight (1: an exact term) and termBoost (1:
  // no boostTerm) and docBoost (1: no boostDocument) around the field's boost
  const termWeight = 1;
  const termBoost = 1;
  const docBoost = 1;
  // calcBM25Score's first factor, the same for every document of the term
  const invDocFreq = Math.log(1 + (totalCount - n + 0.5) / (n + 0.5));
  const fields = [field];
  for (let i = 0; i < 2 * n; i += 2) {
    const docId = pairs[i]!;
    const termFreq = pairs[i + 1]!;
    const fieldLength = lengths[docId]!;
    const rawScore =
      invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
    const score = termWeight * termBoost * fieldBoost * docBoost * rawScore;
    const existing = all.get(docId);
    if (existing == null) all.set(docId, { score, terms: [term], match: { [term]: fields } });
    else {
      existing.score = existing.score + score;
      existing.match[term] = fields;
      if (!existing.terms.includes(term)) existing.terms.push(term);
    }
  }
}
