// Speakers on real pages (issue 22, part 2), one table per rule, with invented text. The last
// quotation of the paragraphs must go to the speaker given (null: no one, rather than a wrong one).
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/articles/quotes/index.js';
import type { Case } from './cases.js';

function speakers(cases: readonly Case[]): void {
  it.each(cases)('%j -> %s', (paragraphs, speaker) => {
    const quotes = extractQuotes(paragraphs);
    expect(quotes[quotes.length - 1]?.speaker ?? null).toBe(speaker);
  });
}

describe('speakers: only a name that names a person is a pronoun antecedent', () => {
  speakers([
    // a name opening with a lowercase particle and no given name is a group's; "She" opening the
    // sentence after "Ann Dunn met with Bo Lind" tells Ann Dunn's gender
    [
      [
        'In 2004, Ann Dunn met with Bo Lind in Dale. She asked him about the deals. Did he sell arms to al Nasra?',
        '"It is a lie," he said.',
      ],
      'Bo Lind',
    ],
    // a plural party word after role words is a group, not a person
    [
      [
        'Mila Dorn spoke to students in Dale. Her remarks were cheered by White House Democrats.',
        '"We are not going anywhere," she said.',
      ],
      'Mila Dorn',
    ],
    // a name with a digit is a thing's; a role word like "new" makes no one a person
    [
      [
        'Mila Dorn runs the lab. Cases of the new Covid-19 variant rose in Dale.',
        '"We are ready for it," she said.',
      ],
      'Mila Dorn',
    ],
  ]);
});
