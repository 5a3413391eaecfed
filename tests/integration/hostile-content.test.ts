// What a hostile contributor's files can do to a load: work that grows faster than the input,
// absurd values, two files for one id. The inputs are big enough (up to MAX_ARTICLE_BYTES) that
// a quadratic version of any step would take minutes, so the test timeout catches a regression;
// nothing here measures time.
import { describe, expect, it, vi } from 'vitest';
import { FRONT_MATTER_MAX_CHARS } from '../../src/articles/front-matter.js';
import { loadFolder } from '../../src/articles/load.js';
import { normalizeDate, parseArticle } from '../../src/articles/parse.js';
import { extractQuotes } from '../../src/articles/quotes/index.js';
import { splitSentences } from '../../src/articles/text.js';
import { dateBound, dateRangeOptions } from '../../src/commands/options.js';
import { reloadReply } from '../../src/commands/reload.js';
import { documentTokens } from '../../src/library/analyzer.js';
import { highlightTerms } from '../../src/library/highlight.js';
import { freshnessFactor } from '../../src/library/ranking.js';
import { storyKey } from '../../src/library/stories.js';
import { oneLine } from '../../src/shown-text.js';
import { seedsFolder } from '../helpers.js';

const MiB = 1024 * 1024;
const opts = { maxBytes: MiB };
const bytes = (s: string) => new TextEncoder().encode(s);
/** `unit` repeated to about `size` bytes of UTF-8. */
const fill = (unit: string, size: number) => unit.repeat(Math.floor(size / Buffer.byteLength(unit)));

describe('words written with hyphens are found in one pass', () => {
  it('indexes and highlights a whole file of hyphenated letters with a digit at the end', () => {
    // a pattern tried from every hyphen would backtrack over the whole run each time
    const text = `${fill('a-', MiB - 10)}a1 co-op`;
    expect(documentTokens(text).at(-1)).toBe('coop');
    expect(highlightTerms(text, new Set(['coop'])).endsWith('**co-op**')).toBe(true);
  });
});

describe('sentence splitting is linear in the text', () => {
  for (const [mark, lead] of [['.'], ['!'], ['?'], ['…'], ['.!?…'], ['."'], ['”)', '.']]) {
    it(`splits around a run of ${JSON.stringify(mark)} as long as a whole file`, () => {
      const run = (lead ?? '') + fill(mark ?? '', MiB - 100);
      expect(splitSentences(`He left${run} Then he came back. "Why?" she asked.`)).toEqual([
        `He left${run}`,
        'Then he came back.',
        '"Why?" she asked.',
      ]);
      // not followed by a sentence start: one sentence
      expect(splitSentences(`He left${run} then came back`)).toHaveLength(1);
    });
  }

  it('loads a 1 MiB article that is a run of stops', () => {
    for (const mark of ['.', '!', '?', '…']) {
      const { article } = parseArticle('dots.txt', bytes(`A Title\n\nWord ${fill(mark, MiB - 20)}`), opts);
      expect(article?.title).toBe('A Title');
      expect(article?.paragraphs.join('').length).toBeGreaterThan(MiB / 4);
    }
  });
});

describe('front matter is bounded and checked', () => {
  const parse = (text: string) => parseArticle('x.md', bytes(text), opts);
  const reasons = (r: ReturnType<typeof parse>) => r.problems.map((p) => `${p.severity}: ${p.reason}`);

  it('refuses a front matter over FRONT_MATTER_MAX_CHARS without parsing it (62,000 keys: was over a minute)', () => {
    let yaml = 'title: T\n';
    for (let i = 0; yaml.length < MiB - 1000; i++) yaml += `k${i}: v\n`;
    const r = parse(`---\n${yaml}---\nBody text.`);
    expect(r.article).toBeNull();
    expect(reasons(r)).toEqual([
      `skipped: front matter too long (${yaml.length - 1} characters; at most 16,384)`,
    ]);
  });

  it('finds a key given twice among thousands in one pass, as the YAML parser did', () => {
    let yaml = 'title: T\n';
    for (let i = 0; yaml.length < FRONT_MATTER_MAX_CHARS - 20; i++) yaml += `k${i}: v\n`;
    expect(parse(`---\n${yaml}---\nBody text.`).article?.title).toBe('T');
    const lines = yaml.split('\n').length;
    const r = parse(`---\n${yaml}k7: again\n---\nBody text.`);
    expect(r.article).toBeNull();
    expect(reasons(r)).toEqual([
      `skipped: invalid YAML front matter: Map keys must be unique: "k7" at line ${lines}`,
    ]);
    // in a nested map too
    expect(reasons(parse('---\ntitle: T\nx:\n  a: 1\n  a: 2\n---\nBody text.'))).toEqual([
      'skipped: invalid YAML front matter: Map keys must be unique: "a" at line 4',
    ]);
  });

  it('refuses nesting deeper than the parser can go, and aliases to nothing', () => {
    const deep = parse(`---\ntitle: T\nx: ${'['.repeat(8000)}${']'.repeat(8000)}\n---\nBody text.`);
    expect(deep.article).toBeNull();
    expect(reasons(deep)[0]).toMatch(/^skipped: invalid YAML front matter: /);
    expect(reasons(parse('---\ntitle: T\nx: *nothing\n---\nBody text.'))[0]).toMatch(
      /^skipped: invalid YAML front matter: Unresolved alias/,
    );
  });

  it('keeps the YAML warnings in the report and never prints them (they quote the front matter)', () => {
    const printed = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const r = parse('---\ntitle: T\nsecret: !custom value\n---\nBody text.');
      expect(r.article?.title).toBe('T');
      expect(reasons(r)).toEqual(['warning: YAML front matter: Unresolved tag: !custom at line 2, column 9']);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it('leaves out a field of the wrong type with a warning, never "[object Object]" or "Infinity"', () => {
    const r = parse(
      '---\ntitle: T\ndate: .inf\nurl: {a: 1}\nauthor: [Ann Roe, Bo Li]\ntags: [a, {b: 1}, .nan, 7]\n---\nBody text.',
    );
    expect(r.article).toMatchObject({
      title: 'T',
      date: null,
      url: null,
      author: 'Ann Roe, Bo Li',
      tags: ['a', '7'],
    });
    expect(reasons(r)).toEqual([
      'warning: front-matter date is Infinity, not a date; left out',
      'warning: front-matter url is a map, not text; left out',
      'warning: front-matter tags entry is a map, not a word; left out',
    ]);
    const odd = parse('---\ntitle: 1984\ndate: true\nauthor: .nan\nlink: [a, b]\n---\nBody text.');
    expect(odd.article).toMatchObject({ title: '1984', date: null, author: null, url: null });
    expect(reasons(odd)).toEqual([
      'warning: front-matter date is true, not a date; left out',
      'warning: front-matter link is a list, not text; left out',
      'warning: front-matter author is NaN, not text; left out',
    ]);
    const map = parse('---\ntitle: {a: 1}\n---\nBody text.');
    expect(map.article).toBeNull();
    expect(reasons(map)).toEqual([
      'warning: front-matter title is a map, not text; left out',
      'skipped: no title',
    ]);
    for (const r of [parse('---\ntitle: [a, b]\n---\nBody.'), parse('---\ntitle: .inf\n---\nBody.')]) {
      expect(r.article).toBeNull();
      expect(JSON.stringify(r.problems)).not.toMatch(/object Object|Infinity"/);
    }
  });
});

describe('dates are within years 1000 to 9999', () => {
  const dateOf = (date: string) =>
    parseArticle('x.md', bytes(`---\ntitle: T\ndate: ${date}\n---\nBody.`), opts);

  it('loads an article with a five- or six-digit year, or a year below 1000, undated with a warning', () => {
    for (const date of [
      '275760-09-12',
      '10000-01-01',
      '+275760-09-12',
      '0999-12-31',
      '"1 Jan 0001"',
      '"Jan 1 99"',
    ]) {
      const r = dateOf(date);
      expect(r.article?.date, date).toBeNull();
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]?.reason).toMatch(
        /^unreadable date ".*" \(a day with a year from 1000 to 9999\); loaded without a date$/,
      );
    }
    expect(dateOf('1000-01-01').article?.date).toBe('1000-01-01');
    expect(dateOf('9999-12-31').article?.date).toBe('9999-12-31');
    expect(dateOf('"January 5, 2022"').article?.date).toBe('2022-01-05');
  });

  it('reads no date from a number that is not a four-digit year ("1 Jan 0001" is not 2001)', () => {
    expect(normalizeDate('1 Jan 0001')).toBeUndefined();
    expect(normalizeDate('04/05/22')).toBeUndefined();
    expect(normalizeDate(new Date(8.64e15))).toBeUndefined();
    expect(normalizeDate('Tue, 05 Apr 2022 10:00:00 GMT')).toBe('2022-04-05');
  });

  it('quotes an unreadable date escaped and cut, whatever the file holds', () => {
    const r = dateOf(`"2022\\u001b]0;title\\u0007${'x'.repeat(500)}"`);
    expect(r.problems[0]?.reason).toBe(
      `unreadable date "2022\\x1b]0;title\\x07${'x'.repeat(46)}…" (a day with a year from 1000 to 9999); loaded without a date`,
    );
  });
});

describe('quotation finding is linear in the names an article repeats', () => {
  // extractQuotes itself has no size bound (parseArticle gives it the first 100,000 characters):
  // 1.2 MB of text here, where a scan of every earlier mention per quotation takes minutes
  const paragraphs = (unit: string) =>
    Array.from({ length: 300 }, () => unit.repeat(Math.ceil(4000 / unit.length)));

  it('gives the fullest name to a last name repeated tens of thousands of times', () => {
    const quotes = extractQuotes(paragraphs('Sergey Lavrov arrived. "We will win this," Lavrov said. '));
    expect(quotes.length).toBeGreaterThan(15_000);
    expect(new Set(quotes.map((q) => q.speaker))).toEqual(new Set(['Sergey Lavrov']));
  });

  it('resolves a description repeated tens of thousands of times to the nearest person with that role', () => {
    const quotes = extractQuotes(
      paragraphs('Foreign Minister Ann Roe arrived. "We will win this," the foreign minister said. '),
    );
    expect(quotes.length).toBeGreaterThan(12_000);
    expect(new Set(quotes.map((q) => q.speaker))).toEqual(new Set(['Ann Roe']));
    const companies = extractQuotes(
      paragraphs('Shell Oil Co. arrived. "We will win this," the company said. '),
    );
    expect(companies.length).toBeGreaterThan(12_000);
    expect(new Set(companies.map((q) => q.speaker))).toEqual(new Set(['Shell Oil Co.']));
  });

  it('loads a 1 MiB article of one name said over and over', () => {
    const { article } = parseArticle(
      'names.txt',
      bytes(`A Title\n\n${fill('Sergey Lavrov arrived. "We will win this," Lavrov said.\n\n', MiB - 20)}`),
      opts,
    );
    expect(article?.quotes.length).toBeGreaterThan(1000);
    expect(article?.quotes.every((q) => q.speaker === 'Sergey Lavrov')).toBe(true);
  });
});

describe('one id, one article', () => {
  it('loads neither of two different files that map to one id, and names both', async () => {
    const dir = seedsFolder({
      'x.txt': 'The Real Story\n\nThe council met today.',
      'x.md': '---\ntitle: A Forged Story\n---\nSomething else.',
      'a/b.txt': 'First B\n\nOne text.',
      'a\\b.txt': 'Second B\n\nAnother text.',
      'y.txt': 'Alone\n\nKept as it is.',
    });
    const r = await loadFolder(dir, { maxBytes: MiB });
    expect(r.articles.map((a) => a.id)).toEqual(['y']);
    expect(r.problems.map((p) => `${p.file}: ${p.reason}`)).toEqual([
      'a/b.txt: same id "a/b" as a\\b.txt; none of them loaded (rename all but one)',
      'a\\b.txt: same id "a/b" as a/b.txt; none of them loaded (rename all but one)',
      'x.md: same id "x" as x.txt; none of them loaded (rename all but one)',
      'x.txt: same id "x" as x.md; none of them loaded (rename all but one)',
    ]);
  });

  it('loads byte-identical files for one id once, as any duplicate', async () => {
    const text = 'The Real Story\n\nThe council met today.';
    const r = await loadFolder(seedsFolder({ 'x.txt': text, 'x.md': text }), { maxBytes: MiB });
    expect(r.articles.map((a) => a.file)).toEqual(['x.md']);
    expect(r.problems.map((p) => p.reason)).toEqual(['duplicate of x.md; loaded once']);
  });
});

describe('file names cannot forge report lines', () => {
  const file = 'evil\nskipped: other.txt: \u001b[2Jgone\u202e.txt';

  it('escapes control and bidi characters', () => {
    expect(oneLine(file)).toBe('evil\\nskipped: other.txt: \\x1b[2Jgone\\u202e.txt');
  });

  it('keeps each problem of a reload on its own line, the names escaped', () => {
    const embed = reloadReply({
      ok: true,
      before: 1,
      after: 1,
      added: [file.replace('.txt', '')],
      changed: [],
      removed: [],
      problems: [
        { file, reason: 'empty file' },
        { file: 'a`b.txt', reason: 'empty file' },
      ],
      seconds: 0.1,
    }).reply.embeds?.[0];
    const problems = embed?.fields?.find((f) => f.name.startsWith('Problems'))?.value ?? '';
    expect(problems.split('\n')).toEqual([
      '`evil\\nskipped: other.txt: \\x1b[2Jgone\\u202e.txt`: empty file',
      '`aˋb.txt`: empty file',
    ]);
    expect(embed?.fields?.find((f) => f.name.startsWith('Added'))?.value).not.toMatch(/[\n\u001b\u202e]/);
  });
});

describe('absurd dates never reach a score', () => {
  it('refuses since/until years below 1000 (Date.UTC would read 0099 as 1999) or over 9999', () => {
    expect(dateBound('0099', 'since')).toBeNull();
    expect(dateBound('0050-06', 'until')).toBeNull();
    expect(dateBound('0999-12-31', 'until')).toBeNull();
    expect(dateBound('1000', 'since')).toBe('1000-01-01');
    expect(dateBound('9999-12', 'until')).toBe('9999-12-31');
    const refused = dateRangeOptions({ since: '0099' });
    expect(refused).toEqual({
      error:
        '`since` must be a date as YYYY-MM-DD, YYYY-MM or YYYY, with a year from 1000 to 9999, got "0099".',
    });
  });

  it('gives a date that is not a day the freshness of an undated article, never NaN', () => {
    const interest = { since: '2022-09-29', until: '2022-09-29' };
    for (const date of ['+275760-09', 'not a day', '2022-13-45'])
      expect(freshnessFactor(date, interest)).toBe(freshnessFactor(null, interest));
    expect(storyKey('+275760-09', new Map([['ferry', 1]])).day).toBeNull();
  });
});
