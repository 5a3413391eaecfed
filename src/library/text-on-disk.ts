// Articles whose text stays in the warm cache's record parts (issue 23). The main thread and each
// search worker hold their own copy of the snapshot; most of a copy is the articles' text (the
// paragraphs, the summary, the quotations' words: 75 of 152 MB of heap at 21,280 articles), and a
// reply, a page or a search reads the text of a few dozen articles (the re-ranked candidates, the
// quotations shown, the results rendered). A thread whose snapshot is in the cache (restored from
// it, or saved to it: LiveLibrary.setTextAside) keeps each article's place in its part instead,
// with the part open, and reads the article's line back when its text is asked for: the bytes it
// read at the load (checked against the part's digest), since parts are never written in place (a
// save writes new parts under new names, and an open part stays readable after a save removes it);
// each line read back is checked again. Everything else (ids, titles, dates, speakers, counts)
// stays in memory, so a restore, the indexes and the speaker counts never read the text.
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { invalidRecordReason } from '../articles/record-shape.js';
import type { Article, Quote } from '../articles/types.js';

/**
 * Articles whose text a thread keeps decoded, the most recently read: more than one search reads
 * (RANKING.rerankDepth + a reply's results + the date window's, about 45 for /news; a quotation
 * search's candidates), so a search never reads one article twice, and small beside a copy
 * (256 articles of a few KB each).
 */
export const RECENT_TEXTS = 256;

/** An article's line in a record part this thread holds open. */
interface Place {
  shelf: TextShelf;
  fd: number;
  start: number;
  length: number;
}

const PLACE = Symbol('the article line in its cache part');
const OWNER = Symbol('the article of a quotation whose words are on disk');

type Aside = Article & { [PLACE]: Place };
type AsideQuote = Quote & { [OWNER]: Aside };

/** The article or quotation a record line no longer matches: the cache part changed under the thread. */
const CHANGED =
  "an article's text in the cache changed after it was read; restart the bot to read the cache again";

/** The article as its record part holds it, from the recent ones or read back from the part. */
function stored(article: Aside): Article {
  const place = article[PLACE];
  return place.shelf.read(article, place);
}

function paragraphsOnDisk(this: Aside): string[] {
  return stored(this).paragraphs;
}

function summaryOnDisk(this: Aside): string {
  return stored(this).summary;
}

function quoteTextOnDisk(this: AsideQuote): string {
  const owner = this[OWNER];
  const text = stored(owner).quotes[owner.quotes.indexOf(this)]?.text;
  if (text === undefined) throw new Error(CHANGED);
  return text;
}

/** `value` with `key` read by `get` in its place (so the keys keep their order for JSON and clones). */
function withAccessor<T extends object>(value: T, accessors: Record<string, () => unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const get = accessors[key];
    if (get) Object.defineProperty(out, key, { get, enumerable: true, configurable: true });
    else out[key] = (value as Record<string, unknown>)[key];
  }
  return out as T;
}

/** Whether an article's text is on disk (setAside): its text is read back, never assigned. */
export function isTextOnDisk(article: Article): boolean {
  return PLACE in article;
}

/**
 * `article` with its text in memory: a plain copy of one whose text is on disk (the same fields,
 * read back), else `article` itself. A build indexes every article's text, and the snapshot it
 * makes must not keep the old parts open (a save removes them).
 */
export function inMemory(article: Article): Article {
  if (!isTextOnDisk(article)) return article;
  // a spread reads each accessor: the copy holds the values, not the accessors
  return { ...article, quotes: article.quotes.map((quote) => ({ ...quote })) };
}

/** Closes the parts of a shelf no article refers to any more (Node warns of a handle closed by the collector). */
const closeWhenDropped = new FinalizationRegistry<FileHandle[]>((handles) => {
  for (const handle of handles) void handle.close().catch(() => {});
});

/**
 * The open record parts of one load and the articles read back from them. The parts stay open as
 * long as an article set aside refers to the shelf: a worker's snapshot lives until the worker
 * ends, and ending the thread closes them.
 */
export class TextShelf {
  private readonly handles: FileHandle[] = [];
  private readonly recent = new Map<Aside, Article>();
  /** The bytes of the lines set aside: what this thread would hold more with the text in memory. */
  asideBytes = 0;

  /**
   * @param keepsAnalyses keep the parts' index analyses (cache.ts) for a build that may follow: a
   *   start whose files changed since the save builds from the records (the main thread). A search
   *   worker never builds from them: it drops them as it reads, which leaves less for its heap to
   *   give back once loaded (RSS once loaded at 21,280 articles: 237-245 MB against 278-291 MB).
   */
  constructor(readonly keepsAnalyses: boolean) {
    closeWhenDropped.register(this, this.handles, this);
  }

  /** Keeps `handle` open for setAside's places in it. */
  keep(handle: FileHandle): number {
    this.handles.push(handle);
    return handle.fd;
  }

  /**
   * An article like `article` (the same keys in the same order, equal values) whose paragraphs,
   * summary and quotations' words are read from its line (`start`, `length` bytes) of the part
   * open as `fd` when asked for. `article` itself is left as it is, to be dropped.
   */
  setAside(article: Article, fd: number, start: number, length: number): Article {
    const aside = withAccessor(article, { paragraphs: paragraphsOnDisk, summary: summaryOnDisk }) as Aside;
    aside.quotes = article.quotes.map((quote) => {
      const q = withAccessor(quote, { text: quoteTextOnDisk }) as AsideQuote;
      Object.defineProperty(q, OWNER, { value: aside });
      return q;
    });
    // not enumerable: a copy made with a spread is a plain article, with its text
    Object.defineProperty(aside, PLACE, { value: { shelf: this, fd, start, length } });
    this.asideBytes += length;
    return aside;
  }

  /** The last article read (a search reads one article's paragraphs one by one, each through its accessor). */
  private last: { article: Aside; full: Article } | null = null;

  /** The article at `place`, parsed from its line: the recent copy when there is one. */
  read(article: Aside, place: Place): Article {
    if (this.last?.article === article) return this.last.full;
    const full = this.readRecent(article, place);
    this.last = { article, full };
    return full;
  }

  private readRecent(article: Aside, place: Place): Article {
    const known = this.recent.get(article);
    if (known) {
      // most recently used last: Map keeps insertion order, so the first key is the oldest
      this.recent.delete(article);
      this.recent.set(article, known);
      return known;
    }
    const bytes = Buffer.allocUnsafe(place.length);
    for (let filled = 0; filled < place.length; ) {
      const n = readSync(place.fd, bytes, filled, place.length - filled, place.start + filled);
      if (n === 0) throw new Error(CHANGED);
      filled += n;
    }
    let line: { r?: { article?: Article | null } };
    try {
      line = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new Error(CHANGED);
    }
    const full = line.r?.article;
    if (
      invalidRecordReason(line.r) !== null ||
      !full ||
      full.id !== article.id ||
      full.file !== article.file ||
      full.quotes?.length !== article.quotes.length
    )
      throw new Error(CHANGED);
    this.recent.set(article, full);
    if (this.recent.size > RECENT_TEXTS) this.recent.delete(this.recent.keys().next().value!);
    return full;
  }

  /** Closes the parts (tests; a worker's end closes them with its thread). */
  async close(): Promise<void> {
    closeWhenDropped.unregister(this);
    this.recent.clear();
    this.last = null;
    await Promise.all(this.handles.splice(0).map((h) => h.close().catch(() => {})));
  }
}
