import { describe } from 'vitest';
import { attributesBy } from '../cases.js';

describe('rule sentence-end: `… “partial” …, X said.`', () => {
  attributesBy('sentence-end', [
    [
      ['A clerk who “takes a few coins from the till” is fired at once, Nadia Roth said. Bosses are not.'],
      'Nadia Roth',
    ],
    [['Shops that “ignore the new rules on plastic” will pay, the council said on Monday.'], null],
  ]);
});
