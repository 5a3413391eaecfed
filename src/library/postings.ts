// Compact postings for MiniSearch. MiniSearch keeps, for every term and field, a Map from document
// to term frequency: about 110 bytes per posting measured at 2,128 articles (heap after a full GC,
// 153 postings per article), which made the article index 16 of the 26 MB per 1,000 articles (issue
// 23). Here each of those Maps is a sorted list of (document, frequency) pairs in one array of
// numbers, a Uint32Array once it is long: 8 to 16 bytes a posting. It answers the part of Map's
// interface MiniSearch uses (get, set, has, delete, size, keys, entries, iteration), in the same
// order (documents are added in ascending order), so searches give exactly the same results.
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { TimeSlices } from '../time-slices.js';

/** Postings longer than this move from a plain array to a Uint32Array (half the bytes, a fixed cost per array). */
const TYPED_FROM = 16;

export class Postings {
  /** [doc0, freq0, doc1, freq1, ...], docs ascending; only the first 2 * size slots are used. */
  private data: number[] | Uint32Array = [];
  private count = 0;
  /** Where the last lookup or iteration was: MiniSearch reads keys() then get() of each in order. */
  private cursor = 0;

  get size(): number {
    return this.count;
  }

  /**
   * The pairs themselves, for a reader that walks them all (raw-search.ts scores a term's postings
   * in one loop): [doc0, freq0, doc1, freq1, ...] in the first 2 * size slots, documents ascending.
   * Read only: the array is this list's own.
   */
  get pairs(): ArrayLike<number> {
    return this.data;
  }

  private find(id: number): number {
    const data = this.data;
    const n = this.count;
    // while an index is built, documents come in ascending order: the last one, or a new one
    if (n === 0 || id > data[2 * n - 2]!) return -(n + 1);
    if (id === data[2 * n - 2]) return n - 1;
    const c = this.cursor;
    if (c < this.count && data[2 * c] === id) return c;
    if (c + 1 < this.count && data[2 * c + 2] === id) return c + 1;
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = data[2 * mid]!;
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -(lo + 1);
  }

  get(id: number): number | undefined {
    const i = this.find(id);
    if (i < 0) return undefined;
    this.cursor = i;
    return this.data[2 * i + 1];
  }

  has(id: number): boolean {
    return this.find(id) >= 0;
  }

  set(id: number, freq: number): this {
    const n = this.count;
    if (n > 0 && this.data[2 * n - 2] === id) {
      this.data[2 * n - 1] = freq;
      return this;
    }
    const at = n === 0 || this.data[2 * n - 2]! < id ? n : this.find(id);
    if (at >= 0 && at < n) {
      this.data[2 * at + 1] = freq;
      return this;
    }
    const slot = at >= 0 ? at : -at - 1;
    this.grow(n + 1);
    const data = this.data;
    if (slot < n) {
      if (Array.isArray(data)) data.push(0, 0); // room for the pair moved up
      data.copyWithin(2 * slot + 2, 2 * slot, 2 * n);
    }
    data[2 * slot] = id;
    data[2 * slot + 1] = freq;
    this.count = n + 1;
    return this;
  }

  /**
   * Adds `freq` to the document's frequency: set(id, (get(id) ?? 0) + freq) in one step, and
   * without a search when the document is the last one or a new last one (every document while an
   * index is built).
   */
  add(id: number, freq: number): this {
    const n = this.count;
    const data = this.data;
    if (n > 0 && data[2 * n - 2] === id) {
      data[2 * n - 1] = data[2 * n - 1]! + freq;
      return this;
    }
    if (n > 0 && data[2 * n - 2]! > id) return this.set(id, (this.get(id) ?? 0) + freq);
    this.grow(n + 1);
    this.data[2 * n] = id;
    this.data[2 * n + 1] = freq;
    this.count = n + 1;
    return this;
  }

  delete(id: number): boolean {
    const i = this.find(id);
    if (i < 0) return false;
    this.data.copyWithin(2 * i, 2 * i + 2, 2 * this.count);
    this.count--;
    if (Array.isArray(this.data)) this.data.length = 2 * this.count;
    this.cursor = 0;
    return true;
  }

  private grow(n: number): void {
    const data = this.data;
    if (Array.isArray(data)) {
      if (n <= TYPED_FROM) return; // a plain array grows by itself
      const typed = new Uint32Array(4 * n);
      typed.set(data);
      this.data = typed;
    } else if (2 * n > data.length) {
      const typed = new Uint32Array(Math.max(4 * n, 2 * data.length));
      typed.set(data.subarray(0, 2 * this.count));
      this.data = typed;
    }
  }

  /** Drops the spare room growth left: once the index is built. */
  trim(): void {
    if (this.data.length > 2 * this.count || Array.isArray(this.data))
      this.data = this.data.slice(0, 2 * this.count);
  }

  *keys(): IterableIterator<number> {
    for (let i = 0; i < this.count; i++) {
      this.cursor = i;
      yield this.data[2 * i]!;
    }
  }

  *values(): IterableIterator<number> {
    for (let i = 0; i < this.count; i++) yield this.data[2 * i + 1]!;
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.count; i++) yield [this.data[2 * i]!, this.data[2 * i + 1]!];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  forEach(fn: (freq: number, id: number, postings: this) => void): void {
    for (let i = 0; i < this.count; i++) fn(this.data[2 * i + 1]!, this.data[2 * i]!, this);
  }

  /** As saved in the warm cache: [doc0, freq0, doc1, freq1, ...], documents ascending. */
  toSaved(): number[] {
    return Array.from(this.data.slice(0, 2 * this.count));
  }

  /**
   * From a saved list (toSaved), checked as it is read: pairs, every document a whole number below
   * `nextId`, in ascending order, every frequency a whole number; it throws otherwise (a warm-cache
   * entry that does not check out).
   */
  static fromSaved(saved: unknown, nextId: number): Postings {
    if (!Array.isArray(saved) || saved.length % 2 !== 0)
      throw new Error('the cache has a broken index entry');
    let last = -1;
    for (let i = 0; i < saved.length; i += 2) {
      const id = saved[i] as unknown;
      const freq = saved[i + 1] as unknown;
      if (
        !(Number.isInteger(id) && (id as number) > last && (id as number) < nextId) ||
        !Number.isInteger(freq)
      )
        throw new Error('the cache has a broken index entry');
      last = id as number;
    }
    const postings = new Postings();
    postings.data = saved.length > 2 * TYPED_FROM ? Uint32Array.from(saved as number[]) : (saved as number[]);
    postings.count = saved.length / 2;
    return postings;
  }
}

/** What this module reaches inside MiniSearch 7 (pinned by package.json's ^7). */
interface Internals {
  _index: Iterable<[string, Map<number, Postings>]> & {
    fetch(term: string, make: () => Map<number, Postings>): Map<number, Postings>;
    set(term: string, data: Map<number, Postings>): void;
    values(): IterableIterator<Map<number, Postings>>;
  };
  addTerm(fieldId: number, documentId: number, term: string): void;
  addDocumentId(documentId: unknown): number;
  addFieldLength(documentId: number, fieldId: number, count: number, length: number): void;
  _idToShortId: Map<unknown, number>;
  _documentCount: number;
}

/** One field of a document as MiniSearch's add reads it: its distinct tokens, and each term's occurrences in first-occurrence order. */
export interface CountedField {
  fieldId: number;
  uniqueTokens: number;
  terms: Map<string, number>;
}

/** Each compact index's step that puts one document's counted terms into the tree (see withCompactPostings). */
const counters = new WeakMap<
  object,
  (documentId: number, counts: Map<number, Map<string, number>>) => void
>();

/**
 * Adds a document whose fields were analysed already (library/analysed.ts): what MiniSearch's add
 * does (its id, each field's length, each term's postings), in the same order, without tokenizing
 * or processing a word. `index` must be made by withCompactPostings.
 */
export function addCounted<T>(index: MiniSearch<T>, id: unknown, fields: readonly CountedField[]): void {
  const inner = index as unknown as Internals;
  const count = counters.get(index);
  if (!count) throw new Error('addCounted needs an index made by withCompactPostings');
  if (inner._idToShortId.has(id)) throw new Error(`MiniSearch: duplicate ID ${String(id)}`);
  const shortId = inner.addDocumentId(id);
  const counts = new Map<number, Map<string, number>>();
  for (const field of fields) {
    inner.addFieldLength(shortId, field.fieldId, inner._documentCount - 1, field.uniqueTokens);
    if (field.terms.size) counts.set(field.fieldId, field.terms);
  }
  count(shortId, counts);
}

const newFieldMap = () => new Map<number, Postings>();

/** What a building index keeps of one term: its field map in the tree, and the last document counted in its document frequency. */
interface BuildingTerm {
  fields: Map<number, Postings>;
  /** Its document frequency so far (what the index's `documentFrequency` map holds for it). */
  documents: number;
  lastDocument: number;
}

/**
 * While an index is built, each term's field map by the term: a hash lookup instead of a walk
 * down the radix tree (whose nodes are searched key by key) for every term of every document;
 * the same lookup counts the term's document frequency. Dropped by trimPostings once the index is
 * built; only terms are ever added to a building index.
 */
const buildingTerms = new WeakMap<object, Map<string, BuildingTerm>>();

/**
 * Makes `index` keep its postings compact from the first document on. Returns the index.
 *
 * MiniSearch adds a document's terms one occurrence at a time, each a walk down its radix tree
 * (about a third of a cold start's indexing in a CPU profile at 21,280 articles). Here the terms
 * of the document being added are counted first, per field, and each distinct term then reaches
 * the tree once, with its count: fields in the order MiniSearch read them and terms in the order
 * of their first occurrence, so the tree gets its terms, and each term its fields, in the same
 * order as one occurrence at a time gives, and the index is the same.
 *
 * With `documentFrequency`, each term's count of documents is kept there as documents are added
 * (once per document, in the order the document's terms first reach the tree: the order in
 * which MiniSearch's processTerm meets them), in the same lookup that finds the term's postings.
 */
export function withCompactPostings<T>(
  index: MiniSearch<T>,
  documentFrequency?: Map<string, number>,
): MiniSearch<T> {
  const inner = index as unknown as Internals & { add(document: T): void };
  /** The document being added: fieldId -> term -> occurrences, in first-occurrence order. */
  const counts = new Map<number, Map<string, number>>();
  let documentOfCounts = -1;
  inner.addTerm = function addTerm(fieldId, documentId, term) {
    documentOfCounts = documentId;
    let terms = counts.get(fieldId);
    if (!terms) {
      terms = new Map();
      counts.set(fieldId, terms);
    }
    terms.set(term, (terms.get(term) ?? 0) + 1);
  };
  const df = documentFrequency;
  const countInto = (documentId: number, fieldCounts: Map<number, Map<string, number>>) => {
    let terms = buildingTerms.get(index);
    if (!terms) {
      terms = new Map();
      buildingTerms.set(index, terms);
    }
    for (const [fieldId, termCounts] of fieldCounts)
      for (const [term, n] of termCounts) {
        let building = terms.get(term);
        if (!building) {
          const fields = inner._index.fetch(term, newFieldMap);
          building = { fields, documents: df?.get(term) ?? 0, lastDocument: -1 };
          terms.set(term, building);
        }
        if (df && building.lastDocument !== documentId) {
          building.lastDocument = documentId;
          df.set(term, ++building.documents);
        }
        let postings = building.fields.get(fieldId);
        if (!postings) {
          postings = new Postings();
          building.fields.set(fieldId, postings);
        }
        postings.add(documentId, n);
      }
  };
  counters.set(index, countInto);
  const addOne = inner.add;
  inner.add = function add(document: T) {
    try {
      addOne.call(this, document);
    } finally {
      countInto(documentOfCounts, counts);
      counts.clear();
    }
  };
  return index;
}

/**
 * Terms trimmed between two looks at the time slice: a few hundred microseconds of trimming (the
 * whole trim of 21,280 BBC articles' index, about 150,000 terms, took 80-180 ms in one go on the
 * 2-core machine, so 1,000 terms are about a millisecond at most). Chosen from that figure, not swept.
 */
const TERMS_PER_SLICE_CHECK = 1000;

/**
 * Trims every posting list once the index is built (growth leaves up to half spare), in `slices`:
 * in one go it was the longest task of a reload, 126-171 ms of the event loop at 21,280 articles
 * (docs/performance.md, "The trim of the postings"), and it grows with the library.
 */
export async function trimPostings<T>(index: MiniSearch<T>, slices = new TimeSlices()): Promise<void> {
  buildingTerms.delete(index);
  let terms = 0;
  for (const fields of (index as unknown as Internals)._index.values()) {
    for (const postings of fields.values()) postings.trim();
    if (++terms % TERMS_PER_SLICE_CHECK === 0 && slices.due) await slices.next();
  }
}

/** An index entry as the warm cache keeps it: [term, {fieldId: Postings.toSaved()}]. */
export type SavedEntry = [string, Record<string, number[]>];

/** An index as the warm cache keeps it: MiniSearch's toJSON, with each posting list as Postings.toSaved gives it. */
export type SavedCompactIndex = Omit<AsPlainObject, 'index'> & { index: SavedEntry[] };

/**
 * The index for the warm cache: MiniSearch's own data, but each posting list a flat list of
 * numbers rather than an object keyed by document (which MiniSearch's toJSON makes and a warm
 * start had to turn back, key by key: most of its time at 21,280 articles).
 */
export function savedIndexOf<T>(index: MiniSearch<T>): SavedCompactIndex {
  const inner = index as unknown as { _index: Internals['_index'] | never[] };
  const tree = inner._index as Internals['_index'];
  // MiniSearch's toJSON without its entries: everything but the tree, which is saved below
  inner._index = [];
  let meta: AsPlainObject;
  try {
    meta = index.toJSON();
  } finally {
    inner._index = tree;
  }
  const entries: SavedEntry[] = [];
  for (const [term, fields] of tree) {
    const data: Record<string, number[]> = {};
    for (const [fieldId, postings] of fields) data[fieldId] = postings.toSaved();
    entries.push([term, data]);
  }
  return { ...meta, index: entries };
}

/**
 * MiniSearch.loadJS with compact postings, from savedIndexOf's form: the saved entries become
 * Postings one at a time, so the index never exists as Maps (or twice) while it loads.
 */
export function loadCompact<T>(
  saved: Omit<AsPlainObject, 'index'> & { index: Iterable<SavedEntry> },
  options: Options<T>,
): MiniSearch<T> {
  const index = withCompactPostings(MiniSearch.loadJS<T>({ ...saved, index: [] } as AsPlainObject, options));
  const inner = index as unknown as Internals;
  for (const [term, data] of saved.index) {
    const fields = new Map<number, Postings>();
    for (const fieldId of Object.keys(data))
      fields.set(Number.parseInt(fieldId, 10), Postings.fromSaved(data[fieldId], saved.nextId));
    inner._index.set(term, fields);
  }
  return index;
}
