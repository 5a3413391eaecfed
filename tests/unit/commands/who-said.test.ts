import { describe, expect, it } from 'vitest';
import { runMessageCommand } from '../../../src/commands/dispatch.js';
import { whoSaid } from '../../../src/commands/who-said.js';
import { context, message } from './message-fixtures.js';

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
