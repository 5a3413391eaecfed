import { describe, expect, it, vi } from 'vitest';
import { runMessageCommand } from '../../../src/commands/dispatch.js';
import { findNews } from '../../../src/commands/find-news.js';
import { news } from '../../../src/commands/news.js';
import { context, message } from './message-fixtures.js';

describe('Find news about this', () => {
  it('asks the message’s words as /news, privately, and shows the matching article', async () => {
    const result = await runMessageCommand(
      findNews,
      message('So are there going to be bridge tolls?? https://x.example/y'),
      context,
    );
    expect(result.reply.flags).toBe(64);
    expect(result.reply.content).toMatch(/^🔎 .* for “So are there going to be bridge tolls\?\?”/);
    expect((result.results as { title: string }[])[0]!.title).toBe('Council Debates Bridge Tolls');
  });

  it('asks as of the message’s own time (its snowflake), not as of now', async () => {
    const spy = vi.spyOn(news, 'run');
    try {
      const target = message('bridge tolls');
      await runMessageCommand(findNews, target, context);
      expect(spy).toHaveBeenCalledWith(expect.objectContaining({ now: target.createdAt }), {
        query: 'bridge tolls',
        hide: true,
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('answers a message with no words kindly, without a warning', async () => {
    const result = await runMessageCommand(
      findNews,
      message('<@123456789012345678> https://example.com'),
      context,
    );
    expect(result.reply).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/^That message has no words I can look up .*Try `\/news`/),
    });
    expect(result.results).toEqual([]);
  });

  it('is refused where its definition does not allow it (checked at run time too)', async () => {
    const place = { context: 1 as const, installs: [] };
    const result = await runMessageCommand(findNews, message('bridge tolls'), { ...context, place });
    expect(result.reply.content).toMatch(/cannot be used here/);
  });
});
