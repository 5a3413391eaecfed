import { type LoadResult, loadFolder } from '../articles/load.js';
import type { Article } from '../articles/types.js';
import type { ReloadReport } from '../commands/types.js';
import { Library } from './library.js';

export interface LiveLibraryOptions {
  seedsDir: string;
  maxArticleBytes: number;
  /** Builds a snapshot from a folder; swappable so a reload can run off the main thread. */
  build?: (seedsDir: string, maxBytes: number) => Promise<Library>;
}

export async function buildLibrary(seedsDir: string, maxBytes: number): Promise<Library> {
  const loaded: LoadResult = await loadFolder(seedsDir, { maxBytes });
  return new Library(loaded.articles, loaded.problems);
}

/** Everything a reader can see of an article, to tell "changed" from "unchanged" across reloads. */
function fingerprint(a: Article): string {
  return JSON.stringify([
    a.title,
    a.date,
    a.url,
    a.author,
    a.tags,
    a.standfirst,
    a.headings,
    a.paragraphs,
    a.links,
  ]);
}

/**
 * The one piece of state behind every reply: the current snapshot. A reload builds a new snapshot
 * while queries keep using the old one, then swaps it in one assignment. A reload that finds no
 * loadable article, or cannot read the folder, keeps the old snapshot. One reload at a time.
 */
export class LiveLibrary {
  private snapshot: Library;
  private reloading: Promise<ReloadReport> | null = null;

  constructor(
    initial: Library,
    private readonly options: LiveLibraryOptions,
  ) {
    this.snapshot = initial;
  }

  static async open(options: LiveLibraryOptions): Promise<LiveLibrary> {
    const build = options.build ?? buildLibrary;
    return new LiveLibrary(await build(options.seedsDir, options.maxArticleBytes), options);
  }

  get current(): Library {
    return this.snapshot;
  }

  get isReloading(): boolean {
    return this.reloading !== null;
  }

  /** Reloads the folder; a second call while one runs gets null (the caller says "wait"). */
  reload(): Promise<ReloadReport> | null {
    if (this.reloading) return null;
    this.reloading = this.runReload().finally(() => {
      this.reloading = null;
    });
    return this.reloading;
  }

  private async runReload(): Promise<ReloadReport> {
    const started = performance.now();
    const old = this.snapshot;
    const build = this.options.build ?? buildLibrary;
    const base = { before: old.size, added: [], changed: [], removed: [] };
    let next: Library;
    try {
      next = await build(this.options.seedsDir, this.options.maxArticleBytes);
    } catch (error) {
      return {
        ...base,
        ok: false,
        after: old.size,
        error: `${error instanceof Error ? error.message : String(error)}; kept the ${old.size} articles already loaded`,
        problems: [],
        seconds: (performance.now() - started) / 1000,
      };
    }
    const problems = next.problems.map(({ file, reason }) => ({ file, reason }));
    if (next.size === 0) {
      return {
        ...base,
        ok: false,
        after: old.size,
        error: `no article could be loaded from ${this.options.seedsDir}; kept the ${old.size} articles already loaded`,
        problems,
        seconds: (performance.now() - started) / 1000,
      };
    }
    const added: string[] = [];
    const changed: string[] = [];
    for (const article of next.articles) {
      const before = old.get(article.id);
      if (!before) added.push(article.id);
      else if (fingerprint(before) !== fingerprint(article)) changed.push(article.id);
    }
    const removed = old.articles.filter((a) => !next.get(a.id)).map((a) => a.id);
    this.snapshot = next;
    return {
      ok: true,
      before: old.size,
      after: next.size,
      added,
      changed,
      removed,
      problems,
      seconds: (performance.now() - started) / 1000,
    };
  }
}
