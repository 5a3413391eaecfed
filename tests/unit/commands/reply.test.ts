import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../../src/articles/parse.js';
import type { Article } from '../../../src/articles/types.js';
import { runCommand } from '../../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../../src/commands/index.js';
import { LIMITS } from '../../../src/commands/limits.js';
import { articleLink, linkLines, safeUrl, titleList, withMention } from '../../../src/commands/reply.js';
import type { CommandContext, ReplyPayload } from '../../../src/commands/types.js';
import { Library } from '../../../src/library/library.js';

const LONG_URL = `https://news.example.com/${'a'.repeat(3000)}`;

describe('safeUrl', () => {
  it('keeps http and https links, normalised', () => {
    expect(safeUrl('https://news.example.com/2026/ferry')).toBe('https://news.example.com/2026/ferry');
    expect(safeUrl(' http://Example.COM ')).toBe('http://example.com/');
    expect(safeUrl('https://exämple.org/ä')).toBe('https://xn--exmple-cua.org/%C3%A4');
  });

  it('refuses other schemes, spaces, control characters, markdown ends, credentials and overlong links', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript://example.com/%0aalert(1)',
      'ftp://example.com/file',
      'data:text/html,hi',
      'https://news.example.com/a story',
      'https://news.example.com/a\u0000b',
      'https://news.example.com/a>b',
      'https://user:pass@example.com/',
      'https://',
      'news.example.com/no-scheme',
      LONG_URL,
      '',
      null,
      undefined,
    ])
      expect(safeUrl(bad), String(bad)).toBeNull();
  });

  it('refuses a link that only grows past the limit once percent-encoded', () => {
    const raw = `https://example.com/${'é'.repeat(1000)}`;
    expect(raw.length).toBeLessThanOrEqual(LIMITS.url);
    expect(safeUrl(raw)).toBeNull();
  });
});

describe('linkLines', () => {
  it('drops whole links that do not fit, never cutting one', () => {
    const links = Array.from({ length: 12 }, (_, i) => `https://example.org/${i}/${'x'.repeat(200)}`);
    const value = linkLines(links, 10);
    expect(value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    const lines = value.split('\n');
    expect(lines.length).toBe(4);
    for (const line of lines) expect(links).toContain(line.slice(1, -1));
  });

  it('leaves out unsafe and repeated links, and a long one that does not fit, keeping later short ones', () => {
    const value = linkLines(
      [
        'javascript:alert(1)',
        'https://a.example/x',
        'https://a.example/x',
        `https://b.example/${'y'.repeat(1100)}`,
        'https://c.example/z',
      ],
      4,
    );
    expect(value).toBe('<https://a.example/x>\n<https://c.example/z>');
  });
});

// front matter with urls Discord would refuse: the reply leaves them out (or falls back to ARTICLE_BASE_URL)
function withUrl(
  id: string,
  url: string,
  body = 'The harbour ferry sailed on time today, the operator said.',
): Article {
  const file = `---\ntitle: "Ferry report ${id}"\ndate: 2026-02-0${id.length}\nurl: ${JSON.stringify(url)}\n---\n${body}\n`;
  const parsed = parseArticle(`${id}.md`, new TextEncoder().encode(file), { maxBytes: 1e6 });
  if (!parsed.article) throw new Error('fixture did not parse');
  return parsed.article;
}

describe('URLs in replies', () => {
  const spaced = withUrl('spaced', 'https://news.example.com/ferry report today');
  const long = withUrl('long', LONG_URL);
  const script = withUrl('script', 'javascript:alert(document.cookie)');
  const links = Array.from({ length: 6 }, (_, i) => `https://example.org/${i}/${'p'.repeat(400)}`);
  const many = withUrl(
    'manylinks',
    'https://news.example.com/many',
    `Ferry harbour links: ${links.join(' ')} end.`,
  );
  const library = new Library([spaced, long, script, many]);
  const context = (articleBaseUrl: string | null): CommandContext => ({
    library,
    who: { userId: '111111111111111111', username: 'tester', isAdmin: false },
    articleBaseUrl,
    now: new Date('2026-06-01T12:00:00Z'),
    commands: COMMANDS,
  });

  it('articleLink falls back to ARTICLE_BASE_URL, else to none', () => {
    for (const a of [spaced, long, script]) {
      expect(articleLink(a, null)).toBeNull();
      expect(articleLink(a, 'https://archive.example.org/a')).toBe(`https://archive.example.org/a/${a.id}`);
    }
  });

  it('/news embeds carry only valid urls, and the Links field only whole links', async () => {
    const { reply } = await runCommand(
      findCommand('news')!,
      { query: 'ferry harbour', limit: 10 },
      context(null),
    );
    expect(reply.embeds?.length).toBe(4);
    for (const embed of reply.embeds ?? []) {
      if (embed.url) expect(safeUrl(embed.url)).toBe(embed.url);
      const field = embed.fields?.find((f) => f.name === 'Links');
      for (const line of field?.value.split('\n') ?? []) {
        expect(line).toMatch(/^<https:\/\/[^\s<>]+>$/);
        expect(safeUrl(line.slice(1, -1))).toBe(line.slice(1, -1));
      }
    }
    const manyEmbed = reply.embeds!.find((e) => e.title === 'Ferry report manylinks')!;
    expect(manyEmbed.url).toBe('https://news.example.com/many');
    const value = manyEmbed.fields!.find((f) => f.name === 'Links')!.value;
    expect(value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    // the article's own url is the title's link and the Read button's, not listed again
    expect(value.split('\n')).toEqual([`<${links[0]}>`, `<${links[1]}>`]);
    const unsafe = reply.embeds!.filter((e) => /spaced|long|script/.test(e.title ?? ''));
    expect(unsafe).toHaveLength(3);
    for (const e of unsafe) {
      expect(e.url).toBeUndefined();
      expect(e.fields?.find((f) => f.name === 'Links')).toBeUndefined();
    }
  });

  it('Read buttons carry only valid urls; without a usable one, the PUBLIC_URL page, itself through safeUrl', async () => {
    const news = findCommand('news')!;
    const ask = (ctx: CommandContext) => runCommand(news, { query: 'ferry harbour', limit: 10 }, ctx);
    const buttonUrls = (payload: ReplyPayload) =>
      (payload.components ?? []).flatMap((row) => row.components).map((b) => ('url' in b ? b.url : null));
    const without = await ask(context(null));
    expect(buttonUrls(without.reply)).toEqual(['https://news.example.com/many']);
    const served = await ask({ ...context(null), publicUrl: 'http://localhost:8080' });
    const urls = buttonUrls(served.reply);
    expect(urls).toHaveLength(4);
    for (const url of urls) expect(url && safeUrl(url)).toBe(url);
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://news.example.com/many',
        'http://localhost:8080/articles/spaced',
        'http://localhost:8080/articles/long',
        'http://localhost:8080/articles/script',
      ]),
    );
    // a PUBLIC_URL that makes no valid link gives no link and no button, never a broken one
    const broken = await ask({ ...context(null), publicUrl: 'http://local host' });
    expect(buttonUrls(broken.reply)).toEqual(['https://news.example.com/many']);
  });

  it('title lists link only valid urls', async () => {
    expect(titleList([spaced, long, script], null)).not.toMatch(/\]\(|javascript|ferry report today/);
    expect(titleList([spaced], 'https://archive.example.org/a')).toContain(
      '[Ferry report spaced](<https://archive.example.org/a/spaced>)',
    );
  });
});

describe('withMention', () => {
  const USER = '123456789012345678';

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
