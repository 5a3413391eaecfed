import { describe, expect, it } from 'vitest';
import { invalidRecordReason } from '../../../src/library/cache-records.js';

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
