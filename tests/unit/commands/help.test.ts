import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCommand, runMessageCommand } from '../../../src/commands/dispatch.js';
import { help } from '../../../src/commands/help.js';
import { ALL_COMMANDS, COMMANDS, findCommand } from '../../../src/commands/index.js';
import { parseCommandLine } from '../../../src/commands/options.js';
import { type CommandContext, isMessageCommand } from '../../../src/commands/types.js';
import { LiveLibrary } from '../../../src/library/live.js';

const seeds = fileURLToPath(new URL('../../../seeds', import.meta.url));

/** Commands run on the project's seed article, as an admin or not. */
async function seedContext(isAdmin: boolean): Promise<CommandContext> {
  const live = await LiveLibrary.open({ seedsDir: seeds, maxArticleBytes: 1 << 20 });
  return {
    library: live.current,
    who: { userId: '123456789012345678', username: 'u', isAdmin },
    articleBaseUrl: null,
    now: new Date('2026-06-01T12:00:00Z'),
    commands: ALL_COMMANDS,
    reload: () => live.reload(),
  };
}

describe('/help examples', () => {
  it('every example shown in /help answers with results on the project seed', async () => {
    const context = await seedContext(true);
    let count = 0;
    for (const command of ALL_COMMANDS) {
      for (const line of command.examples ?? []) {
        count++;
        if (isMessageCommand(command)) {
          // a message command's example is the text of the message it is used on
          const message = { id: '1319000000000000000', content: line, createdAt: new Date('2026-02-01') };
          const { reply, results } = await runMessageCommand(command, message, context);
          expect(reply.content ?? '', line).not.toMatch(/⚠️/);
          expect(results?.length ?? 0, line).toBeGreaterThan(0);
          continue;
        }
        const parsed = parseCommandLine(
          line,
          COMMANDS.map((c) => c.definition),
        );
        if (!parsed || 'error' in parsed) throw new Error(`example does not parse: ${line}`);
        expect(parsed.name, line).toBe(command.definition.name);
        const { reply, results } = await runCommand(findCommand(parsed.name)!, parsed.raw, context);
        expect(reply.content ?? '', line).not.toMatch(/⚠️/);
        if (parsed.name === 'reload')
          expect(reply.embeds?.[0]?.title, line).toMatch(/^Reloaded: 1 → 1 articles$/);
        else if (parsed.name === 'help') expect(reply.embeds?.[0]?.title, line).toBe('newsbot');
        else expect(results?.length ?? 0, line).toBeGreaterThan(0);
      }
    }
    expect(count).toBeGreaterThan(6);
  });

  it('/help lists every command, the message commands included, with their examples', async () => {
    const context = await seedContext(false);
    const { reply } = await help.run(context, {});
    const fields = reply.embeds![0]!.fields!;
    const names = fields.map((f) => f.name);
    expect(names).toContain('On a message: Apps → Find news about this');
    expect(names).toContain('On a message: Apps → Who said this?');
    expect(names.some((n) => n.startsWith('/reload'))).toBe(false); // admins only
    const whoSaid = fields.find((f) => f.name.endsWith('Who said this?'))!;
    expect(whoSaid.value).toMatch(/e\.g\. on “Lavrov told reporters/);
    const news = fields.find((f) => f.name.startsWith('/news'))!;
    expect(news.value).toContain('`/news query:What did Lavrov say about Macron?`');
  });

  it('says where the web pages are while they are served, and nothing about them otherwise', async () => {
    const context = await seedContext(false);
    const served = await runCommand(help, {}, { ...context, publicUrl: 'http://localhost:8080' });
    expect(served.reply.embeds?.[0]?.description).toContain('on the web: http://localhost:8080/');
    const off = await runCommand(help, {}, context);
    expect(off.reply.embeds?.[0]?.description).not.toContain('on the web');
  });
});
