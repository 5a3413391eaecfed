import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../../src/articles/quotes/index.js';
import type { Case } from './cases.js';

const lead = 'Northland Foreign Minister Ivan Petrov met his counterparts in the capital on Tuesday.';

/** Whatever rule attributes it, the last quotation's speaker is the name the article gives. */
function speakers(cases: readonly Case[]): void {
  it.each(cases)('%j -> %s', (paragraphs, speaker) => {
    const quotes = extractQuotes(paragraphs);
    expect(quotes[quotes.length - 1]?.speaker ?? null).toBe(speaker);
  });
}

describe('names: the fullest name the article gives', () => {
  speakers([
    [[lead, '"We are open to talks with everyone," Petrov said.'], 'Ivan Petrov'],
    [
      ['Mayor Otto Kral opened the bridge.', 'Otto Kral later spoke.', '"It carries us all," Kral said.'],
      'Otto Kral',
    ],
  ]);
});

describe('names: pronouns', () => {
  speakers([
    // across paragraphs: the subject of the nearest sentence with a name
    [
      [lead, 'The talks went on past midnight.', '"Nobody wants another long winter," he said.'],
      'Ivan Petrov',
    ],
    // not a name inside a quotation
    [[lead, '"Ask Varga what he wants," Petrov said.', '"The door stays open," he added.'], 'Ivan Petrov'],
  ]);
});

describe('names: descriptions and organisations', () => {
  speakers([
    [[lead, '“The answer will come soon,” the foreign minister stressed.'], 'Ivan Petrov'],
    [
      ['The Harbour Times reported the leak first.', '“The files show payments,” the newspaper wrote.'],
      'The Harbour Times',
    ],
    // an unnamed source stays unnamed
    [['"The plan was never going to work," a senior official said.'], null],
  ]);
});

describe('names: possessives', () => {
  speakers([
    // the possessor's body speaks under the possessor's name
    [
      ['Governor Rosa Lind toured the port.', '"We will win in May," Lind’s campaign said in a statement.'],
      "Rosa Lind's campaign",
    ],
    // a role then a name: the name, not the possessor
    [['"The figures were never hidden," said Lind’s press secretary, Lydia Marsh.'], 'Lydia Marsh'],
    [
      ['Lind’s press secretary, Lydia Marsh, said the figures "were never hidden from anyone."'],
      'Lydia Marsh',
    ],
  ]);

  it('a possessive fragment is never a name', () => {
    const quotes = extractQuotes(['Kara’s latest "is nothing but a publicity stunt for the cameras."']);
    expect(quotes.map((q) => q.speaker)).not.toContain('Kara’s latest');
    expect(quotes.map((q) => q.speaker)).not.toContain("Kara's latest");
  });
});

describe('titles are not speech', () => {
  it('leaves out a title-case quotation and keeps the sentence readable for the next one', () => {
    const quotes = extractQuotes([
      'Senator Dana Pike said on "Meet the Press" that the budget was "a plan built on sand and hope."',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([['a plan built on sand and hope.', 'Dana Pike']]);
  });
});
