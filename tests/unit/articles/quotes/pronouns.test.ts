// Pronoun antecedents (src/articles/quotes/pronouns.ts), on invented text: one table per rule.
import { describe } from 'vitest';
import { speakers } from './cases.js';

describe('pronouns: a possessor in the pronoun’s own clause is not its antecedent', () => {
  speakers([
    [
      [
        'Economist Omar Vance studies the port.',
        'Vance said the budget was too small.',
        'Yet none of Mayor Ida Brandt’s plans would “do much for the harbour in the next decade,” he said.',
      ],
      'Omar Vance',
    ],
    // a possessor in an earlier sentence is still a person in focus
    [
      [
        'Mayor Ida Brandt’s budget passed on Monday.',
        '“We will rebuild the harbour within the next decade,” she said.',
      ],
      'Ida Brandt',
    ],
  ]);
});

describe('pronouns: a semicolon ends a clause, and the last clause’s subject is in focus', () => {
  speakers([
    [
      [
        'Ida Brandt and her daughter Ana Brandt arrived at the harbour together.',
        'Ida Brandt wore a grey coat; Ana Brandt wore a red one.',
        'She waved to the crowd. “We are so glad to be home again,” she said.',
      ],
      'Ana Brandt',
    ],
    // without a semicolon, the sentence's subject stays in focus
    [
      ['Ida Brandt arrived at the harbour with Ana Brandt.', '“We are so glad to be home again,” she said.'],
      'Ida Brandt',
    ],
  ]);
});

describe('descriptions: "the CEO" is the one in office, not a former one', () => {
  speakers([
    [
      [
        'Dale Holdings brought back its former CEO Omar Vance on Sunday.',
        'Ida Brandt, who ran the parks division before, apologized for the delays.',
        'In a letter to staff, the CEO said the plan was “a mistake that I own and will put right.”',
      ],
      'Ida Brandt',
    ],
    // "the former CEO" is the former one
    [
      [
        'Dale Holdings brought back its former CEO Omar Vance on Sunday.',
        'Ida Brandt apologized for the delays.',
        'In a letter to staff, the former CEO said the plan was “a mistake that we all will put right.”',
      ],
      'Omar Vance',
    ],
  ]);
});

describe('pronouns: a sentence opened by the same pronoun passes it on', () => {
  speakers([
    [
      [
        'The new Omar Vance is the same as the old Omar Vance.',
        'He attacked Mayor Piet Lind as weak, and praised Governor Bo Krul.',
        'When the 60-year-old former harbour master unveiled a “plan to save our port,” he outlined his case.',
      ],
      'Omar Vance',
    ],
    // a sentence opened by a pronoun of the other gender is about someone else
    [
      [
        'The new Omar Vance is the same as the old Omar Vance.',
        'She attacked Mayor Piet Lind as weak.',
        'When the former harbour master unveiled a “plan to save our port,” he outlined his case.',
      ],
      'Piet Lind',
    ],
  ]);
});
