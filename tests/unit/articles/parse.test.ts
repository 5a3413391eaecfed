import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ANALYSED_BODY_MAX_CHARS,
  analysedParagraphCount,
  normalizeDate,
  PARAGRAPH_MAX_CHARS,
  parseArticle,
  splitLongParagraph,
} from '../../../src/articles/parse.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';

const opts = { maxBytes: 1024 * 1024 };
const bytes = (s: string) => new TextEncoder().encode(s);

describe('parseArticle: seed format', () => {
  const { article, problems } = parseArticle('news/ferry.txt', bytes(SEED_FORMAT), opts);

  it('reads title and date from the first line, leading spaces allowed', () => {
    expect(problems).toEqual([]);
    expect(article?.title).toBe('Harbour Council Approves New Ferry Route to the Islands');
    expect(article?.date).toBe('2026-02-03');
  });

  it('takes the id from the path and the section from the first folder', () => {
    expect(article?.id).toBe('news/ferry');
    expect(article?.section).toBe('news');
    expect(article?.file).toBe('news/ferry.txt');
  });

  it('finds the standfirst, headings, photo credit links and paragraphs', () => {
    expect(article?.standfirst).toBe('Ferry Link to Open in Spring, Council Says');
    expect(article?.headings).toEqual(['Costs and Timetable', 'Mixed Reactions']);
    expect(article?.links).toEqual(['https://example.org/photos/ferry-123']);
    expect(article?.paragraphs).toHaveLength(4);
    expect(article?.paragraphs.some((p) => p.startsWith('Photo:'))).toBe(false);
    expect(article?.paragraphs[1]).toMatch(/^The route will cost 4\.5 million euros/);
  });

  it('records the photo credit with its links, and the paragraph each heading comes before', () => {
    expect(article?.credits).toEqual([
      {
        text: 'example.org by A. Photographer, https://example.org/photos/ferry-123 Ferry at dawn',
        links: ['https://example.org/photos/ferry-123'],
      },
    ]);
    expect(article?.headingBefore).toEqual([1, 3]);
    expect(article?.paragraphs[3]).toMatch(/^Fishermen worry/);
  });

  it('summarises with the standfirst and whole lead sentences, at most 350 characters', () => {
    expect(
      article?.summary.startsWith('Ferry Link to Open in Spring, Council Says. The harbour council voted'),
    ).toBe(true);
    expect(article!.summary.length).toBeLessThanOrEqual(350);
    // "Mr." and "U.S." do not end a sentence, so they are never where a summary stops
    expect(article?.summary).toContain('Mr. Alvarez, who chairs the council');
  });
});

describe('parseArticle: the project seed', () => {
  const file = new URL('../../../seeds/000_5e42fcf2bce18dbd.txt', import.meta.url);
  const { article, problems } = parseArticle('000_5e42fcf2bce18dbd.txt', readFileSync(file), opts);
  it('matches what the brief says of it', () => {
    expect(problems).toEqual([]);
    expect(article?.id).toBe('000_5e42fcf2bce18dbd');
    expect(article?.section).toBeNull();
    expect(article?.title).toBe(
      'Lavrov Signals Russia’s Readiness for Talks With Trump Envoys as Macron’s Rhetoric Dismissed',
    );
    expect(article?.date).toBe('2026-01-14');
    expect(article?.standfirst).toBe('Russia Open to Dialogue With Witkoff and Kushner, Lavrov Says');
    expect(article?.headings).toHaveLength(3);
    expect(article?.links.some((l) => l.startsWith('https://creativecommons.org/'))).toBe(true);
  });
});

describe('parseArticle: front matter', () => {
  const { article, problems } = parseArticle('rail.md', bytes(FRONT_MATTER), opts);
  it('reads title, date (a YAML date), url, author and tags', () => {
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      id: 'rail',
      title: 'Rail strike ends after pay deal',
      date: '2022-06-12',
      url: 'https://news.example.com/2022/06/12/rail-strike-ends',
      author: 'Dana Reyes',
      tags: ['transport', 'labour'],
    });
    expect(article?.paragraphs).toHaveLength(2);
  });

  it('skips a file whose front matter is not YAML, and says why', () => {
    const r = parseArticle('bad.md', bytes('---\ntitle: [unclosed\n---\nBody text here.\n'), opts);
    expect(r.article).toBeNull();
    expect(r.problems[0]).toMatchObject({ file: 'bad.md', severity: 'skipped' });
    expect(r.problems[0]?.reason).toMatch(/invalid YAML front matter/);
  });

  it('skips front matter without a closing line, and without a title', () => {
    expect(parseArticle('a.md', bytes('---\ntitle: x\nBody\n'), opts).problems[0]?.reason).toMatch(/closing/);
    expect(parseArticle('b.md', bytes('---\ndate: 2022-01-01\n---\nBody.\n'), opts).problems[0]?.reason).toBe(
      'no title',
    );
  });

  it('loads an unreadable date without a date, with a warning', () => {
    const r = parseArticle('c.md', bytes('---\ntitle: T\ndate: someday\n---\nBody.\n'), opts);
    expect(r.article?.date).toBeNull();
    expect(r.problems[0]).toMatchObject({ severity: 'warning' });
  });
});

describe('parseArticle: plain text', () => {
  it('uses the first non-empty line as the title, with no date', () => {
    const { article } = parseArticle('apples.txt', bytes(`\n\n${PLAIN_TEXT}`), opts);
    expect(article?.title).toBe('Orchard growers expect record apple harvest');
    expect(article?.date).toBeNull();
    expect(article?.standfirst).toBeNull();
    expect(article?.paragraphs).toHaveLength(2);
  });

  it('does not take a full lead sentence for a standfirst or a heading', () => {
    const { article } = parseArticle(
      'lead.txt',
      bytes('Title\n\nShort lead sentence here.\n\nMore text follows.\n'),
      opts,
    );
    expect(article?.standfirst).toBeNull();
    expect(article?.headings).toEqual([]);
  });

  it('drops a dateline such as "CNN —"', () => {
    const { article } = parseArticle(
      'cnn.md',
      bytes('Title line\n\nCNN —\n\nThe story starts here.\n'),
      opts,
    );
    expect(article?.paragraphs).toEqual(['The story starts here.']);
  });
});

describe('parseArticle: bad files', () => {
  it('skips an empty file and a whitespace-only file', () => {
    expect(parseArticle('e.txt', new Uint8Array(), opts).problems[0]?.reason).toBe('empty file');
    expect(parseArticle('w.txt', bytes(' \n\n \r\n'), opts).problems[0]?.reason).toMatch(/empty/);
  });

  it('skips a binary file', () => {
    const r = parseArticle('b.txt', new Uint8Array([0x54, 0x69, 0x00, 0x01, 0x02]), opts);
    expect(r.article).toBeNull();
    expect(r.problems[0]?.reason).toMatch(/binary/);
  });

  it('skips a file over MAX_ARTICLE_BYTES', () => {
    const r = parseArticle('big.txt', bytes(`Title\n\n${'x '.repeat(100)}`), { maxBytes: 50 });
    expect(r.article).toBeNull();
    expect(r.problems[0]?.reason).toMatch(/too large .*MAX_ARTICLE_BYTES is 50/);
  });

  it('decodes invalid UTF-8 as Windows-1252 and loads it with a warning', () => {
    const latin = Uint8Array.from([...bytes('Price rise\n\nIt costs '), 0xa3, ...bytes('5 now.\n')]);
    const r = parseArticle('l.txt', latin, opts);
    expect(r.article?.paragraphs[0]).toBe('It costs £5 now.');
    expect(r.problems).toEqual([
      expect.objectContaining({ severity: 'warning', reason: expect.stringMatching(/Windows-1252/) }),
    ]);
  });

  it('decodes UTF-16 with its BOM, little- and big-endian, instead of calling it binary', () => {
    const text =
      '\uFEFF date 2024-05-06 Café prices rise\r\n\r\nA coffee costs £5 — “too much”, Zoë said.\r\n';
    const le = Buffer.from(text, 'utf16le');
    expect([le[0], le[1]]).toEqual([0xff, 0xfe]);
    const be = Buffer.from(le).swap16();
    expect([be[0], be[1]]).toEqual([0xfe, 0xff]);
    for (const [name, encoded] of [
      ['le.txt', le],
      ['be.txt', be],
    ] as const) {
      const r = parseArticle(name, encoded, opts);
      expect(r.problems).toEqual([]);
      expect(r.article).toMatchObject({
        title: 'Café prices rise',
        date: '2024-05-06',
        paragraphs: ['A coffee costs £5 — “too much”, Zoë said.'],
      });
    }
  });

  it('skips a file that starts like a UTF-16 BOM but is not UTF-16 text', () => {
    // an odd number of bytes cannot be UTF-16; NUL characters are not text
    const odd = parseArticle('odd.txt', Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x42]), opts);
    expect(odd.article).toBeNull();
    expect(odd.problems[0]?.reason).toBe('invalid UTF-16LE text');
    const nul = parseArticle('nul.txt', Uint8Array.from([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00]), opts);
    expect(nul.article).toBeNull();
    expect(nul.problems[0]?.reason).toMatch(/binary/);
  });

  it('handles a BOM and CRLF line ends', () => {
    const r = parseArticle(
      'crlf.txt',
      bytes('\uFEFF date 2024-05-06 Title here\r\n\r\nBody one.\r\n\r\nBody two.\r\n'),
      opts,
    );
    expect(r.article).toMatchObject({
      title: 'Title here',
      date: '2024-05-06',
      paragraphs: ['Body one.', 'Body two.'],
    });
  });
});

describe('normalizeDate', () => {
  it('turns dates of several shapes into YYYY-MM-DD', () => {
    expect(normalizeDate(new Date(Date.UTC(2022, 5, 12)))).toBe('2022-06-12');
    expect(normalizeDate('2022/6/2')).toBe('2022-06-02');
    expect(normalizeDate('2022-06-12T10:00:00Z')).toBe('2022-06-12');
    expect(normalizeDate(null)).toBeNull();
  });
  it('rejects days that do not exist', () => {
    expect(normalizeDate('2022-02-30')).toBeUndefined();
    expect(normalizeDate('not a date')).toBeUndefined();
  });
});

describe('long paragraphs', () => {
  const sentence = (i: number) =>
    i % 3 === 0
      ? `"The ferry ${i} will sail on time, whatever the weather," Mayor Ines Halvorsen said.`
      : `Harbour crews painted boat number ${i} before the storm reached Port Ellis.`;
  const text = (n: number) => Array.from({ length: n }, (_, i) => sentence(i)).join(' ');

  it('keeps a paragraph within PARAGRAPH_MAX_CHARS as it is', () => {
    expect(splitLongParagraph(text(3))).toEqual([text(3)]);
  });

  it('splits an overlong paragraph into whole sentences of at most the cap, losing nothing', () => {
    const long = text(400);
    const pieces = splitLongParagraph(long);
    expect(pieces.length).toBeGreaterThan(long.length / PARAGRAPH_MAX_CHARS);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(PARAGRAPH_MAX_CHARS);
      expect(piece).toMatch(/[.!?]"?$/);
    }
    expect(pieces.join(' ')).toBe(long);
  });

  it('prefers a boundary outside a quotation', () => {
    // a quotation of several sentences straddles the place where the cap would cut
    const quoted = `"${Array.from({ length: 6 }, (_, i) => `Sentence ${i} of the statement goes on a while.`).join(' ')}" she said.`;
    const block = `${'Plain words fill this opening sentence nicely. '.repeat(8).trim()} ${quoted} The end came soon after.`;
    const pieces = splitLongParagraph(block, 600);
    expect(pieces.join(' ')).toBe(block);
    for (const piece of pieces) expect((piece.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('cuts a sentence longer than the cap at words', () => {
    const words = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitLongParagraph(words, 500);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(500);
    expect(pieces.join(' ')).toBe(words);
  });

  it('reads a one-line article of many sentences as paragraphs within the cap, with its quotations', () => {
    const file = `date 2026-03-01 Storm season at Port Ellis\n\n${text(3000)}\n`;
    const { article } = parseArticle('long.txt', bytes(file), opts);
    expect(article?.paragraphs.length).toBeGreaterThan(10);
    expect(Math.max(...(article?.paragraphs ?? []).map((p) => p.length))).toBeLessThanOrEqual(
      PARAGRAPH_MAX_CHARS,
    );
    // quotations are found and attributed all along the part analysed (ANALYSED_BODY_MAX_CHARS), and not past it
    const paragraphs = article?.paragraphs ?? [];
    const analysed = analysedParagraphCount(paragraphs);
    expect(analysed).toBeLessThan(paragraphs.length);
    const upTo = paragraphs.slice(0, analysed).reduce((n, p) => n + p.length, 0);
    expect(upTo).toBeLessThanOrEqual(ANALYSED_BODY_MAX_CHARS);
    expect(upTo + (paragraphs[analysed]?.length ?? 0)).toBeGreaterThan(ANALYSED_BODY_MAX_CHARS);
    const quotes = article?.quotes ?? [];
    expect(quotes.some((q) => q.paragraph === analysed - 1 && q.speaker === 'Ines Halvorsen')).toBe(true);
    expect(quotes.every((q) => q.speaker === 'Ines Halvorsen' && q.paragraph < analysed)).toBe(true);
  });
});
