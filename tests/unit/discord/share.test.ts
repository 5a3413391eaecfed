import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/commands/limits.js';
import type { ReplyPayload } from '../../../src/commands/types.js';
import { PAGE_TTL_MS, PageStore } from '../../../src/discord/pages.js';
import { withinReach } from '../../../src/discord/reach.js';
import { sharedReply, withResultButtons } from '../../../src/discord/share.js';
import { MemoryAnswerStore } from '../../../src/discord/store.js';

const USER = '123456789012345678';
const OTHER = '223456789012345678';
const page = (n: number): ReplyPayload => ({
  content: `page ${n}`,
  flags: 64,
  allowed_mentions: { parse: [] },
});
type Button = { custom_id: string; label: string; disabled?: boolean };
const buttonsOf = (r: ReplyPayload) => (r.components ?? []).flatMap((row) => row.components) as Button[];

describe('Share in the page store', () => {
  it('adds a Share button to a private answer, beside the page buttons when there are pages', () => {
    const store = new PageStore();
    const single = store.add(USER, undefined, page(0), { shareable: true });
    expect(buttonsOf(single).map((b) => b.label)).toEqual(['Share']);
    const paged = store.add(USER, { count: 3, page }, page(0), { shareable: true });
    expect(buttonsOf(paged).map((b) => b.label)).toEqual(['◀ Previous', '1 / 3', 'Next ▶', 'Share']);
    for (const b of buttonsOf(paged)) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    // nothing to page or share: nothing stored
    const size = store.size;
    expect(store.add(USER, undefined, page(0))).toEqual(page(0));
    expect(store.size).toBe(size);
  });

  it('shares the page shown, once, for the asker only, until the answer expires', () => {
    let now = 1_000_000;
    const store = new PageStore(() => now);
    const first = store.add(USER, { count: 3, page }, page(0), { shareable: true });
    const next = buttonsOf(first)[2]!.custom_id;
    const second = store.open(next, USER);
    if (!second.ok) throw new Error('page turn refused');
    const share = buttonsOf(second.reply).find((b) => b.label === 'Share')!.custom_id;
    expect(store.share(share, OTHER)).toMatchObject({ ok: false, reason: 'not-yours' });
    const shared = store.share(share, USER);
    if (!shared.ok) throw new Error('share refused');
    expect(shared).toMatchObject({ ok: true, reply: { content: 'page 1' } });
    const after = (shared.buttons ?? []).flatMap((row) => row.components) as Button[];
    expect(after.at(-1)).toMatchObject({ label: 'Shared', disabled: true });
    // issue 17: a replayed press (the same button, an old one, another page's) posts nothing again
    expect(store.share(share, USER)).toMatchObject({ ok: false, reason: 'already-shared' });
    const firstShare = buttonsOf(first).find((b) => b.label === 'Share')!.custom_id;
    expect(store.share(firstShare, USER)).toMatchObject({ ok: false, reason: 'already-shared' });
    // once shared, every page's Share is done
    const back = store.open(buttonsOf(first)[2]!.custom_id.replace(':1:next', ':0:prev'), USER);
    if (!back.ok) throw new Error('page turn refused');
    expect(buttonsOf(back.reply).at(-1)).toMatchObject({ label: 'Share', disabled: true });
    now += PAGE_TTL_MS + 1;
    expect(store.share(share, USER)).toMatchObject({ ok: false, reason: 'expired' });
    expect(store.share('share:nope:0', USER)).toMatchObject({ ok: false, reason: 'expired' });
  });
});

describe('Read buttons with the page turns and Share', () => {
  // four full rows of Read link buttons: the most readButtons gives, leaving the fifth row free
  const readRows = Array.from({ length: LIMITS.rowsPerMessage - 1 }, (_, r) => ({
    type: 1 as const,
    components: Array.from({ length: LIMITS.buttonsPerRow }, (_, b) => ({
      type: 2 as const,
      style: 5 as const,
      url: `https://example.org/articles/${r}-${b}`,
      label: `Read: ${r}-${b}`,
    })),
  }));
  const readPage = (n: number): ReplyPayload => ({ ...page(n), components: readRows });

  it('keeps the Read rows and puts the page turns and Share in the fifth row, within five buttons', () => {
    const store = new PageStore();
    const first = store.add(USER, { count: 3, page: readPage }, readPage(0), { shareable: true });
    expect(first.components).toHaveLength(LIMITS.rowsPerMessage);
    for (const row of first.components!)
      expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    expect(first.components!.slice(0, -1)).toEqual(readRows);
    const last = first.components!.at(-1)!.components as Button[];
    expect(last.map((b) => b.label)).toEqual(['◀ Previous', '1 / 3', 'Next ▶', 'Share']);
    const turned = store.open(last[2]!.custom_id, USER);
    if (!turned.ok) throw new Error('page turn refused');
    expect(turned.reply.components).toHaveLength(LIMITS.rowsPerMessage);
    expect(turned.reply.components!.slice(0, -1)).toEqual(readRows);
  });

  it('shares the Read buttons for everyone and keeps them on the private answer', () => {
    const store = new PageStore();
    const first = store.add(USER, { count: 3, page: readPage }, readPage(0), { shareable: true });
    const share = buttonsOf(first).find((b) => b.label === 'Share')!.custom_id;
    const shared = store.share(share, USER);
    if (!shared.ok) throw new Error('share refused');
    expect(shared.buttons!.slice(0, -1)).toEqual(readRows);
    expect((shared.buttons!.at(-1)!.components as Button[]).at(-1)).toMatchObject({ label: 'Shared' });
    // for everyone: the link buttons (anyone may follow them), not the asker's page turns or Share
    expect(sharedReply(shared.reply, USER).components).toEqual(readRows);
  });
});

describe('sharedReply', () => {
  it('is public, names the asker without pinging, and has no buttons but links', () => {
    const privately: ReplyPayload = {
      content: '🔎 1 article',
      embeds: [{ title: 't' }],
      flags: 64,
      components: [{ type: 1, components: [] }],
      allowed_mentions: { parse: [] },
    };
    const shared = sharedReply(privately, USER);
    expect(shared).toEqual({
      content: `📣 Shared by <@${USER}>\n🔎 1 article`,
      embeds: [{ title: 't' }],
      allowed_mentions: { parse: [] },
    });
    expect(
      sharedReply({ ...privately, content: 'x'.repeat(2000) }, USER).content!.length,
    ).toBeLessThanOrEqual(2000);
  });
});

describe('withinReach', () => {
  it('makes a public reply private with the reason, and leaves it alone where it may be public', () => {
    const open: ReplyPayload = { content: 'answer', allowed_mentions: { parse: [], users: [USER] } };
    expect(withinReach(open, { public: true })).toBe(open);
    expect(withinReach(open, { public: false, why: 'apps may not post in this channel' })).toEqual({
      content: '🔒 Only you can see this: apps may not post in this channel.\nanswer',
      flags: 64,
      allowed_mentions: { parse: [] },
    });
  });

  it('offers Share only on a private answer with results that may be posted here', async () => {
    const store = new MemoryAnswerStore();
    const labels = (r: ReplyPayload) => buttonsOf(r).map((b) => b.label);
    const result = { reply: page(0), results: [{}] };
    expect(labels(await withResultButtons(store, USER, result, page(0), { public: true }))).toEqual([
      'Share',
    ]);
    expect(
      labels(await withResultButtons(store, USER, result, page(0), { public: false, why: 'x' })),
    ).toEqual([]);
    expect(
      labels(await withResultButtons(store, USER, { ...result, results: [] }, page(0), { public: true })),
    ).toEqual([]);
    const open = { ...page(0), flags: 0 };
    expect(labels(await withResultButtons(store, USER, result, open, { public: true }))).toEqual([]);
  });
});
