import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/dispatch.js';
import { EXAMPLES } from '../../src/commands/help.js';
import { COMMANDS, findCommand } from '../../src/commands/index.js';
import { parseCommandLine } from '../../src/commands/options.js';
import { LiveLibrary } from '../../src/library/live.js';

const seeds = fileURLToPath(new URL('../../seeds', import.meta.url));

/** A context on the project seed, as the console gives one. */
async function seedContext(isAdmin: boolean) {
  const live = await LiveLibrary.open({ seedsDir: seeds, maxArticleBytes: 1 << 20 });
  return {
    library: live.current,
    who: { userId: '123456789012345678', username: 'u', isAdmin },
    articleBaseUrl: null,
    commands: COMMANDS,
    reload: () => live.reload(),
  };
}

describe('/help examples', () => {
  it('every example shown in /help answers with results on the project seed', async () => {
    const context = await seedContext(true);
    const lines = Object.values(EXAMPLES).flat();
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const parsed = parseCommandLine(
        line,
        COMMANDS.map((c) => c.definition),
      );
      if (!parsed || 'error' in parsed) throw new Error(`example does not parse: ${line}`);
      const { reply, results } = await runCommand(findCommand(parsed.name)!, parsed.raw, context);
      expect(reply.content ?? '', line).not.toMatch(/⚠️/);
      if (parsed.name !== 'reload') expect(results?.length ?? 0, line).toBeGreaterThan(0);
      else expect(reply.embeds?.[0]?.title, line).toMatch(/^Reloaded: 1 → 1 articles$/);
    }
  });

  it('says where the web pages are while they are served, and nothing about them otherwise', async () => {
    const context = await seedContext(false);
    const help = findCommand('help')!;
    const served = await runCommand(help, {}, { ...context, publicUrl: 'http://localhost:8080' });
    expect(served.reply.embeds?.[0]?.description).toContain('on the web: http://localhost:8080/');
    const off = await runCommand(help, {}, context);
    expect(off.reply.embeds?.[0]?.description).not.toContain('on the web');
  });
});
