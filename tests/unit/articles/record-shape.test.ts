import { describe, expect, it } from 'vitest';
import { areStamps } from '../../../src/articles/hash-files.js';
import { readAndParse } from '../../../src/articles/parse-pool.js';
import { invalidOutcomeReason, invalidRecordReason, isProblem } from '../../../src/articles/record-shape.js';
import { FRONT_MATTER, PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

/** A record as load.ts makes it for an invented file, with one article. */
function record(article: Record<string, unknown> = {}) {
  return {
    file: 'harbour.txt',
    size: 120,
    mtimeMs: 1_700_000_000_000,
    hash: 'a'.repeat(40),
    problems: [],
    article: {
      id: 'harbour',
      file: 'harbour.txt',
      section: null,
      title: 'Harbour reopens',
      date: '2024-03-01',
      url: null,
      author: null,
      tags: [],
      standfirst: null,
      headings: [],
      paragraphs: ['The harbour reopened on Monday.', '"It is a good day," said the mayor.'],
      links: [],
      furniture: [{ kind: 'caption', text: 'Boats in the harbour', before: 1 }],
      summary: 'The harbour reopened on Monday.',
      quotes: [{ text: 'It is a good day', speaker: 'the mayor', role: null, paragraph: 1, rule: 'said' }],
      ...article,
    },
  };
}

describe('a cached file record', () => {
  it('is accepted as load.ts makes it, furniture or none', () => {
    expect(invalidRecordReason(record())).toBeNull();
    expect(invalidRecordReason(record({ furniture: undefined }))).toBeNull();
  });

  it('is refused when a field the readers use is missing, furniture included', () => {
    expect(invalidRecordReason(record({ summary: undefined }))).toBe('the summary of harbour.txt');
    expect(invalidRecordReason(record({ furniture: [{ kind: 'caption', before: 1 }] }))).toBe(
      'the furniture of harbour.txt',
    );
    expect(invalidRecordReason(record({ furniture: [{ kind: 'caption', text: 'Boats' }] }))).toBe(
      'the furniture of harbour.txt',
    );
    // placed past the last paragraph
    expect(invalidRecordReason(record({ furniture: [{ kind: 'caption', text: 'Boats', before: 3 }] }))).toBe(
      'the furniture of harbour.txt',
    );
    expect(invalidRecordReason(record({ furniture: { kind: 'caption' } }))).toBe(
      'the furniture of harbour.txt',
    );
    expect(
      invalidRecordReason(
        record({ quotes: [{ text: 'It is a good day', speaker: null, paragraph: 1, rule: null }] }),
      ),
    ).toBe('the quotations of harbour.txt');
  });
});

describe('a problem (issue 17: one without its file made check throw in oneLine)', () => {
  it('has a file, a reason and a severity, wherever it comes from', () => {
    expect(isProblem({ file: 'a.txt', reason: 'empty file', severity: 'skipped' })).toBe(true);
    expect(isProblem({ reason: 'cannot read', severity: 'skipped' })).toBe(false);
    expect(isProblem({ file: 'a.txt', severity: 'skipped' })).toBe(false);
    expect(isProblem({ file: '', reason: 'empty file', severity: 'skipped' })).toBe(false);
    expect(isProblem({ file: 'a.txt', reason: 'empty file', severity: 'fatal' })).toBe(false);
    expect(isProblem(null)).toBe(false);
  });

  it('refuses a cached record whose problem has no file', () => {
    const problems = [{ reason: 'cannot read: no such file or folder', severity: 'skipped' }];
    expect(invalidRecordReason({ ...record(), article: null, hash: null, problems })).toBe(
      'the problems of harbour.txt',
    );
  });

  it('accepts the article of a file named with a backslash, whose Article.file has a slash there', () => {
    const withBackslash = record({ file: 'harbour/a.txt', id: 'harbour/a' });
    expect(invalidRecordReason({ ...withBackslash, file: 'harbour\\a.txt' })).toBeNull();
    expect(invalidRecordReason({ ...withBackslash, file: 'harbour\\b.txt' })).toBe(
      'an article of another file',
    );
  });
});

describe("a parse worker's outcome", () => {
  it('is accepted as readAndParse makes it: parsed, refused, unchanged, with or without problems', async () => {
    const files = {
      'a.md': FRONT_MATTER,
      'b.txt': SEED_FORMAT,
      'c.txt': PLAIN_TEXT,
      'empty.txt': '',
      'big.txt': 'x'.repeat(2000),
    };
    const root = seedsFolder({ ...files, 'a\\b.txt': PLAIN_TEXT });
    const kinds = new Set<string>();
    for (const file of [...Object.keys(files), 'a\\b.txt', 'gone.txt']) {
      const outcome = await readAndParse({ root, file, maxBytes: 1500, previousHash: null });
      expect(invalidOutcomeReason(outcome, file)).toBeNull();
      kinds.add(outcome.kind);
      if (outcome.kind === 'parsed') {
        const again = await readAndParse({ root, file, maxBytes: 1500, previousHash: outcome.hash });
        expect(invalidOutcomeReason(again, file)).toBeNull();
        kinds.add(again.kind);
      }
    }
    expect([...kinds].sort()).toEqual(['parsed', 'refused', 'unchanged']);
  });

  it('is refused without its reason, hash or stat, with a problem of no file or another, or an article of another file', async () => {
    const stat = { size: 10, mtimeMs: 1 };
    expect(invalidOutcomeReason({ kind: 'refused', ...stat }, 'a.txt')).toBe('the reason a.txt was refused');
    expect(invalidOutcomeReason({ kind: 'refused', reason: 'x' }, 'a.txt')).toBe('the size or time of a.txt');
    expect(invalidOutcomeReason({ kind: 'unchanged', hash: null, ...stat }, 'a.txt')).toBe(
      'the hash of a.txt',
    );
    expect(invalidOutcomeReason({ kind: 'other', ...stat }, 'a.txt')).toBe('the kind of outcome of a.txt');
    expect(invalidOutcomeReason(undefined, 'a.txt')).toBe('an outcome is not an object');
    const root = seedsFolder({ 'a.txt': PLAIN_TEXT, 'empty.txt': '' });
    const parsed = await readAndParse({ root, file: 'a.txt', maxBytes: 1e6, previousHash: null });
    if (parsed.kind !== 'parsed') throw new Error('a.txt did not parse');
    const withProblems = (problems: unknown[]) => ({ ...parsed, parsed: { ...parsed.parsed, problems } });
    expect(invalidOutcomeReason(withProblems([{ reason: 'x', severity: 'warning' }]), 'a.txt')).toBe(
      'the problems of a.txt',
    );
    expect(
      invalidOutcomeReason(withProblems([{ file: 'b.txt', reason: 'x', severity: 'warning' }]), 'a.txt'),
    ).toBe('the problems of a.txt');
    expect(invalidOutcomeReason(parsed, 'b.txt')).toBe('an article of another file');
    // a parse worker's index analysis is text or nothing
    expect(invalidOutcomeReason({ ...parsed, analysis: '{}' }, 'a.txt')).toBeNull();
    expect(invalidOutcomeReason({ ...parsed, analysis: null }, 'a.txt')).toBeNull();
    expect(invalidOutcomeReason({ ...parsed, analysis: { terms: 1 } }, 'a.txt')).toBe(
      'the index analysis of a.txt',
    );
    const empty = await readAndParse({ root, file: 'empty.txt', maxBytes: 1e6, previousHash: null });
    expect(invalidOutcomeReason(empty, 'empty.txt')).toBeNull();
    expect(invalidOutcomeReason(empty, 'other.txt')).toBe('the problems of other.txt');
  });
});

describe("the hashing worker's stamps", () => {
  it('are one per file, in order, with a size, a time and a hash or none', () => {
    const stamp = (file: string, hash: string | null = 'b'.repeat(40)) => ({
      file,
      size: 3,
      mtimeMs: 1.5,
      hash,
    });
    expect(areStamps([stamp('a.txt'), stamp('b.txt', null)], ['a.txt', 'b.txt'])).toBe(true);
    expect(areStamps([stamp('b.txt'), stamp('a.txt')], ['a.txt', 'b.txt'])).toBe(false);
    expect(areStamps([stamp('a.txt')], ['a.txt', 'b.txt'])).toBe(false);
    expect(areStamps([{ ...stamp('a.txt'), size: undefined }], ['a.txt'])).toBe(false);
    expect(areStamps([stamp('a.txt', 'nothex')], ['a.txt'])).toBe(false);
    expect(areStamps([null], ['a.txt'])).toBe(false);
    expect(areStamps(undefined, [])).toBe(false);
  });
});
