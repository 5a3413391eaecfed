import { describe } from 'vitest';
import { attributesBy } from '../cases.js';

describe('rule sign-off: `“…” — Name`', () => {
  attributesBy('sign-off', [
    [['“The night boat was the only way home for us.” ― Mira Olsen'], 'Mira Olsen'],
    [['“Bring back the old night boat, please.” — Karl Udeh, Harbour Residents Group.'], 'Karl Udeh'],
    [['“I waited two hours in the rain on Monday.” ― Tobias Berg.'], 'Tobias Berg'],
    // signed off on the next line, as fact checks and quote boxes print it
    [
      ['"The ferry fares have doubled since the merger."', '- Tobias Berg.', 'They have risen by a third.'],
      'Tobias Berg',
    ],
    [['"Best speech of the night. She is ready."', '-Mayor Ida Krul, posting after the rally.'], 'Ida Krul'],
    // a title of lowercase nouns before the name, as quote boxes print it
    [
      [
        '"What is worse than high prices? High prices and no jobs."',
        '– Harbour board chair Ida Krul, posting in reply to the news.',
      ],
      'Ida Krul',
    ],
    [['"We will never give it up."', '– Northern leader Karl Udeh, on passing a new law.'], 'Karl Udeh'],
  ]);
});
