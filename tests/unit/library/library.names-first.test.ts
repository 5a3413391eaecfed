import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { articleWith } from '../../helpers.js';

// Library.search puts first the hits that have the question's name word after word (namesFirst):
// a name split by a comma or a full stop does not count, a name in a caption or at the very end
// of a long article does, and a one-slip spelling counts as the near spelling it was looked up by.

/** Paragraphs before the name in the long article: the name is read only after all of them. */
const LONG_PARAGRAPHS = 300;

const comma = articleWith({
  id: 'comma',
  title: 'Raphael, Warnock and the runoff: Raphael, Warnock again',
  date: '2022-12-06',
  paragraphs: ['Voters in Raphael, Warnock county and Raphael, Warnock town queued late.'],
});
const stop = articleWith({
  id: 'full-stop',
  title: 'Saint Raphael. Warnock votes: Raphael. Warnock counts',
  date: '2022-12-05',
  paragraphs: ['They met at Raphael. Warnock was not there. Raphael. Warnock again.'],
});
const apart = articleWith({
  id: 'apart',
  title: 'Raphael Smith and Jo Warnock at the count',
  date: '2022-12-04',
  paragraphs: ['Raphael Smith spoke first, then Jo Warnock.'],
});
const caption = articleWith({
  id: 'caption',
  title: 'The count goes on in Atlanta',
  date: '2022-12-03',
  paragraphs: ['The count went on through the night in Atlanta.'],
  furniture: [{ kind: 'caption', text: 'Senator Raphael Warnock at a rally on Monday.', before: 1 }],
});
const late = articleWith({
  id: 'late',
  title: 'A long night of counting',
  date: '2022-12-02',
  paragraphs: [
    ...Array.from({ length: LONG_PARAGRAPHS }, (_, i) => `Counting went on in precinct ${i} of the county.`),
    'In the end the winner was Senator Raphael Warnock.',
  ],
});

const ids = (lib: Library, query: string) => lib.search(query, { max: 10 }).map((h) => h.article.id);

describe('Library.search: names first', () => {
  const lib = new Library([comma, stop, apart, caption, late]);

  it('puts first only the articles with the name word after word, in caption or late in the text', () => {
    const found = ids(lib, 'Raphael Warnock');
    expect(new Set(found.slice(0, 2))).toEqual(new Set(['caption', 'late']));
    expect(new Set(found.slice(2))).toEqual(new Set(['comma', 'full-stop', 'apart']));
  });

  it('finds a misspelt name no article has only where the right spelling stands as the name', () => {
    expect(new Set(ids(lib, 'Raphael Warnok'))).toEqual(new Set(['caption', 'late']));
  });

  it('takes a one-slip spelling as the name when an article has the misspelling too', () => {
    // "Warnok" is in an article, so every hit is kept, and it is looked up by its slips
    const misspelt = articleWith({
      id: 'misspelt-split',
      title: 'Raphael, Warnok and Raphael, Warnok: the runoff',
      date: '2022-12-07',
      paragraphs: ['Raphael, Warnok county and Raphael, Warnok town voted.'],
    });
    const found = ids(new Library([comma, stop, apart, caption, late, misspelt]), 'Raphael Warnok');
    expect(new Set(found.slice(0, 2))).toEqual(new Set(['caption', 'late']));
    expect(found.slice(2)).toContain('misspelt-split');
  });
});
