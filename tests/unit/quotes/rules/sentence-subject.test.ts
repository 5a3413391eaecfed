import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../../src/articles/quotes/index.js';
import { attributesBy } from '../cases.js';

describe('rule sentence-subject: the subject of the sentence a partial quotation sits in', () => {
  attributesBy('sentence-subject', [
    [['Speaking on the radio on Monday, Borg compared the plan to "a house with no doors."'], 'Borg'],
    [['Senator Dana Pike dismissed the budget as "a plan built on sand and hope" and left.'], 'Dana Pike'],
    // a sentence adverb that opens the sentence is not its subject
    [
      [
        'Mayor Ida Krul was in the harbour on Monday.',
        'Immediately after the storm, Krul issued a statement, “Our first duty is to the families who lost their homes.”',
      ],
      'Ida Krul',
    ],
    // a word the article writes in lowercase elsewhere is capitalised only because it opens the
    // sentence ("Ferry"); a surname that is also a word keeps its capital ("Ann Rose")
    [
      [
        'The ferry was late again on Monday.',
        'Ferry regular Ana Ruiz greeted the passengers with “a song for the night shift.”',
      ],
      'Ana Ruiz',
    ],
    [
      [
        'Columnist Ann Rose was at the meeting.',
        'Prices rose again.',
        'Rose greeted the plan as “a tax on every family in the valley.”',
      ],
      'Ann Rose',
    ],
    // after a dash, a capitalised "State" is a title, not "Said Trump:"
    [['On Monday - State Rep. Ann Roe was "fairly certain that the bridge will open in spring."'], 'Ann Roe'],
    // after an earlier quotation in the sentence, a comma there or a subject pronoun starts a
    // clause of its own
    [
      [
        'In a film that critic Ann Vale called "dull and slow," Otto Borg expressed a wish to "sail alone around the cape one day."',
      ],
      'Otto Borg',
    ],
  ]);

  // `Roe said it was “clear” that Kim faced a “crisis”`: the words after an earlier quotation in
  // the same sentence go on from mid-clause; "that Dale Holdings" is not the sentence's subject.
  it.each([
    [
      'Cora Lind said the verdict was "perfectly clear to all of us" that Dale Holdings faced "a long reckoning in the courts."',
      'a long reckoning',
    ],
    [
      'Otto Borg called the plan "a mistake from the start" and ranked Mayor Ida Krul as one of the worst mayors "in the whole history of the county."',
      'in the whole history',
    ],
  ])('%s', (paragraph, piece) => {
    const quote = extractQuotes([paragraph]).find((q) => q.text.includes(piece));
    expect(quote?.speaker).toBe(paragraph.startsWith('Cora') ? 'Cora Lind' : 'Otto Borg');
  });
});
