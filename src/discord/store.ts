import type { ReplyPayload } from '../commands/types.js';
import { type PageLookup, PageStore, type ShareLookup } from './pages.js';

/** The pages of a paged answer: how many, and page n (0-based) built from the same results. */
export interface Pages {
  count: number;
  page: (n: number) => ReplyPayload;
}

/**
 * Where paged answers and Share entries are kept between the answer and a button press. In this
 * process (MemoryAnswerStore, one replica), or in Redis (RedisAnswerStore), where a press that
 * reaches another replica, or comes after a restart, finds them.
 */
export interface AnswerStore {
  /** 'memory' or 'redis', for /readyz and the logs. */
  readonly kind: 'memory' | 'redis';
  /**
   * Keeps the pages (none: the reply is its only page) and gives the first page with its buttons:
   * page turns when there are pages, Share when `shareable`. When the store cannot keep them, the
   * reply comes without those buttons, saying so.
   */
  add(
    userId: string,
    pages: Pages | undefined,
    first: ReplyPayload,
    options?: { shareable?: boolean },
  ): Promise<ReplyPayload>;
  /** The page for a pressed page button, or why it cannot be given. */
  open(customId: string, userId: string): Promise<PageLookup>;
  /** The page to post for a pressed Share button, claimed at most once per answer across replicas. */
  share(customId: string, userId: string): Promise<ShareLookup>;
  /** Whether the store answers now (always, in memory). */
  available(): boolean;
  close(): Promise<void>;
}

/** One process: the pages live in its memory, as PageStore keeps them. */
export class MemoryAnswerStore implements AnswerStore {
  readonly kind = 'memory' as const;

  constructor(readonly pages: PageStore = new PageStore()) {}

  async add(
    userId: string,
    pages: Pages | undefined,
    first: ReplyPayload,
    options: { shareable?: boolean } = {},
  ) {
    return this.pages.add(userId, pages, first, options);
  }

  async open(customId: string, userId: string) {
    return this.pages.open(customId, userId);
  }

  async share(customId: string, userId: string) {
    return this.pages.share(customId, userId);
  }

  available(): boolean {
    return true;
  }

  async close(): Promise<void> {}
}
