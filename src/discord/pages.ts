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
const SHARE_PREFIX = 'share';

interface PagedReply {
  userId: string;
  count: number;
  page: (n: number) => ReplyPayload;
  expiresAt: number;
  /** A private reply the asker may post for everyone: its pages get a Share button. */
  shareable: boolean;
  /** Pages already shared: their Share button is shown done. */
  shared: Set<number>;
}

export type PageLookup =
  | { ok: true; reply: ReplyPayload }
  | {
      ok: false;
      reason: 'expired' | 'not-yours' | 'not-a-page' | 'already-shared' | 'unavailable';
      message: string;
    };

/** What a Share press gives: the page to post and the private copy's buttons, or why not. */
export type ShareLookup =
  | { ok: true; reply: ReplyPayload; buttons: ReplyPayload['components'] }
  | (PageLookup & { ok: false });

/** The answer to a second Share press (a double press, an old button, another page): nothing is posted. */
export const ALREADY_SHARED = 'This answer has already been shared; it is not posted twice.';

/** A pressed page button's answer key and page, or null when the id is not a page button's. */
export function parsePageButton(customId: string): { key: string; n: number } | null {
  const m = /^page:([\w-]+):(\d+):(?:prev|next|info)$/.exec(customId);
  return m ? { key: m[1]!, n: Number(m[2]) } : null;
}

/** A pressed Share button's answer key and page, or null. */
export function parseShareButton(customId: string): { key: string; n: number } | null {
  const m = /^share:([\w-]+):(\d+)$/.exec(customId);
  return m ? { key: m[1]!, n: Number(m[2]) } : null;
}

/** A fresh answer key: 8 url-safe characters, far below Discord's 100 for a custom id. */
export function newAnswerKey(): string {
  return randomBytes(6).toString('base64url');
}

export const EXPIRED = 'These results have expired. Ask again to get fresh ones.';
export const NOT_A_BUTTON = 'That button is not one of mine.';
export function notYours(action: string): string {
  return `Only the person who asked can ${action}. Ask the same question to get your own.`;
}

/**
 * Paged and shareable replies by a short key. The key, not the query, goes into the buttons' custom
 * ids, which keeps them far below Discord's 100 characters whatever was asked.
 */
export class PageStore {
  private readonly entries = new Map<string, PagedReply>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Stores the pages (none: the reply is its only page) and returns the first page's reply with its
   * buttons: page turns when there are pages, Share when `shareable`. Nothing to store: the reply as it is.
   */
  add(
    userId: string,
    pages: { count: number; page: (n: number) => ReplyPayload } | undefined,
    first: ReplyPayload,
    options: { shareable?: boolean } = {},
  ): ReplyPayload {
    const shareable = options.shareable === true;
    if (!pages && !shareable) return first;
    this.evict();
    const key = newAnswerKey();
    const entry: PagedReply = {
      userId,
      count: pages?.count ?? 1,
      page: pages?.page ?? (() => first),
      expiresAt: this.now() + PAGE_TTL_MS,
      shareable,
      shared: new Set(),
    };
    this.entries.set(key, entry);
    return withButtons(first, key, 0, entry);
  }

  /** The reply for a pressed page button, or why it cannot be given. */
  open(customId: string, userId: string): PageLookup {
    const pressed = parsePageButton(customId);
    if (!pressed) return { ok: false, reason: 'not-a-page', message: NOT_A_BUTTON };
    const found = this.entry(pressed.key, userId, 'turn these pages');
    if (!found.ok) return found;
    const { entry } = found;
    const n = Math.min(Math.max(pressed.n, 0), entry.count - 1);
    return { ok: true, reply: withButtons(entry.page(n), pressed.key, n, entry) };
  }

  /**
   * For a pressed Share button: the page to post for everyone (without buttons), and the buttons the
   * private reply shows once it is shared. An answer is shared once: the first press claims it (a
   * check and a set in one synchronous step), and any later press, of any page, is refused.
   */
  share(customId: string, userId: string): ShareLookup {
    const pressed = parseShareButton(customId);
    if (!pressed) return { ok: false, reason: 'not-a-page', message: NOT_A_BUTTON };
    const found = this.entry(pressed.key, userId, 'share this answer');
    if (!found.ok) return found;
    const { entry } = found;
    const n = Math.min(Math.max(pressed.n, 0), entry.count - 1);
    if (!entry.shareable)
      return { ok: false, reason: 'not-a-page', message: 'This answer cannot be shared.' };
    if (entry.shared.size > 0) return { ok: false, reason: 'already-shared', message: ALREADY_SHARED };
    entry.shared.add(n);
    const page = entry.page(n);
    return { ok: true, reply: page, buttons: withButtons(page, pressed.key, n, entry).components };
  }

  private entry(
    key: string,
    userId: string,
    action: string,
  ): { ok: true; entry: PagedReply } | (PageLookup & { ok: false }) {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt < this.now()) {
      return { ok: false, reason: 'expired', message: EXPIRED };
    }
    if (entry.userId !== userId) {
      return { ok: false, reason: 'not-yours', message: notYours(action) };
    }
    return { ok: true, entry };
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

export function isShareButton(customId: string): boolean {
  return customId.startsWith(`${SHARE_PREFIX}:`);
}

/**
 * Page n with its buttons: the page's own rows (its Read link buttons) first, then a row of page
 * turns when there are pages and Share when it may be shared (at most four buttons). The answering
 * commands leave a row free for it (readButtons), so a message stays within Discord's five rows.
 */
export function withButtons(payload: ReplyPayload, key: string, n: number, entry: ButtonState): ReplyPayload {
  const own = (payload.components ?? []).slice(0, LIMITS.rowsPerMessage - 1);
  const row = buttons(key, n, entry);
  return { ...payload, components: row.components.length ? [...own, row] : own };
}

/** What the buttons of a stored answer show: how many pages, whether it may be shared, which page was. */
export interface ButtonState {
  count: number;
  shareable: boolean;
  shared: ReadonlySet<number>;
}

/** The buttons under page n: page turns when there are pages, then Share when it may be shared. */
function buttons(key: string, n: number, entry: ButtonState): APIActionRowComponent<APIButtonComponent> {
  const row = entry.count > 1 ? pageButtons(key, n, entry.count) : [];
  if (entry.shareable) {
    const done = entry.shared.size > 0;
    row.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      custom_id: `${SHARE_PREFIX}:${key}:${n}`,
      label: entry.shared.has(n) ? 'Shared' : 'Share',
      // an answer is shared once (a second press would post it twice): every page's Share is done
      disabled: done,
    });
  }
  return { type: ComponentType.ActionRow, components: row };
}

function pageButtons(key: string, n: number, count: number): APIButtonComponent[] {
  const button = (id: string, label: string, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: id,
    label,
    disabled,
  });
  return [
    // custom ids must differ within a message, so each names its role as well as its target page
    button(`${PREFIX}:${key}:${Math.max(n - 1, 0)}:prev`, '◀ Previous', n === 0),
    button(`${PREFIX}:${key}:${n}:info`, `${n + 1} / ${count}`, true),
    button(`${PREFIX}:${key}:${Math.min(n + 1, count - 1)}:next`, 'Next ▶', n >= count - 1),
  ];
}
