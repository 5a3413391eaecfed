import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS, COMMANDS } from '../../../src/commands/index.js';
import { sameCommands } from '../../../src/discord/register.js';

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
