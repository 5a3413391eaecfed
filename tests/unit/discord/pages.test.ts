import { describe, expect, it } from 'vitest';
import type { ReplyPayload } from '../../../src/commands/types.js';
import { PAGE_TTL_MS, PageStore } from '../../../src/discord/pages.js';

const USER = '123456789012345678';
const OTHER = '223456789012345678';
const page = (n: number): ReplyPayload => ({ content: `page ${n}`, allowed_mentions: { parse: [] } });

describe('PageStore', () => {
  it('adds Previous / n of N / Next buttons with unique custom ids of at most 100 characters', () => {
    const store = new PageStore();
    const first = store.add(USER, { count: 3, page }, page(0));
    const buttons = first.components![0]!.components as {
      custom_id: string;
      disabled: boolean;
      label: string;
    }[];
    expect(buttons.map((b) => b.label)).toEqual(['◀ Previous', '1 / 3', 'Next ▶']);
    expect(buttons.map((b) => b.disabled)).toEqual([true, true, false]);
    expect(new Set(buttons.map((b) => b.custom_id)).size).toBe(3);
    for (const b of buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
  });

  it('turns pages for the asker only, and says when pages expired', () => {
    let now = 1_000_000;
    const store = new PageStore(() => now);
    const first = store.add(USER, { count: 3, page }, page(0));
    const next = (first.components![0]!.components[2] as { custom_id: string }).custom_id;
    const turned = store.open(next, USER);
    expect(turned).toMatchObject({ ok: true, reply: { content: 'page 1' } });
    expect(store.open(next, OTHER)).toMatchObject({ ok: false, reason: 'not-yours' });
    now += PAGE_TTL_MS + 1;
    expect(store.open(next, USER)).toMatchObject({ ok: false, reason: 'expired' });
    expect(store.open('page:nope:1:next', USER)).toMatchObject({ ok: false, reason: 'expired' });
    expect(store.open('something-else', USER)).toMatchObject({ ok: false, reason: 'not-a-page' });
  });
});
