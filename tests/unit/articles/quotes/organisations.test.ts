// Organisations' names (issue 22): short forms defined in brackets, "Department of …" initials, a
// body's name read whole across "of"/"for the". Invented text, never corpus text.
import { describe, expect, it } from 'vitest';
import { abbreviates, invertedInitials, isCountry } from '../../../../src/articles/quotes/organisations.js';
import { buildRegistry } from '../../../../src/articles/quotes/registry.js';
import { findQuoteSpans } from '../../../../src/articles/quotes/spans.js';
import { articleText } from '../../../../src/articles/quotes/words.js';
import { speakers } from './cases.js';

describe('speakers: a short form defined in brackets stands for the full name', () => {
  speakers([
    // an acronym used before the article defines it
    [
      [
        'Arrests rose sharply, according to a DLW report.',
        'Many arrests rest on rumours “and unverified claims made in online forums,” DLW writes.',
        'Ann Roe, a researcher at Dale Liberty Watch (DLW), said the trend was worrying.',
      ],
      'Dale Liberty Watch (DLW)',
    ],
    // a short form of two words, one of them from the name
    [
      [
        'The region’s Office of Flood and River Protection (River Guard) published a new map.',
        '“Much has changed since the last survey was drawn,” River Guard said in a release.',
      ],
      'Office of Flood and River Protection (River Guard)',
    ],
    // brackets that do not abbreviate the name define nothing: a party, a note
    [
      [
        'Senator Ann Roe (R) spoke first. Dale Holdings (Nasdaq) fell.',
        '“We will look at every option we have,” Nasdaq said.',
      ],
      'Nasdaq',
    ],
  ]);
});

describe('speakers: "the X Department" has the initials of "Department of X"', () => {
  speakers([
    [
      [
        'The Fisheries Department said the quota would fall.',
        '“The quota covers only the boats licensed before the spring,” DOF says.',
      ],
      'The Fisheries Department (DOF)',
    ],
  ]);
});

describe('speakers: a body’s name is read whole across "of" and "for the"', () => {
  speakers([
    // "National" heading a body's name is part of it, not a role
    [
      [
        'Long-term use is untested, according to the National Center for Sleep and Rest Studies.',
        'The supplement is “a hormone that can act even at small doses,” according to the National Center for Sleep and Rest Studies.',
      ],
      'National Center for Sleep and Rest Studies',
    ],
    // "the" inside the name, and a source phrase cut at "of" taking the name the article wrote
    [
      [
        'The ruling Friday by the Dale Court of Appeals for the Northern District of Vale affirmed the order, but added: “For now, the state may close the road, but only at night.”',
      ],
      'Dale Court of Appeals for the Northern District of Vale',
    ],
  ]);
});

describe('speakers: a body named by place and kind is the body the text named', () => {
  speakers([
    // the body whose name holds the words, even one named only inside a quotation
    [
      [
        'The Dale officer is on leave.',
        '“The Town of Dale and the Dale Police Department take every complaint seriously,” a Dale police statement said.',
      ],
      'Dale Police Department',
    ],
    // the office the text placed there with "in"
    [
      [
        'Light ash could fall on the coast, the Weather Service in Vale said.',
        '“Anyone outside should wear a mask,” the Vale office warned.',
      ],
      'Weather Service in Vale',
    ],
    // "in" after the body's name, in the source itself
    [['“Light ash could fall on the coast,” the Weather Service in Vale said.'], 'Weather Service in Vale'],
    // no body named with those words: the place and kind are its name
    [
      [
        'The Vale Emergency Agency opened shelters.',
        'Residents can expect “smoke, ash and poor air in several areas,” the Vale health department said.',
      ],
      'Vale health department',
    ],
    // not a kind of public body: the person's administration is not rewritten
    [
      [
        'President Ann Roe signed the order on Monday.',
        '“We will not wait for Congress to act on this,” the Roe administration said.',
      ],
      'Ann Roe',
    ],
  ]);
});

describe('speakers: a description of a body by its kind words names that body', () => {
  speakers([
    // a modifier that is a word of the body's name, though the registry took it for a person
    [
      [
        'Dale Ratings cut the country’s credit score on Tuesday.',
        '“Further sanctions could hurt the ability to pay debts,” the ratings agency said in a statement.',
      ],
      'Dale Ratings',
    ],
    // an indefinite description in the lead, named in the next paragraphs
    [
      [
        'Families may stay “only where they will not be harmed,” a regional appeals court ruled Friday.',
        'The ruling by the Vale Court of Appeals for the Dale District affirmed part of the order.',
      ],
      'Vale Court of Appeals for the Dale District',
    ],
    // a modifier that is not the last word of a name does not name the body ("Space Force" is no
    // space agency): the nearer name with the head word is it
    [
      [
        'The Dale Hurricane Center tracked the storm. Hurricane Ann moved north.',
        '“A few tornadoes are possible on Monday,” the hurricane center said.',
      ],
      'The Dale Hurricane Center',
    ],
    // a body of another kind with the same modifier is not the one described: the agency is
    [
      [
        'The State Department issued a warning. Ann Roe runs the Dale Environmental Agency.',
        '“We will review the permits this spring,” the state agency said.',
      ],
      'Dale Environmental Agency',
    ],
  ]);
});

describe('speakers: a country is not the organisation "the company" stands for', () => {
  speakers([
    [
      [
        'The United States and Dale Motors Inc. talked on Monday. The United States banned imports.',
        'The United States fined Dale Motors Inc. on Friday, and the United States said more would follow.',
        '“We will appeal the decision in every court we can,” the company said.',
      ],
      'Dale Motors Inc.',
    ],
  ]);
});

describe('speakers: courts rule, but "ruled out" is no ruling', () => {
  speakers([
    [
      [
        'Judge Ann Roe wrote that the Dale Court had not ruled out “the chance of a former mayor winning such a case.”',
      ],
      'Ann Roe',
    ],
  ]);
});

describe('speakers: a body written by itself is not expanded to a longer one', () => {
  speakers([
    // a person's name is not the start of a body's
    [
      [
        'Ann Roe of Dale Investment Group wrote to clients on Monday.',
        '“The culprit this morning is the same as every morning,” Ann Roe said.',
      ],
      'Ann Roe',
    ],
    [
      [
        'The Dale House Office of Legislative Affairs wrote to members.',
        'The Dale House said more would follow. “Everyone at the house knew her well,” Dale House said.',
      ],
      'Dale House',
    ],
  ]);
});

describe('speakers: "the ministry" is the body the text described with that noun', () => {
  speakers([
    [
      [
        'Dalia’s foreign ministry said Thursday that the envoy had returned home.',
        '“For a long time, Dalia has asked for his release,” the ministry said in a statement.',
      ],
      "Dalia's foreign ministry",
    ],
    // the body's own page speaks for it
    [
      [
        'The goal of the Sky Freight program is to move supplies faster.',
        '“Speed is at the heart of the whole supply chain,” according to the program’s website.',
      ],
      'Sky Freight program',
    ],
    // a verb between the name and the noun describes no body: "Roe called police"
    [['Ann Roe called police on Monday.', '“We will look into every report we get,” the police said.'], null],
  ]);
});

describe('registry: a title after a body’s name makes the run a person’s', () => {
  it.each([
    ['University of Dale President Ann Roe spoke.', ['Ann', 'Roe']],
    ['The National Center for Sleep Studies spoke.', ['National', 'Center', 'for', 'Sleep', 'Studies']],
    ['National Security Adviser Ann Roe spoke.', ['Ann', 'Roe']],
    // a body's name and then a person's: the person
    ['Wrote a professor at the City University of New York Ann Roe in a review.', ['Ann', 'Roe']],
    // a role word inside a body's name ("Fire") leaves one word: the whole is the body
    [
      'The Department of Forestry and Fire Protection spoke.',
      ['Department', 'of', 'Forestry', 'and', 'Fire', 'Protection'],
    ],
  ])('%s -> %j', (paragraph, tokens) => {
    const text = articleText([paragraph]);
    const registry = buildRegistry(text, findQuoteSpans(text.paragraphs));
    expect(registry.mentions.map((m) => m.tokens)).toContainEqual(tokens);
  });
});

describe('abbreviates: what brackets after a name may stand for', () => {
  it.each([
    [['HRW'], ['Human', 'Rights', 'Watch'], true],
    [['USGS'], ['US', 'Geological', 'Survey'], true],
    [['JCS'], ['Joint', 'Chiefs', 'of', 'Staff'], true],
    [['Cal', 'Fire'], ['Department', 'of', 'Forestry', 'and', 'Fire', 'Protection'], true],
    [['Fed'], ['Federal', 'Reserve'], true],
    [['R'], ['Ann', 'Roe'], false],
    [['Nasdaq'], ['Dale', 'Holdings'], false],
    [['WRH'], ['Human', 'Rights', 'Watch'], false],
  ])('%j for %j -> %s', (short, tokens, want) => {
    expect(abbreviates(short, tokens)).toBe(want);
  });
});

describe('invertedInitials: "X Department" read as "Department of X"', () => {
  it.each([
    [
      ['Justice', 'Department'],
      ['DOJ', 'DJ'],
    ],
    [
      ['Homeland', 'Security', 'Department'],
      ['DOHS', 'DHS'],
    ],
    [
      ['Foreign', 'Ministry'],
      ['MOF', 'MF'],
    ],
    [['Dale', 'Holdings'], []],
    [['Department'], []],
  ])('%j -> %j', (tokens, want) => {
    expect(invertedInitials(tokens)).toEqual(want);
  });
});

describe('isCountry: a country is known by its name or by the article using it as a place', () => {
  const text = articleText(['Troops in Dalia met the United States envoy and the UK team. Dalia spoke.']);
  const registry = buildRegistry(text, findQuoteSpans(text.paragraphs));
  const places = new Set(
    registry.mentions.filter((m) => m.kind === 'place').map((m) => m.name.toLowerCase()),
  );
  it.each([
    ['United States', true],
    ['Dalia', true],
  ])('%s -> %s', (name, want) => {
    const m = registry.mentions.find((x) => x.name === name && x.kind !== 'place');
    expect(m && isCountry(m, registry.byInitials, places)).toBe(want);
  });
});
