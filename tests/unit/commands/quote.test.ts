import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import type { CommandContext } from '../../../src/commands/types.js';
import { Library } from '../../../src/library/library.js';
import { articleOf, BRIDGE, TOLLS } from '../../fixtures/articles.js';

const library = new Library([articleOf('old.txt', BRIDGE), articleOf('new.txt', TOLLS)]);
const context: CommandContext = {
  library,
  who: { userId: '123456789012345678', username: 'u', isAdmin: false },
  articleBaseUrl: 'https://example.org/a',
  now: new Date('2026-06-01T12:00:00Z'),
  commands: COMMANDS,
};
const quote = (options: Record<string, unknown>) => runCommand(findCommand('quote')!, options, context);

describe('/quote', () => {
  it('gives each quotation a Read button to its article, one per article', async () => {
    const { reply } = await runCommand(
      findCommand('quote')!,
      { speaker: 'Voss', limit: 5 },
      { ...context, articleBaseUrl: null, publicUrl: 'http://localhost:8080' },
    );
    const buttons = (reply.components ?? []).flatMap((row) => row.components);
    expect(buttons.map((b) => ('url' in b ? b.url : null)).sort()).toEqual([
      'http://localhost:8080/articles/new',
      'http://localhost:8080/articles/old',
    ]);
    expect(reply.embeds!.every((e) => e.url?.startsWith('http://localhost:8080/articles/'))).toBe(true);
  });

  it('with no options shows the newest article’s quotations', async () => {
    const { reply, results } = await quote({});
    expect(reply.content).toMatch(/newest article: Council Debates Bridge Tolls/);
    expect(results).toHaveLength(2);
    expect(results!.every((r) => (r as { articleId: string }).articleId === 'new')).toBe(true);
  });

  it('speaker: filters by a surname and resolves full names', async () => {
    const { results, reply } = await quote({ speaker: 'Voss', limit: 10 });
    expect(results).toHaveLength(2);
    for (const r of results as { speaker: string }[]) expect(r.speaker).toBe('Helena Voss');
    // one embed per article, a field per quotation with its speaker
    expect(reply.embeds).toHaveLength(2);
    for (const embed of reply.embeds!) {
      expect(embed.fields).toHaveLength(1);
      expect(embed.fields![0]!.name).toMatch(/^Helena Voss/);
      expect(embed.fields![0]!.value).toMatch(/^“.*”$/);
    }
  });

  it('groups the quotations of one article in one result', async () => {
    const { reply, results } = await quote({});
    expect(results).toHaveLength(2);
    expect(reply.embeds).toHaveLength(1);
    expect(reply.embeds![0]!.title).toBe('Council Debates Bridge Tolls');
    expect(reply.embeds![0]!.fields!.map((f) => f.name)).toEqual([
      expect.stringMatching(/^Helena Voss/),
      expect.stringMatching(/Brink/),
    ]);
  });

  it('since/until keep the quotations of articles dated in the range', async () => {
    const april = await quote({ speaker: 'Voss', since: '2025-04-01' });
    expect((april.results as { articleId: string }[]).map((r) => r.articleId)).toEqual(['new']);
    expect(april.reply.content).toMatch(/since 2025-04-01/);
    const march = await quote({ query: 'bridge', until: '2025-03-31' });
    expect(new Set((march.results as { articleId: string }[]).map((r) => r.articleId))).toEqual(
      new Set(['old']),
    );
    const newestInRange = await quote({ until: '2025-03-31' });
    expect(newestInRange.reply.embeds!.map((e) => e.title)).toEqual(['Mayor Opens River Bridge']);
    const none = await quote({ speaker: 'Voss', since: '2026-01-01' });
    expect(none.results).toEqual([]);
    expect(none.reply.content).toMatch(/No quotation by Voss since 2026-01-01/);
  });

  it('answers as of the moment asked: an article dated after that day is not an answer yet', async () => {
    const asOf = (now: string) =>
      runCommand(findCommand('quote')!, { speaker: 'Voss' }, { ...context, now: new Date(now) });
    const march = await asOf('2025-03-15T09:00:00Z');
    expect((march.results as { articleId: string }[]).map((r) => r.articleId)).toEqual(['old']);
    const april = await asOf('2025-04-02T23:59:00Z');
    expect(new Set((april.results as { articleId: string }[]).map((r) => r.articleId))).toEqual(
      new Set(['old', 'new']),
    );
    const newest = await runCommand(findCommand('quote')!, {}, { ...context, now: new Date('2025-03-15') });
    expect(newest.reply.embeds!.map((e) => e.title)).toEqual(['Mayor Opens River Bridge']);
  });

  it('a bad date range gets a reply only the asker sees, and nothing else', async () => {
    for (const options of [
      { since: '2025-02-30' },
      { until: '2025/03/01' },
      { since: '2025-05-01', until: '2025-04-01' },
    ]) {
      const { reply, results } = await quote(options);
      expect(results).toEqual([]);
      expect(reply.flags).toBe(64);
      expect(reply.content).toMatch(/since|until/);
    }
  });

  it('query: finds what was said about a topic, with the JSON result contract', async () => {
    const { results } = await quote({ query: 'repairs money' });
    expect(results![0]).toEqual({
      text: 'Without tolls there is no money for repairs',
      // this article names him by surname only; the speaker is named as the article names him
      speaker: 'Brink',
      articleId: 'new',
      title: 'Council Debates Bridge Tolls',
      date: '2025-04-02',
      url: 'https://example.org/a/new',
    });
  });

  it('query: finds quotations by the names around them and by a near spelling', async () => {
    // "Councillors" is in neither quotation nor speaker: only in the paragraph before Voss's
    const around = await quote({ query: 'Councillors' });
    expect((around.results as { text: string }[])[0]!.text).toMatch(/^Tolls would punish/);
    const typo = await quote({ query: 'repairz' });
    expect((typo.results as { text: string }[])[0]!.text).toBe('Without tolls there is no money for repairs');
    // a speaker's own words rank above words said near their name
    const byName = (await quote({ query: 'Helena Voss', limit: 10 })).results as { speaker: string }[];
    expect(byName.slice(0, 2).map((r) => r.speaker)).toEqual(['Helena Voss', 'Helena Voss']);
  });

  it('query: a quotation next to a name ranks above one whose article only has it in the title', async () => {
    const talks = articleOf(
      'talks.txt',
      ` date 2025-05-01 Harbour pay talks: Mendes steps in

Talks over harbour pay resumed on Monday.

"We want a fair deal," said union leader Ana Ruiz.

Port manager Ben Okafor welcomed help from Minister Carla Mendes. "Our offer stands," Okafor said.
`,
    );
    const lib = new Library([talks]);
    const { results } = await runCommand(
      findCommand('quote')!,
      { query: 'Mendes' },
      { ...context, library: lib },
    );
    expect((results as { text: string }[]).map((r) => r.text)).toEqual([
      'Our offer stands',
      'We want a fair deal',
    ]);
  });

  it('says when nothing matches, and names known speakers', async () => {
    const { reply, results } = await quote({ speaker: 'Nobody Atall' });
    expect(results).toEqual([]);
    expect(reply.content).toMatch(/No quotation by Nobody Atall/);
    expect(reply.content).toMatch(/Helena Voss \(2\)/);
  });

  it('autocompletes speakers with their counts, most quoted first', async () => {
    const choices = await findCommand('quote')!.autocomplete!(context, 'speaker', 'hel v', {});
    expect(choices).toEqual([{ name: 'Helena Voss (2 quotes)', value: 'Helena Voss' }]);
    expect((await findCommand('quote')!.autocomplete!(context, 'speaker', '', {}))[0]!.name).toMatch(
      /\(2 quotes\)/,
    );
  });

  it('trims a long quotation at a word with an ellipsis', async () => {
    const long = articleOf(
      'long.txt',
      `Long speech\n\n"${'We will keep building bridges for everyone '.repeat(30).trim()}," Voss said.\n`,
    );
    const lib = new Library([long]);
    const { reply } = await runCommand(findCommand('quote')!, {}, { ...context, library: lib });
    const text = reply.embeds![0]!.fields![0]!.value;
    expect(text.length).toBeLessThanOrEqual(503);
    expect(text).toMatch(/\w…”$/);
  });
});
