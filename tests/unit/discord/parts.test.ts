import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS, COMMANDS } from '../../../src/commands/index.js';
import { withMention } from '../../../src/commands/reply.js';
import type { ReplyPayload } from '../../../src/commands/types.js';
import { sanitizeChoices } from '../../../src/discord/interactions.js';
import { PAGE_TTL_MS, PageStore } from '../../../src/discord/pages.js';
import { sameCommands } from '../../../src/discord/register.js';

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

describe('withMention', () => {
  it('prefixes the reply and allows exactly that user', () => {
    const r = withMention({ content: 'hello', allowed_mentions: { parse: [] } }, USER);
    expect(r.content).toBe(`<@${USER}> hello`);
    expect(r.allowed_mentions).toEqual({ parse: [], users: [USER] });
  });

  it('leaves ephemeral replies and malformed ids alone', () => {
    const hidden = { content: 'x', flags: 64, allowed_mentions: { parse: [] as [] } };
    expect(withMention(hidden, USER)).toBe(hidden);
    expect(
      withMention({ content: 'x', allowed_mentions: { parse: [] } }, '@everyone').allowed_mentions,
    ).toEqual({ parse: [] });
  });
});

describe('sanitizeChoices', () => {
  it('keeps at most 25 unique choices with names and values within 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      name: `${'long title '.repeat(20)}${i}`,
      value: `${'v'.repeat(150)}${i}`,
    }));
    const out = sanitizeChoices([...many, ...many]);
    expect(out.length).toBeLessThanOrEqual(25);
    for (const c of out) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(new Set(out.map((c) => c.value)).size).toBe(out.length);
  });
});

describe('sameCommands', () => {
  const wanted = ALL_COMMANDS.map((c) => c.definition);
  /** What Discord answers for registered commands: extra fields, defaults filled in, lists in its own order. */
  const echo = (d: (typeof wanted)[number], i: number) => ({
    ...d,
    id: `10000000000000000${i}`,
    application_id: '300000000000000000',
    version: '1',
    default_member_permissions:
      (d as { default_member_permissions?: string }).default_member_permissions ?? null,
    nsfw: false,
    description: (d as { description?: string }).description ?? '',
    dm_permission: true,
    integration_types: [...(d.integration_types ?? [])].reverse(),
    contexts: [...(d.contexts ?? [])].reverse(),
    description_localizations: null,
    options: ('options' in d ? (d.options ?? []) : []).map((o) => ({ ...o, name_localizations: null })),
  });

  it('sees what Discord echoes back (with its extra fields) as the same', () => {
    expect(sameCommands(wanted.map(echo).reverse(), wanted)).toBe(true);
  });

  it('sees commands registered before they said where they install as different, globally', () => {
    // Discord's answer for a command registered without the fields: guild install, contexts null
    const old = wanted.map((d, i) => ({ ...echo(d, i), integration_types: [0], contexts: null }));
    expect(sameCommands(old, wanted)).toBe(false);
    const oneChanged = wanted.map((d, i) =>
      d.name === 'reload' ? { ...echo(d, i), contexts: [0, 1, 2] } : echo(d, i),
    );
    expect(sameCommands(oneChanged, wanted)).toBe(false);
    // the fields apply to global commands only: a guild registration is not redone for them
    expect(sameCommands(old, wanted, false)).toBe(true);
  });

  it('reads missing fields as Discord documents their defaults', () => {
    const plain = [{ name: 'x', description: 'd', type: 1, options: [] }] as never;
    const explicit = [{ ...(plain as object[])[0], integration_types: [0], contexts: [2, 1, 0] }];
    expect(sameCommands(explicit, plain)).toBe(true);
  });

  it('sees a changed description, option or missing command as different', () => {
    const changed = wanted.map((d) => (d.name === 'news' ? { ...d, description: 'old text' } : d));
    expect(sameCommands(changed as never, wanted)).toBe(false);
    expect(sameCommands(wanted.slice(1) as never, wanted)).toBe(false);
  });
});

describe('command definitions', () => {
  it('say explicitly where each command installs and runs; /reload only in a server that added the bot', () => {
    for (const { definition } of ALL_COMMANDS) {
      expect(definition.integration_types, definition.name).toBeDefined();
      expect(definition.contexts, definition.name).toBeDefined();
      const serverOnly = definition.name === 'reload';
      expect(definition.integration_types, definition.name).toEqual(serverOnly ? [0] : [0, 1]);
      expect(definition.contexts, definition.name).toEqual(serverOnly ? [0] : [0, 1, 2]);
    }
  });

  it('stay within Discord limits', () => {
    for (const { definition } of COMMANDS) {
      expect(definition.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
      expect(definition.description.length).toBeLessThanOrEqual(100);
      for (const o of definition.options ?? []) {
        expect(o.name).toMatch(/^[-_\p{L}\p{N}]{1,32}$/u);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
    }
  });
});
