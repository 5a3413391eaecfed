import { randomBytes } from 'node:crypto';
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { LIMITS } from '../commands/limits.js';
import type { ReplyPayload } from '../commands/types.js';

/** Pages are kept this long after the question; older buttons say the results expired. */
export const PAGE_TTL_MS = 15 * 60 * 1000;
/** Enough for a busy server; the oldest pages go first. */
export const MAX_PAGED_REPLIES = 2000;

const PREFIX = 'page';

interface PagedReply {
  userId: string;
  count: number;
  page: (n: number) => ReplyPayload;
  expiresAt: number;
}

export type PageLookup =
  | { ok: true; reply: ReplyPayload }
  | { ok: false; reason: 'expired' | 'not-yours' | 'not-a-page'; message: string };

/**
 * Paged replies by a short key. The key, not the query, goes into the buttons' custom ids, which
 * keeps them far below Discord's 100 characters whatever was asked.
 */
export class PageStore {
  private readonly entries = new Map<string, PagedReply>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Stores the pages and returns the first page's reply with its buttons. */
  add(
    userId: string,
    pages: { count: number; page: (n: number) => ReplyPayload },
    first: ReplyPayload,
  ): ReplyPayload {
    this.evict();
    const key = randomBytes(6).toString('base64url');
    this.entries.set(key, {
      userId,
      count: pages.count,
      page: pages.page,
      expiresAt: this.now() + PAGE_TTL_MS,
    });
    return withPageButtons(first, key, 0, pages.count);
  }

  /** The reply for a pressed button, or why it cannot be given. */
  open(customId: string, userId: string): PageLookup {
    const m = /^page:([\w-]+):(\d+):(?:prev|next|info)$/.exec(customId);
    if (!m) return { ok: false, reason: 'not-a-page', message: 'That button is not one of mine.' };
    const entry = this.entries.get(m[1]!);
    if (!entry || entry.expiresAt < this.now()) {
      return {
        ok: false,
        reason: 'expired',
        message: 'These results have expired. Ask again to get fresh ones.',
      };
    }
    if (entry.userId !== userId) {
      return {
        ok: false,
        reason: 'not-yours',
        message: 'Only the person who asked can turn these pages. Ask the same question to get your own.',
      };
    }
    const n = Math.min(Math.max(Number(m[2]), 0), entry.count - 1);
    return { ok: true, reply: withPageButtons(entry.page(n), m[1]!, n, entry.count) };
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt < now) this.entries.delete(key);
    while (this.entries.size >= MAX_PAGED_REPLIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

export function isPageButton(customId: string): boolean {
  return customId.startsWith(`${PREFIX}:`);
}

/**
 * The page's own rows (its Read link buttons) with the paging row last. The answering commands
 * leave a row free for it (readButtons), so a message stays within Discord's five rows.
 */
function withPageButtons(payload: ReplyPayload, key: string, n: number, count: number): ReplyPayload {
  const own = (payload.components ?? []).slice(0, LIMITS.rowsPerMessage - 1);
  return { ...payload, components: [...own, pageButtons(key, n, count)] };
}

function pageButtons(key: string, n: number, count: number): APIActionRowComponent<APIButtonComponent> {
  const button = (id: string, label: string, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: id,
    label,
    disabled,
  });
  return {
    type: ComponentType.ActionRow,
    components: [
      // custom ids must differ within a message, so each names its role as well as its target page
      button(`${PREFIX}:${key}:${Math.max(n - 1, 0)}:prev`, '◀ Previous', n === 0),
      button(`${PREFIX}:${key}:${n}:info`, `${n + 1} / ${count}`, true),
      button(`${PREFIX}:${key}:${Math.min(n + 1, count - 1)}:next`, 'Next ▶', n >= count - 1),
    ],
  };
}
