import { describe } from 'vitest';
import { attributesBy } from './cases.js';

describe('inherit:previous-in-paragraph', () => {
  attributesBy('inherit:previous-in-paragraph', [
    [
      [
        'Mayor Otto Kral said: "The wait is over." Then he sat down. "Now the real work on the tunnel begins."',
      ],
      'Otto Kral',
    ],
  ]);
});

describe('inherit:colon-before', () => {
  attributesBy('inherit:colon-before', [
    [
      ['Mayor Otto Kral told the council:', '"The tunnel will open in spring, whatever the cost."'],
      'Otto Kral',
    ],
  ]);
});

describe('inherit:previous-paragraph', () => {
  attributesBy('inherit:previous-paragraph', [
    [
      [
        '"We have waited for this decision for a decade," Mayor Otto Kral said.',
        '"Now the real work begins for all of us."',
      ],
      'Otto Kral',
    ],
  ]);
});

describe('inherit:speech-sentence-before', () => {
  attributesBy('inherit:speech-sentence-before', [
    [
      [
        'The harbour was quiet.',
        'Captain Ines Moll continued her remarks.',
        '"Nobody sails until the storm passes."',
      ],
      'Ines Moll',
    ],
    // an inverted tag ending the sentence names the source, not the pronoun that opens it
    [
      [
        'Director Omar Vance filmed the harbour for a year.',
        'Ana Lind sailed there as a girl. Watching the film changed her mind, and she hopes it does the same for others, said Vance.',
        '"I want people to see the harbour as we saw it."',
      ],
      'Omar Vance',
    ],
    // "…, Lind said" and "…, saying …" are left to the sentence's subject
    [
      [
        'Omar Vance spoke at the harbour, saying the film was finished.',
        '"I want people to see the harbour as we saw it."',
      ],
      'Omar Vance',
    ],
  ]);
});

describe('inherit:sentence-before', () => {
  attributesBy('inherit:sentence-before', [
    [['Borg distanced himself from the plan. "I am going to vote against it on Friday."'], 'Borg'],
  ]);
});
