import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../../../src/articles/quotes/index.js';
import { attributesBy } from '../cases.js';

const lead = 'Northland Foreign Minister Ivan Petrov met his counterparts on Tuesday.';

describe('rule verb-after: `"…," X said` / `said X` / `according to X`', () => {
  attributesBy('verb-after', [
    [['"We are open to talks with everyone," Petrov said.'], 'Petrov'],
    [['"Prices will fall by the summer," said Greta Holm, an economist at Fjord Bank.'], 'Greta Holm'],
    [
      [lead, '“I am confident that the answer will come soon,” the foreign minister stressed.'],
      'Ivan Petrov',
    ],
    [[lead, '“Nobody wants another long winter of quarrels,” he added.'], 'Ivan Petrov'],
    [['The lead is “about the same as it has been all spring,” reported Reuters.'], 'Reuters'],
    // a bare attribution may end in an aside after a comma
    [
      [
        '"Who would have thought we would fill this hall twice in one week?" Okafor said, looking out at the crowd.',
      ],
      'Okafor',
    ],
    // a description first and the name in apposition: the name speaks
    [
      ['"The figures were never hidden from anyone," said the mayor’s press secretary, Lydia Marsh.'],
      'Lydia Marsh',
    ],
    [
      [
        '"We expect the sale to close this year," said Brightwater’s corporate parent, the Harlow Holdings Group.',
      ],
      'Harlow Holdings Group',
    ],
    // someone who speaks for a named person or body is named after them
    [
      ['Mayor Ida Krul was at the harbour.', '“The pier is closed,” said a source close to Krul.'],
      'source close to Ida Krul',
    ],
    [['“We were not told,” a longtime adviser to Ida Krul said.'], 'longtime adviser to Ida Krul'],
    // a proper name that starts like a proxy ("the Friends of Dale") stays a name
    [['“No comment,” said the Friends of Dale.'], 'Friends of Dale'],
    // the "as" of comparison before the source
    [['The race "is a dead heat right now," as Ann Roe said on the radio on Monday.'], 'Ann Roe'],
  ]);
});

describe('rule verb-after: a quotation between dashes', () => {
  // `lamented it - "…?" - Villagers said…`: the clause after the closing dash goes on with the
  // sentence around the aside and does not attribute it.
  it('leaves the clause after the closing dash to the sentence', () => {
    const [quote] = extractQuotes([
      'Mayor Ida Krul lamented the delays - "must we wait another ten years for a bridge?" - Villagers in Dale said they were not surprised.',
    ]);
    expect(quote?.speaker).toBe('Ida Krul');
    expect(quote?.rule).toBe('verb-before');
  });
});

describe('rule verb-after: a title in quotation marks inside the attribution', () => {
  attributesBy('verb-after', [
    [
      [
        '“If you lose over and over, is it time to rebuild the team?” Gov. Ida Krul said on WNX’s “Sunday Morning Live” on Sunday.',
      ],
      'Ida Krul',
    ],
    [['“We will not sell the harbour to anyone.” Mayor Omar Vance told WNX’s “Port Talk.”'], 'Omar Vance'],
  ]);
  // a quotation (not a title) after the attribution still ends its window
  it('does not read past a second quotation', () => {
    const quotes = extractQuotes([
      '“We will not sell the harbour,” and then “the council will decide what happens to it next year,” Vance said.',
    ]);
    expect(quotes[0]?.rule).not.toBe('verb-after');
  });
});
