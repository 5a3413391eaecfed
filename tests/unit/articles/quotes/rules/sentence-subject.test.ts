import { describe } from 'vitest';
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
  ]);
});
