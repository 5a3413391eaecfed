import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { plainFrontMatter, readFrontMatter } from '../../../src/articles/front-matter.js';
import type { Problem } from '../../../src/articles/types.js';

/** What the YAML parser reads, as readFrontMatter asks it. */
const byParser = (source: string) => parseDocument(source, { uniqueKeys: false }).toJS();

describe('plainFrontMatter: the YAML parser skipped for key: text lines', () => {
  const plain = [
    'title: Mercedes Eqe Amg\ndate: 2022-02-16\nurl: https://example.com/2022/02/16/cars/index.html\nauthor: Ann Roe',
    'title:   Extra spaces after the colon',
    'title: A colon:inside and a hash# inside, [brackets] {braces} and "quotes" later',
    'title: Zoë’s café — “curly” quotes … and accents',
    'title: yes\nauthor: no\ntags: on, off, y, n',
    'title: Ends with a question?\nlink: http://a.example/x?y=1&z=2',
    'title: Sure? 100%, one in 3 — wait',
    'Title: Capitalised key\nauthors: Ann Roe, Ida Cole',
  ];
  it.each(plain)('gives what the parser gives: %j', (source) => {
    const fields = plainFrontMatter(source);
    expect(fields).not.toBeNull();
    expect({ ...fields }).toEqual(byParser(source));
  });

  const parserOnly = [
    'title: "Quoted"',
    "title: 'Single'",
    'title: 2024',
    'title: 1e3',
    'title: .inf',
    'title: -1',
    'title: +1',
    'title: ~',
    'title: null',
    'title: True',
    'title: FALSE',
    'title: Two: maps',
    'title: A comment # here',
    'title: ends:',
    'title: [a, b]',
    'title: {a: b}',
    'title: &anchor x\nurl: *anchor',
    'title: !!str x',
    'title: |\n  block',
    'title: >\n  folded',
    'title: a\ntitle: b',
    'title: first line\n  continued',
    'title: tab\there',
    'title: crlf\r',
    'title:',
    '',
    '# a comment',
    'tags:\n  - a\n  - b',
    '- a list',
    '__proto__: x',
    'date: 2022-02-16T10:00:00Z',
    'title: bom \ufeff',
    'title: emoji 🎉',
  ];
  it.each(parserOnly)('leaves to the parser: %j', (source) => {
    expect(plainFrontMatter(source)).toBeNull();
  });

  it('agrees with the parser on every generated line it reads itself', () => {
    // invented values from the characters YAML treats specially, with a fixed seed
    const alphabet = [...'aZ09 -?:,[]{}#&*!|>\'"%@`+.~\t/\\=<_éß—“”…', 'true', 'null', 'No', ': ', ' #'];
    let seed = 17;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let read = 0;
    for (let k = 0; k < 3000; k++) {
      let value = '';
      const length = 1 + next(8);
      for (let c = 0; c < length; c++) value += alphabet[next(alphabet.length)];
      const source = `title: ${value}`;
      const fields = plainFrontMatter(source);
      if (fields === null) continue;
      read++;
      expect({ ...fields }, source).toEqual(byParser(source));
    }
    expect(read).toBeGreaterThan(100);
  });

  it('reads the same fields through readFrontMatter either way', () => {
    const source =
      'title: Ann Roe wins\ndate: 2022-02-16\nurl: https://example.com/a\nauthor: Ida Cole\ntags: a, b';
    const problems: Problem[] = [];
    expect(readFrontMatter('a.md', source, problems)).toEqual({
      title: 'Ann Roe wins',
      date: '2022-02-16',
      url: 'https://example.com/a',
      author: 'Ida Cole',
      tags: ['a', 'b'],
    });
    expect(problems).toEqual([]);
  });
});
