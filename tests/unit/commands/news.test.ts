import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import { embedLength, LIMITS } from '../../../src/commands/limits.js';
import type { CommandContext, ReplyPayload } from '../../../src/commands/types.js';
import { renderReply } from '../../../src/console/render.js';
import { Library } from '../../../src/library/library.js';
import { articleOf, FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';

const library = new Library([
  articleOf('ferry.txt', SEED_FORMAT),
  articleOf('rail.md', FRONT_MATTER),
  articleOf('apples.txt', PLAIN_TEXT),
]);

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    library,
    who: { userId: '111111111111111111', username: 'tester', isAdmin: false },
    articleBaseUrl: 'https://archive.example.org/a',
    now: new Date('2026-06-01T12:00:00Z'),
    commands: COMMANDS,
    ...overrides,
  };
}

const news = findCommand('news')!;
const ask = (options: Record<string, unknown>, ctx = context()) => runCommand(news, options, ctx);
const totalEmbedChars = (r: ReplyPayload) => (r.embeds ?? []).reduce((n, e) => n + embedLength(e), 0);

describe('/news', () => {
  it('finds the article, with title link, date, summary, bolded passage and links', async () => {
    const { reply, results } = await ask({ query: 'When will the ferry crossings start?' });
    expect(results?.[0]).toMatchObject({
      id: 'ferry',
      title: expect.stringMatching(/Ferry Route/),
      date: '2026-02-03',
    });
    const embed = reply.embeds![0]!;
    expect(embed.url).toBe('https://archive.example.org/a/ferry');
    expect(embed.footer?.text).toContain('2026-02-03');
    expect(embed.description?.replace(/\*\*/g, '')).toMatch(/Ferry Link to Open in Spring/);
    const text = [embed.description, ...(embed.fields ?? []).map((f) => f.value)].join('\n');
    expect(text).toMatch(/\*\*crossings\*\*/);
    // the photo credit's link is the photo's, not the article's: it is not among the article's links
    expect(text).not.toContain('https://example.org/photos/ferry-123');
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    expect(reply.flags).toBeUndefined();
  });

  it('links each result to its url, else ARTICLE_BASE_URL/<id>, else the web pages, and gives it a Read button', async () => {
    // one question per article: a reply lists only the results that answer about as well as the first
    const links = async (ctx: CommandContext) => {
      const replies = await Promise.all(
        ['ferry', 'rail strike'].map(async (query) => (await ask({ query, limit: 1 }, ctx)).reply),
      );
      const buttons = replies.flatMap((reply) => (reply.components ?? []).flatMap((row) => row.components));
      return { titles: replies.flatMap((reply) => reply.embeds!.map((e) => e.url)), buttons };
    };
    const web = await links(context({ articleBaseUrl: null, publicUrl: 'http://localhost:8080' }));
    expect(web.titles).toEqual(
      expect.arrayContaining([
        'http://localhost:8080/articles/ferry',
        'https://news.example.com/2022/06/12/rail-strike-ends',
      ]),
    );
    expect(web.buttons.map((b) => ('url' in b ? b.url : null)).sort()).toEqual([...web.titles].sort());
    for (const button of web.buttons) {
      expect(button).toMatchObject({ type: 2, style: 5 });
      expect('label' in button && button.label?.startsWith('Read: ')).toBe(true);
      expect(('label' in button && button.label?.length) || 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
    }
    // ARTICLE_BASE_URL wins over the web pages; with neither, an article without a url has no link
    const base = await links(context({ publicUrl: 'http://localhost:8080' }));
    expect(base.titles).toContain('https://archive.example.org/a/ferry');
    const none = await links(context({ articleBaseUrl: null }));
    expect(none.titles).toContain(undefined);
    expect(none.buttons).toHaveLength(1);
  });

  it('keeps the Read buttons within Discord limits: rows of five, a row left for paging', async () => {
    const many = new Library(
      Array.from({ length: 30 }, (_, i) =>
        articleOf(`ferry-${i}.txt`, SEED_FORMAT.replace('Harbour Council', `Harbour Council ${i}`)),
      ),
    );
    const { reply, pages } = await ask({ query: 'ferry', limit: 10 }, context({ library: many }));
    expect(reply.components).toHaveLength(2);
    for (const row of reply.components!) expect(row.components.length).toBeLessThanOrEqual(5);
    expect(pages?.count).toBe(3);
    const { PageStore } = await import('../../../src/discord/pages.js');
    const store = new PageStore();
    const first = store.add('111111111111111111', pages!, reply);
    expect(first.components).toHaveLength(3);
    expect(first.components!.at(-1)!.components.map((b) => ('label' in b ? b.label : ''))).toContain(
      'Next ▶',
    );
    expect(first.components!.length).toBeLessThanOrEqual(LIMITS.rowsPerMessage);
  });

  it("uses the article's own url before ARTICLE_BASE_URL", async () => {
    const { results, reply } = await ask({ query: 'rail strike pay' });
    expect(results?.[0]).toMatchObject({
      id: 'rail',
      url: 'https://news.example.com/2022/06/12/rail-strike-ends',
    });
    expect(reply.embeds![0]!.url).toBe('https://news.example.com/2022/06/12/rail-strike-ends');
  });

  it('matches irregular verb forms: "say" finds "said"', async () => {
    const { reply } = await ask({ query: 'What did Alvarez say about families?' });
    const text = [
      reply.embeds![0]!.description,
      ...(reply.embeds![0]!.fields ?? []).map((f) => f.value),
    ].join('\n');
    // "what did … say" is the way of asking: Alvarez and families are searched
    expect(text).toContain('**families**');
    expect(text).toContain('**Alvarez**');
  });

  it('shows a passage past the summary rather than repeat it, when one answers nearly as well', async () => {
    const bridge = articleOf(
      'bridge.txt',
      `River bridge\n\nThe city opened the river bridge on Monday.\n\n${'Traffic was light at first, and the few drivers who crossed it said they liked the view of the old harbour. '.repeat(4)}\n\nThe river bridge opened its second lane in June, the city said.\n`,
    );
    const ctx = context({ library: new Library([bridge]) });
    // the first sentence answers best, but the summary shows it already (in bold)
    const { reply } = await runCommand(news, { query: 'When was the river bridge opened?' }, ctx);
    expect(reply.embeds![0]!.description).toMatch(
      /^The city \*\*opened\*\* the \*\*river bridge\*\* on Monday\./,
    );
    const field = reply.embeds![0]!.fields?.find((f) => f.name === 'Best match');
    expect(field?.value).toMatch(/^The \*\*river bridge opened\*\* its second lane in June/);
  });

  it('tolerates a typo and other word forms', async () => {
    expect((await ask({ query: 'harvests of aples' })).results?.[0]).toMatchObject({ id: 'apples' });
    expect((await ask({ query: 'feries' })).results?.[0]).toMatchObject({ id: 'ferry' });
  });

  it('filters by date, leaving undated articles out when a bound is set', async () => {
    const { results } = await ask({
      query: 'council ferry rail apple harvest',
      since: '2023-01-01',
      limit: 10,
    });
    expect(results?.map((r) => (r as { id: string }).id)).toEqual(['ferry']);
    const until = await ask({ query: 'council ferry rail apple harvest', until: '2023-01-01', limit: 10 });
    expect(until.results?.map((r) => (r as { id: string }).id)).toEqual(['rail']);
  });

  it('answers "no result" kindly, with the closest titles', async () => {
    const { reply, results } = await ask({ query: 'volcano eruption' });
    expect(results).toEqual([]);
    expect(reply.content).toMatch(/No article matches/);
    expect(reply.content).toMatch(/Newest articles:\n• \[Harbour Council Approves/);
    const typo = await ask({ query: 'orchid growers', since: '2030-01-01' });
    expect(typo.reply.content).toMatch(/since 1 Jan 2030/);
    expect(typo.reply.content).toMatch(/Newest articles:\n• \[/);
  });

  it('gives an ephemeral error for bad options and never runs the search', async () => {
    for (const options of [
      { query: 'x', since: '2026-13-01' },
      { query: 'x', since: '2026-02-01', until: '2026-01-01' },
      { query: 'the what' },
      { query: 'x', limit: 0 },
    ]) {
      const { reply } = await ask(options);
      expect(reply.flags).toBe(64);
      expect(reply.content).toMatch(/⚠️/);
      expect(reply.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('hide makes the reply ephemeral', async () => {
    expect((await ask({ query: 'ferry', hide: true })).reply.flags).toBe(64);
  });

  it('keeps a reply with ten long results within Discord limits', async () => {
    const long = Array.from({ length: 12 }, (_, i) =>
      articleOf(
        `long${i}.txt`,
        `Ferry news number ${i} ${'with a very long title '.repeat(20)}\n\n${'The ferry sailed on. '.repeat(80)}\n\nPhoto: https://example.org/${'x'.repeat(900)}\n`,
      ),
    );
    const { reply } = await runCommand(
      news,
      { query: 'ferry', limit: 10 },
      context({ library: new Library(long) }),
    );
    expect(reply.embeds!.length).toBe(10);
    expect(totalEmbedChars(reply)).toBeLessThanOrEqual(LIMITS.embedsTotal);
    expect(reply.content!.length).toBeLessThanOrEqual(LIMITS.content);
  });

  it('cannot ping: a query with @everyone is echoed with no mention allowed', async () => {
    const { reply } = await ask({ query: '@everyone ferry <@123456789012345678>' });
    expect(reply.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('/help', () => {
  it('lists every command with its options, and renders as text', async () => {
    const { reply } = await runCommand(findCommand('help')!, {}, context());
    const names = reply.embeds![0]!.fields!.map((f) => f.name);
    expect(names.some((n) => n.startsWith('/news query:'))).toBe(true);
    expect(names.some((n) => n.startsWith('/help'))).toBe(true);
    const text = renderReply(reply);
    expect(text).toContain('3 news articles');
    expect(text).toContain('/news query:What did Lavrov say about Macron?');
  });
});

describe('/news as of the moment asked', () => {
  const dated = (file: string, date: string, title: string, body: string) =>
    articleOf(file, `---\ntitle: "${title}"\ndate: ${date}\n---\n${body}\n`);
  const lib = new Library([
    dated(
      'a/flood-1.md',
      '2022-09-12',
      'Thorby glacier flood cuts the Lundvik road',
      'A glacier flood near Thorby cut the Lundvik road on Monday.',
    ),
    dated(
      'a/flood-2.md',
      '2022-09-13',
      'Lundvik road still cut after Thorby glacier flood',
      'The Thorby glacier flood still cut the Lundvik road on Tuesday.',
    ),
    dated(
      'a/flood-3.md',
      '2022-10-03',
      'Lundvik road reopens after Thorby glacier flood',
      'The Lundvik road reopened after the Thorby glacier flood on Monday.',
    ),
    dated(
      'a/mayor.md',
      '2022-09-28',
      'Mayor of Thorby resigns',
      'The mayor of Thorby resigned on Wednesday after a vote of the council.',
    ),
    // other news, so that the story's words are as rare in the library as in a real archive
    ...Array.from({ length: 40 }, (_, i) =>
      dated(`b/other-${i}.md`, '2022-08-01', `Other news number ${i}`, `Item ${i} of the other news.`),
    ),
  ]);
  const asked = (options: Record<string, unknown>, now: string) =>
    runCommand(news, options, context({ library: lib, now: new Date(now) }));
  const ids = (results: unknown[] | undefined) => (results ?? []).map((r) => (r as { id: string }).id);

  it('reads time words relative to now and says which window it used', async () => {
    const { reply, results } = await asked({ query: 'Who resigned this week?' }, '2022-09-29T10:00:00Z');
    expect(ids(results)[0]).toBe('a/mayor');
    expect(reply.content).toMatch(/“Who resigned this week\?” from the week of 26 Sep 2022/);
  });

  it('falls back to the best outside the window, and says so', async () => {
    const { reply, results } = await asked({ query: 'Who resigned last week?' }, '2022-09-29T10:00:00Z');
    expect(ids(results)[0]).toBe('a/mayor');
    expect(reply.content).toMatch(
      /none from the week of 19 Sep 2022 answers, so these are the closest from other dates/,
    );
  });

  it('never answers with an article dated after now', async () => {
    const before = await asked({ query: 'Lundvik road glacier flood', limit: 10 }, '2022-09-20T00:00:00Z');
    expect(ids(before.results)).not.toContain('a/flood-3');
    const after = await asked({ query: 'Lundvik road glacier flood', limit: 10 }, '2022-10-04T00:00:00Z');
    expect(JSON.stringify(after.results)).toContain('a/flood-3');
  });

  it('shows a story once, with the other reports under it by date, linked', async () => {
    const { reply, results } = await asked(
      { query: 'Is the Lundvik road cut by the glacier flood?' },
      '2022-09-20T00:00:00Z',
    );
    expect(results).toHaveLength(1);
    expect(results?.[0]).toMatchObject({ id: 'a/flood-2', related: ['a/flood-1'] });
    const also = reply.embeds![0]!.fields?.find((f) => f.name === 'Also');
    expect(also?.value).toBe(
      '[12 Sep: Thorby glacier flood cuts the Lundvik road](<https://archive.example.org/a/a/flood-1>)',
    );
    expect(renderReply(reply)).toContain('Also:');
  });

  it('lets explicit since/until win over time words, as days, months or years', async () => {
    const { reply, results } = await asked(
      { query: 'Lundvik road flood this week', since: '2022-09', until: '2022-09', limit: 10 },
      '2022-10-05T00:00:00Z',
    );
    expect(ids(results)).toEqual(['a/flood-2']);
    expect(reply.content).toMatch(/from 1 Sep 2022 to 30 Sep 2022/);
  });
});
