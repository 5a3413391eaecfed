import { describe } from 'vitest';
import { attributesBy } from '../cases.js';

describe('rule sentence-subject: the subject of the sentence a partial quotation sits in', () => {
  attributesBy('sentence-subject', [
    [['Speaking on the radio on Monday, Borg compared the plan to "a house with no doors."'], 'Borg'],
    [['Senator Dana Pike dismissed the budget as "a plan built on sand and hope" and left.'], 'Dana Pike'],
  ]);
});
