import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/commands/dispatch.js';
import { EXAMPLES } from '../../src/commands/help.js';
import { COMMANDS, findCommand } from '../../src/commands/index.js';
import { parseCommandLine } from '../../src/commands/options.js';
import { LiveLibrary } from '../../src/library/live.js';

const seeds = fileURLToPath(new URL('../../seeds', import.meta.url));

describe('/help examples', () => {
  it('every example shown in /help answers with results on the project seed', async () => {
    const live = await LiveLibrary.open({ seedsDir: seeds, maxArticleBytes: 1 << 20 });
    const context = {
      library: live.current,
      who: { userId: '123456789012345678', username: 'u', isAdmin: true },
      articleBaseUrl: null,
      now: new Date('2026-06-01T12:00:00Z'),
      commands: COMMANDS,
      reload: () => live.reload(),
    };
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
});
