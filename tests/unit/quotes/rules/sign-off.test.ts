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
  ]);
});
