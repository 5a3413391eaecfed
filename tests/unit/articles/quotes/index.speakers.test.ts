// Speakers on real pages (issue 22): each rule with a table of invented sentences. The last
// quotation of the paragraphs must go to the speaker given (null: no one, rather than a wrong one).
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../../src/articles/quotes/index.js';
import { speakers } from './cases.js';

describe('speakers: a shared surname names the person the text puts in focus', () => {
  speakers([
    // the most mentioned of the family, not the longest or the latest name
    [
      [
        'President Ivan Dorn spoke at the rally. Dorn thanked the crowd.',
        'Ivan Dorn later met donors, and his daughter Mila Dorn joined him briefly.',
        '"We will win this state again," Dorn said.',
      ],
      'Ivan Dorn',
    ],
    // as often named as his daughter, who was named last: the titled figure the article is about
    [
      [
        'President Ivan Dorn held a rally in Dale. Ivan Dorn spoke for an hour.',
        'His daughter, Mila Dorn, introduced him. Mila Dorn is a lawyer.',
        '"We are going to walk to the capitol together," Dorn said.',
      ],
      'Ivan Dorn',
    ],
    // a role in the phrase picks the family member who holds it
    [
      [
        'Speaker Nora Vale condemned the attack on her husband, Peter Vale. Peter Vale was in hospital.',
        'Peter Vale is recovering, doctors said of Peter Vale.',
        '"He is making steady progress," Speaker Vale said in a statement.',
      ],
      'Nora Vale',
    ],
  ]);
});

describe('speakers: pronouns resolve to people, with the gender the text gives', () => {
  speakers([
    // "she" skips a man named just before
    [
      [
        'Ada Brook runs the clinic in Dale. She opened it in 2019.',
        'Her brother Tom Brook, an accountant, keeps its books. He lives in Harlow.',
        '"We are full every single morning," she said.',
      ],
      'Ada Brook',
    ],
    // a capital that only opens a sentence is no antecedent
    [
      [
        'Spokesperson Carla Mendes did not give any examples. Rather, she said in an email that "anyone can check the records online."',
      ],
      'Carla Mendes',
    ],
    // a product or a name never given in full is nobody's "he"
    [['Using Vidstream, the coach films every match.', '"People can watch us anywhere now," he says.'], null],
    // a team named before a player: the player is the subject
    [
      [
        'Rovers striker Sam Okoro says the team is focused on the title.',
        '"We want to finish the job this year," he told reporters.',
      ],
      'Sam Okoro',
    ],
    // a body named with "the" is not "he"
    [
      ['The Dale Rovers beat the Harlow Kings on Sunday.', '"It was the best game of my life," he said.'],
      null,
    ],
  ]);
});

describe('speakers: organisations speak', () => {
  speakers([
    [
      [
        'The Northland Volcano Observatory raised its alert level on Monday.',
        '"Lava flows may move rapidly downslope," the observatory said.',
      ],
      'The Northland Volcano Observatory',
    ],
    // initials resolve to the name they stand for, and keep the initials
    [
      [
        'The Institute for Rural Studies published its report on Thursday.',
        '"Lower taxes do mean lower spending," the IRS said in a note.',
      ],
      'The Institute for Rural Studies (IRS)',
    ],
    // an organisation's words are its name: "Justice Department", not "Department"
    [['"Charges for selling are not pardoned," the Justice Department said.'], 'Justice Department'],
    // "the company said" is the company the article is about
    [
      [
        'Harbour Foods Inc. launched a new drink on Monday. Harbour Foods Inc. makes it in Dale.',
        'The drink was reviewed by The Dale Gazette.',
        '"It tastes like a campfire under the stars," the company said in a release.',
      ],
      'Harbour Foods Inc.',
    ],
  ]);
});

describe('speakers: descriptions resolve to the person they describe, or to no one', () => {
  speakers([
    [
      [
        'Senate Minority Leader Ann Roe said in a statement that the bill was costly.',
        'The Ohio Republican said Democrats "do not care about families at all."',
      ],
      'Ann Roe',
    ],
    [
      [
        'Gov. Ben Stroud visited the flooded towns on Friday.',
        '"This is not the response our people deserve," the governor said.',
      ],
      'Ben Stroud',
    ],
    [
      [
        'Marta Kask won her third title in Dale on Sunday.',
        '"I never expected to be here again," said the Estonian.',
      ],
      'Marta Kask',
    ],
    // a description is never given as a name
    [['"We are postponing the tour for my health," the Grammy-nominated singer said.'], null],
  ]);
});

describe("speakers: a quotation about someone is the speaker's", () => {
  speakers([
    [['Lena Cole said in a statement that Ivan Dorn "summoned this mob and lit the flame."'], 'Lena Cole'],
    [['Lena Cole said Ivan Dorn had "a history of concern" in the county.'], 'Lena Cole'],
  ]);
});

describe('speakers: a photo credit is no part of a name', () => {
  it('leaves "Getty Images" out of the person named next to it', () => {
    const quotes = extractQuotes([
      'Serena Vale of the United States. Elsa/Getty Images',
      'Vale won in straight sets. "I am so proud of this team and this run," Vale said.',
    ]);
    expect(quotes.at(-1)?.speaker).toBe('Serena Vale');
  });
});
