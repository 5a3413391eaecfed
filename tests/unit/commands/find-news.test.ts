import { describe, expect, it, vi } from 'vitest';
import { runMessageCommand } from '../../../src/commands/dispatch.js';
import { findNews } from '../../../src/commands/find-news.js';
import { ALL_COMMANDS } from '../../../src/commands/index.js';
import { messageQuery, messageWords } from '../../../src/commands/message-text.js';
import { news } from '../../../src/commands/news.js';
import type { CommandContext, TargetMessage } from '../../../src/commands/types.js';
import { whoSaid } from '../../../src/commands/who-said.js';
import { Library } from '../../../src/library/library.js';
import { articleOf, BRIDGE, TOLLS } from '../../fixtures/articles.js';

const HARVEST = ` date 2025-09-10 Valley Growers Expect Record Harvest

Growers in the valley expect their largest apple harvest in twenty years.

"We have never seen trees this full," said Marta Keller, who chairs the growers' association.
`;

const library = new Library([
  articleOf('bridge.txt', BRIDGE),
  articleOf('tolls.txt', TOLLS),
  articleOf('harvest.txt', HARVEST),
]);
const context: CommandContext = {
  library,
  who: { userId: '123456789012345678', username: 'u', isAdmin: false },
  articleBaseUrl: null,
  now: new Date('2026-06-01T12:00:00Z'),
  commands: ALL_COMMANDS,
};
const message = (content: string): TargetMessage => ({
  id: '1300000000000000000',
  content,
  createdAt: new Date('2025-05-01T10:00:00Z'),
});

describe('messageWords', () => {
  it('takes out links, mentions, custom emoji, code and markdown, keeping masked links’ labels', () => {
    const text =
      'Look <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678> ' +
      '**bridge** tolls <:angry:423456789012345678> <a:wave:523456789012345678> https://example.com/a?b=c ' +
      '[the council report](https://example.com/r) `inline code` ```ts\nconst x = 1;\n``` @everyone <t:1700000000:R> done';
    expect(messageWords(text)).toBe('Look bridge tolls the council report done');
  });

  it('leaves nothing of a message that is only a link, a mention or an emoji', () => {
    for (const only of [
      'https://example.com/news/1',
      '<@123456789012345678>',
      '<:x:123456789012345678>',
      '```a b c```',
    ])
      expect(messageWords(only), only).toBe('');
  });

  it('keeps times and ratios, taking out only emoji shortcodes', () => {
    expect(messageWords('Talks at 10:30:00 :fire: ended 2:1:0')).toBe('Talks at 10:30:00 ended 2:1:0');
  });

  it('cuts a long message to the query limit at a word', () => {
    const long = 'bridge tolls '.repeat(200);
    const query = messageQuery(long, 300);
    expect(query.length).toBeLessThanOrEqual(300);
    expect(query.endsWith('bridge') || query.endsWith('tolls')).toBe(true);
  });
});

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

describe('Who said this?', () => {
  const who = async (text: string) => runMessageCommand(whoSaid, message(text), context);

  it('finds a quotation repeated word for word inside a longer message', async () => {
    const r = await who(
      'lol did you see this. "Tolls would punish the families who need the bridge most" she said',
    );
    expect(r.reply.content).toMatch(
      /^💬 Helena Voss said it, in “Council Debates Bridge Tolls” on 2025-04-02\./,
    );
    expect(r.results).toHaveLength(1);
  });

  it('finds a paraphrase and a partial quote', async () => {
    expect((await who('the mayor thinks tolls punish families that need the bridge')).reply.content).toMatch(
      /Helena Voss said it/,
    );
    expect((await who('lightest span ever built')).reply.content).toMatch(/Tomas Brink said it/);
    expect((await who('never seen the trees so full')).reply.content).toMatch(/Marta Keller said it/);
  });

  it('says no article has it when nothing is close, even if a name matches', async () => {
    for (const text of ['Helena Voss is on holiday', 'The orchestra tours three continents next spring']) {
      const r = await who(text);
      expect(r.reply.content, text).toMatch(/^No article has that quotation/);
      expect(r.results, text).toEqual([]);
    }
  });

  it('handles a 2,000-character message', async () => {
    const chatter = 'weather weekend football lunch traffic coffee '.repeat(50);
    const text = `${chatter} without tolls there is no money for repairs`.slice(-2000);
    expect(text).toHaveLength(2000);
    expect((await who(text)).reply.content).toMatch(/Brink said it, in “Council Debates Bridge Tolls”/);
  });
});
