import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { cutText, escapeMarkdown, truncateAtWord } from '../../src/articles/text.js';
import { runCommand } from '../../src/commands/dispatch.js';
import { COMMANDS, findCommand } from '../../src/commands/index.js';
import { LIMITS } from '../../src/commands/limits.js';
import { validateOptions } from '../../src/commands/options.js';
import { reloadReply } from '../../src/commands/reload.js';
import { reply, titleList } from '../../src/commands/reply.js';
import type { CommandContext, ReplyPayload } from '../../src/commands/types.js';
import { markdownToText, PLAIN, renderReply } from '../../src/console/render.js';
import { sanitizeChoices } from '../../src/discord/interactions.js';
import { Library } from '../../src/library/library.js';
import { LiveLibrary } from '../../src/library/live.js';
import { createLogger } from '../../src/logger.js';
import { displayText, oneLine, terminalJson, terminalText } from '../../src/shown-text.js';
import { escapeHtml } from '../../src/web/html.js';
import { Metrics } from '../../src/web/metrics.js';
import { articlePath, MAX_PATH_CHARS } from '../../src/web/pages.js';
import { buildWebApp } from '../../src/web/server.js';
import { articleOf } from '../fixtures/articles.js';
import { seedsFolder } from '../helpers.js';

// What a hostile contributor writes into titles, bodies and file names, and what each destination
// (Discord markdown, web pages, the operator's terminal) must make of it.

const ESC = '\u001b';
const CLEAR_SCREEN = `${ESC}[2J${ESC}[H`;
const WINDOW_TITLE = `${ESC}]0;pwned${ESC}\\`;
const WINDOW_TITLE_BEL = `${ESC}]2;pwned\u0007`;
const OSC8_LINK = `${ESC}]8;;https://evil.example/${ESC}\\click here${ESC}]8;;${ESC}\\`;
const C1_CSI = '\u009b31m';
const RLO = '\u202e';
/** Every character that reorders text: embeddings, overrides, isolates and their ends. */
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const MASKED_LINK = '[https://bank.example.com/login](<https://evil.example/steal>)';
/** Anything a terminal would obey or that reorders text. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('displayText and terminalText: nothing that acts instead of showing', () => {
  it('removes escape sequences whole: clear screen, window title (ST or BEL), OSC 8 links, C1 CSI', () => {
    expect(terminalText(`a${CLEAR_SCREEN}b`)).toBe('ab');
    expect(terminalText(`a${WINDOW_TITLE}b${WINDOW_TITLE_BEL}c`)).toBe('abc');
    expect(terminalText(`see ${OSC8_LINK} now`)).toBe('see click here now');
    expect(terminalText(`red${C1_CSI} text`)).toBe('red text');
    // an unterminated string command ends with the text; other ESC sequences go with their bytes
    expect(terminalText(`ok${ESC}]0;title without end`)).toBe('ok');
    expect(terminalText(`a${ESC}7b${ESC}(Bc${ESC}c`)).toBe('abc');
  });

  it('removes other controls and every bidi control, keeps newlines, tabs and ordinary text', () => {
    expect(displayText('a\u0000b\u0007c\rd\u007fe\u0085f')).toBe('abcdef');
    expect(displayText(`gnp${RLO}.exe`)).toBe('gnp.exe');
    expect(displayText(BIDI.join('x'))).toBe('xxxxxxxx');
    expect(displayText('line one\n\tline two')).toBe('line one\n\tline two');
    // right-to-left text and its marks are text, not controls
    const hebrew = 'שלום \u200f עולם';
    expect(displayText(hebrew)).toBe(hebrew);
    const plain = 'An ordinary title — with “quotes” and émojis 🎉';
    expect(displayText(plain)).toBe(plain);
  });

  it('is linear in its input (a long run of escapes is one pass)', () => {
    const hostile = `${ESC}[${'1;'.repeat(200_000)}`;
    expect(terminalText(hostile)).not.toMatch(UNSAFE);
    expect(terminalText(`${ESC}]`.repeat(100_000))).toBe('');
  });
});

describe('oneLine: a name cannot forge a report line', () => {
  it('shows line breaks, controls and bidi controls as escapes, and keeps the rest as written', () => {
    expect(oneLine('evil\nDone: 0 problems')).toBe('evil\\nDone: 0 problems');
    expect(oneLine(`a${ESC}[2Jb\r\t`)).toBe('a\\x1b[2Jb\\r\\t');
    expect(oneLine(`gnp${RLO}.exe`)).toBe('gnp\\u202e.exe');
    expect(oneLine('news/été 2022.md')).toBe('news/été 2022.md');
    expect(oneLine(`x\u009by\u2028z`)).toBe('x\\x9by\\u2028z');
  });
});

describe('terminalJson: JSON with nothing a terminal obeys, and the same value', () => {
  it('escapes C1 controls, DEL, line separators and bidi controls inside strings', () => {
    const value = { title: `a${C1_CSI}b\u007f${RLO}c\u2028${ESC}[2J`, n: 1 };
    const text = terminalJson(value);
    expect(text).not.toMatch(UNSAFE);
    expect(text).toContain('\\u009b31m');
    expect(text).toContain('\\u202e');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('log lines: JSON a terminal tailing the logs does not obey', () => {
  it('escapes C1 and bidi controls in a logged url or text; the line parses to the same value', () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        out += String(chunk);
        done();
      },
    });
    const url = `/search?q=${C1_CSI}2J${RLO}${ESC}[2J`;
    createLogger('info', sink).info({ url }, `page ${RLO}served`);
    expect(out).not.toMatch(UNSAFE);
    const line = JSON.parse(out) as { url: string; msg: string };
    expect(line.url).toBe(url);
    expect(line.msg).toBe(`page ${RLO}served`);
  });
});

describe('Discord: titles escaped for markdown, no control or bidi character in any text', () => {
  const hostile = articleOf(
    'phish.md',
    `---\ntitle: "${MASKED_LINK.replace(/"/g, '\\"')}"\nurl: https://evil.example/steal\ndate: 2026-01-10\n---\n\nThe bank asks its customers to log in again after the outage of its online service.\n`,
  );
  const marked = articleOf(
    'marked.txt',
    `**Breaking** _news_ <@123456789012345678> \`code\` ||spoiler|| ~~gone~~ [a](<https://evil.example/x>)\n\nA long body about the council, the harbour and the ferry timetable for the islands.\n`,
  );
  const reversed = articleOf(
    'reversed.txt',
    `Invoice gnp${RLO}.exe ${ESC}]0;pwned${ESC}\\attached\n\nThe attachment ${OSC8_LINK} was sent to the council offices on Monday${RLO}.\n`,
  );
  const library = new Library([hostile, marked, reversed]);
  const context = (): CommandContext => ({
    library,
    who: { userId: '111111111111111111', username: 'tester', isAdmin: false },
    articleBaseUrl: null,
    now: new Date('2026-06-01T12:00:00Z'),
    commands: COMMANDS,
  });
  const texts = (r: ReplyPayload): string[] => [
    r.content ?? '',
    ...(r.embeds ?? []).flatMap((e) => [
      e.title ?? '',
      e.description ?? '',
      e.footer?.text ?? '',
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
    ...(r.components ?? []).flatMap((row) =>
      row.components.map((c) => ('label' in c ? (c.label ?? '') : '')),
    ),
  ];

  it('the "No article matches" list escapes titles: a masked link in a title does not render', async () => {
    const { reply: answer } = await runCommand(findCommand('news')!, { query: 'zebra xylophone' }, context());
    const content = answer.content ?? '';
    expect(content).toMatch(/No article matches/);
    // the title is text: its brackets are escaped, and being an address it is not a link's text
    expect(content).toContain('\\[https://bank.example.com/login\\](\\<https://evil.example/steal>)');
    expect(content).not.toMatch(/(?<!\\)\[https:\/\/bank/);
    expect(content).toContain(
      '• \\*\\*Breaking\\*\\* \\_news\\_ \\<@123456789012345678> \\`code\\` \\|\\|spoiler\\|\\|',
    );
    for (const text of texts(answer)) expect(text).not.toMatch(UNSAFE);
  });

  it('titleList: a title that reads as an address is listed with its real link after it, not as the link text', () => {
    const list = titleList([hostile], null);
    expect(list).toBe(
      '• \\[https://bank.example.com/login\\](\\<https://evil.example/steal>) (2026-01-10): <https://evil.example/steal>',
    );
    const ordinary = articleOf(
      'ok.txt',
      'Council [draft] budget\n\nThe council met to discuss the budget.\n',
    );
    expect(titleList([ordinary], 'https://archive.example.org/a')).toBe(
      '• [Council \\[draft\\] budget](<https://archive.example.org/a/ok>)',
    );
  });

  it('an embed whose title reads as an address does not link it elsewhere; its link stays in Links', async () => {
    const { reply: answer } = await runCommand(
      findCommand('news')!,
      { query: 'bank customers log in outage' },
      context(),
    );
    const embed = answer.embeds![0]!;
    expect(embed.title).toContain('https://bank.example.com/login');
    expect(embed.url).toBeUndefined();
    expect(embed.fields!.find((f) => f.name === 'Links')!.value).toContain('<https://evil.example/steal>');
    const { reply: ordinary } = await runCommand(
      findCommand('news')!,
      { query: 'attachment council offices' },
      {
        ...context(),
        articleBaseUrl: 'https://archive.example.org/a',
      },
    );
    expect(ordinary.embeds![0]!.url).toBe('https://archive.example.org/a/reversed');
  });

  it('embeds: titles and speakers escaped, no control or bidi character anywhere', async () => {
    const { reply: answer } = await runCommand(
      findCommand('news')!,
      { query: 'attachment council offices' },
      context(),
    );
    const embed = answer.embeds![0]!;
    expect(embed.title).toBe('Invoice gnp.exe attached');
    expect(embed.description).toContain('click here');
    for (const text of texts(answer)) expect(text).not.toMatch(UNSAFE);
    const { reply: breaking } = await runCommand(
      findCommand('news')!,
      { query: 'breaking news harbour' },
      context(),
    );
    expect(breaking.embeds![0]!.title).toMatch(/^\\\*\\\*Breaking\\\*\\\* \\_news\\_ \\<@/);
  });

  it('reply() is the gate: whoever built the payload, Discord gets no control or bidi character', () => {
    const out = reply({
      content: `a${RLO}b${CLEAR_SCREEN}`,
      embeds: [
        {
          title: `t${RLO}`,
          footer: { text: `f${ESC}]0;x\u0007` },
          fields: [{ name: `n${RLO}`, value: 'v\u009b1m' }],
        },
      ],
    });
    for (const text of texts(out)) expect(text).not.toMatch(UNSAFE);
    expect(out.content).toBe('ab');
    expect(out.embeds![0]!.footer!.text).toBe('f');
  });

  it('the reload report shows file names on one line, inside code that a backtick cannot end', () => {
    const { reply: report } = reloadReply({
      ok: true,
      before: 1,
      after: 1,
      added: ['evil`**x**'],
      changed: [],
      removed: [],
      problems: [{ file: 'evil\nDone: 0 problems', reason: 'not an article file\n**forged**' }],
      seconds: 0.1,
    });
    const fields = report.embeds![0]!.fields!;
    expect(fields.find((f) => f.name.startsWith('Added'))!.value).toBe('`evilˋ**x**`');
    const problems = fields.find((f) => f.name.startsWith('Problems'))!.value;
    expect(problems).toBe('`evil\\nDone: 0 problems`: not an article file\\\\n\\*\\*forged\\*\\*');
    expect(problems).not.toContain('\n');
  });
});

describe('autocomplete: never half a surrogate pair, never over 100 characters', () => {
  const emoji = '🎉';
  it('cutText and truncateAtWord step back rather than split a pair', () => {
    const text = `${'a'.repeat(99)}${emoji}`;
    expect(cutText(text, 100)).toBe('a'.repeat(99));
    expect(cutText(text, 101)).toBe(text);
    const word = `${emoji.repeat(60)}`;
    const cut = truncateAtWord(word, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).toBe(`${emoji.repeat(49)}…`);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('an option error quoting what was typed cuts it at whole characters', () => {
    const checked = validateOptions(findCommand('news')!.definition, {
      query: 'ferry',
      limit: `1${'🎉'.repeat(30)}`,
    });
    expect(checked.ok).toBe(false);
    const error = checked.ok ? '' : checked.error;
    expect(error).toContain(`1${'🎉'.repeat(19)}"`);
    expect(() => encodeURIComponent(error)).not.toThrow();
  });

  it('a title of emoji and long words gives whole characters in the choice name and value', async () => {
    const title = `${'Ω'.repeat(98)}${emoji}${emoji} harbour`;
    const long = articleOf('emoji.txt', `${title}\n\nThe harbour council met on Monday about the ferry.\n`);
    const library = new Library([long]);
    const choices = sanitizeChoices(
      await findCommand('news')!.autocomplete!(
        {
          library,
          who: { userId: '1', username: 't', isAdmin: false },
          articleBaseUrl: null,
          now: new Date(),
          commands: COMMANDS,
        },
        'query',
        'harbour',
        {},
      ),
    );
    expect(choices.length).toBeGreaterThan(0);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
      expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
      // a lone surrogate cannot be encoded: Discord refuses it
      expect(() => encodeURIComponent(c.name + c.value)).not.toThrow();
    }
    const [name] = sanitizeChoices([{ name: `x${RLO}y${ESC}[2J`, value: 'v' }]);
    expect(name!.name).toBe('xy');
  });
});

describe('web pages: no control or bidi character, no link to an address the server refuses', () => {
  it('escapeHtml removes them before escaping markup', () => {
    expect(escapeHtml(`gnp${RLO}.exe <b>${ESC}]0;t\u0007`)).toBe('gnp.exe &lt;b&gt;');
  });

  it('/search lists an article whose id is too long for an address, unlinked; pages carry no bidi control', async () => {
    // nine folders of 240 characters: an id of over 2,040 characters, whose page would answer 414
    const deep = `${Array.from({ length: 9 }, (_, i) => `${i}${'d'.repeat(239)}`).join('/')}/long.txt`;
    const dir = seedsFolder({
      [deep]: 'Harbour ferry timetable for the long road\n\nThe harbour council set the ferry timetable.\n',
      'short.txt': `Harbour ferry invoice gnp${RLO}.exe\n\nThe harbour council paid the ferry invoice${RLO} on Monday.\n`,
    });
    const live = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: null });
    const web = buildWebApp({
      live,
      logger: createLogger('silent'),
      metrics: new Metrics(live),
      publicUrl: null,
    });
    try {
      const page = await web.inject('/search?q=harbour+ferry');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Harbour ferry timetable for the long road');
      expect(page.body).toContain('href="/articles/short"');
      // every link on the page is one the server answers
      for (const [, href] of page.body.matchAll(/href="([^"]*)"/g))
        expect(href!.length).toBeLessThanOrEqual(MAX_PATH_CHARS);
      expect(page.body).toContain('gnp.exe');
      expect(page.body).not.toMatch(UNSAFE);
      const article = await web.inject('/articles/short');
      expect(article.body).toContain('Harbour ferry invoice gnp.exe');
      expect(article.body).not.toMatch(UNSAFE);
      const longId = deep.replace(/\.txt$/, '');
      expect((await web.inject(`/articles/${longId}`)).statusCode).toBe(414);
    } finally {
      await web.close();
    }
  });

  it('an article path longer than the server answers is not linked', () => {
    const paths = { base: '' };
    expect(articlePath(paths, 'news/ferry')).toBe('/articles/news/ferry');
    expect(articlePath(paths, 'a'.repeat(MAX_PATH_CHARS - '/articles/'.length))).not.toBeNull();
    expect(articlePath(paths, 'a'.repeat(MAX_PATH_CHARS - '/articles/'.length + 1))).toBeNull();
    // non-ASCII ids encode to up to 12 characters each
    expect(articlePath(paths, '🎉'.repeat(200))).toBeNull();
  });
});

describe('the terminal: replies rendered with nothing an article could make it do', () => {
  it('renderReply drops escape sequences from every part, and an escaped bracket is not a link', () => {
    const payload: ReplyPayload = {
      content: `${CLEAR_SCREEN}Found ${OSC8_LINK}`,
      embeds: [
        {
          title: `T${WINDOW_TITLE}`,
          url: `https://e.org/${ESC}[2J`,
          footer: { text: `2026${C1_CSI}` },
          author: { name: `A${RLO}` },
          description: `D${WINDOW_TITLE_BEL}`,
          fields: [{ name: `F${ESC}[1m`, value: `V${ESC}P1$r${ESC}\\` }],
        },
      ],
      allowed_mentions: { parse: [] },
    };
    const text = renderReply(payload, PLAIN);
    expect(text).not.toMatch(UNSAFE);
    expect(text).toContain('Found click here');
    expect(markdownToText(escapeMarkdown(MASKED_LINK))).toBe(MASKED_LINK);
  });
});
