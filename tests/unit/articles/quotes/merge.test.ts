import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../../src/articles/quotes/index.js';

// Invented fixtures: people, places and words are made up for these tests.
// One attribution, one quotation: each case is [paragraph, the quotations it holds].
type MergeCase = [paragraph: string, quotations: string[]];

const lead = 'Harbour Commissioner Ines Moraga spoke to reporters on Friday.';

function quotationsIn(paragraph: string): string[] {
  return extractQuotes([lead, paragraph]).map((q) => q.text);
}

describe('mergeSplitQuotes: pieces that share one attribution become one quotation', () => {
  const cases: MergeCase[] = [
    [
      '"The docks will reopen in May," Moraga said, "once the cranes are repaired."',
      ['The docks will reopen in May … once the cranes are repaired.'],
    ],
    [
      '"If the port waits, the ships go elsewhere," the union\'s spokesman says, "and who can blame them?"',
      ['If the port waits, the ships go elsewhere … and who can blame them?'],
    ],
    [
      'A union spokesman called the plan "a costly mistake" and "a gift to the shipping lines."',
      ['a costly mistake … a gift to the shipping lines.'],
    ],
    [
      'A union spokesman said the delay was "a serious problem for the city" but "nobody wants to admit it."',
      ['a serious problem for the city … nobody wants to admit it.'],
    ],
  ];
  it.each(cases)('%s', (paragraph, quotations) => {
    expect(quotationsIn(paragraph)).toEqual(quotations);
  });
});

describe('mergeSplitQuotes: a piece with a speech act of its own is a quotation of its own', () => {
  const cases: MergeCase[] = [
    [
      '"The docks will reopen in May," Moraga said, adding later, "The cranes are the hard part."',
      ['The docks will reopen in May', 'The cranes are the hard part.'],
    ],
    [
      '"We have waited long enough," Moraga told the council before asking it, "Who will pay for the cranes?"',
      ['We have waited long enough', 'Who will pay for the cranes?'],
    ],
    [
      'Moraga said she was "against the sale of the docks" because of the cost. "I have read the numbers," she said.',
      ['against the sale of the docks', 'I have read the numbers'],
    ],
    [
      'Moraga said the vote showed "the city still cares about its harbour." "We will not sell it," said Moraga.',
      ['the city still cares about its harbour.', 'We will not sell it'],
    ],
  ];
  it.each(cases)('%s', (paragraph, quotations) => {
    expect(quotationsIn(paragraph)).toEqual(quotations);
  });

  it('a speech word used as a noun is not a second speech act ("in an email", "the Post")', () => {
    expect(
      quotationsIn(
        '"The docks will reopen," Moraga wrote in an email to the Harbour Post. "The cranes come first."',
      ),
    ).toEqual(['The docks will reopen … The cranes come first.']);
  });

  it('keeps a long run of pieces, each with its own attribution, as that many quotations', () => {
    // Speed is measured by `npm run bench`; this checks nothing is lost or joined across cues.
    const quotes = quotationsIn('"a b c d," she said, '.repeat(500));
    expect(quotes).toEqual(new Array(500).fill('a b c d'));
  });
});
