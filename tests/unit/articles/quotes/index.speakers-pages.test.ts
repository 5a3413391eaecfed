// Speakers on real pages (issue 22, part 2), one table per rule, with invented text. The last
// quotation of the paragraphs must go to the speaker given (null: no one, rather than a wrong one).
import { describe } from 'vitest';
import { speakers } from './cases.js';

describe('speakers: only a name that names a person is a pronoun antecedent', () => {
  speakers([
    // a name opening with a lowercase particle and no given name is a group's; "She" opening the
    // sentence after "Ann Dunn met with Bo Lind" tells Ann Dunn's gender
    [
      [
        'In 2004, Ann Dunn met with Bo Lind in Dale. She asked him about the deals. Did he sell arms to al Nasra?',
        '"It is a lie," he said.',
      ],
      'Bo Lind',
    ],
    // a plural party word after role words is a group, not a person
    [
      [
        'Mila Dorn spoke to students in Dale. Her remarks were cheered by White House Democrats.',
        '"We are not going anywhere," she said.',
      ],
      'Mila Dorn',
    ],
    // a name with a digit is a thing's; a role word like "new" makes no one a person
    [
      [
        'Mila Dorn runs the lab. Cases of the new Covid-19 variant rose in Dale.',
        '"We are ready for it," she said.',
      ],
      'Mila Dorn',
    ],
  ]);
});

describe('speakers: a document speaks for whoever the text names as issuing it', () => {
  speakers([
    // "a report by X", "a release from X": the issuer
    [
      [
        'Gangs ruled the city, "and no official could avoid dealing with them," according to a report by the Dale Institute.',
      ],
      'Dale Institute',
    ],
    [
      [
        '"Flights to Harlow are cancelled until further notice," reads a press release from the state Transport Department.',
      ],
      'Transport Department',
    ],
    // "the statement said": who said something in a statement just before
    [
      [
        'Peter Vale is in hospital. Peter Vale was attacked at home, and Peter Vale is recovering.',
        'He is "making steady progress," Speaker Nora Vale said in a statement on Monday.',
        '"We are most grateful for the messages of support," the statement said.',
      ],
      'Nora Vale',
    ],
    // no issuer named near it: no one, not the organisation the article names most
    [
      [
        'The Dale Court heard the case. The Dale Court will rule next week, and the Dale Court is busy.',
        'Lawyers for both sides spoke to reporters outside.',
        '"We have been deluged with messages of support," the statement said.',
      ],
      null,
    ],
    // "the ministry said": no ministry named, so not the body named most
    [
      [
        'The Kremlin has called for his release. The Kremlin said the case was political.',
        '"The negotiations went on for a long time," the ministry said in a statement.',
      ],
      null,
    ],
  ]);
});

describe('speakers: a quotation about someone is not theirs', () => {
  speakers([
    // the object of "urged" is no inverted source; the shared subject speaks
    [
      [
        'Last month, Sen. Ann Roe, along with Sens. Bo Lind of Ohio and Cy Dale of Iowa, said there was "no health benefit in it" and urged Biden "to stop breathing new life into this policy."',
      ],
      'Ann Roe',
    ],
    // "said lifting the ban" is a clause, not "said Ann Roe"
    [
      [
        'Mila Dorn, the state secretary, urged Biden to act and said lifting Title 42 "without a plan would be a disaster."',
      ],
      'Mila Dorn',
    ],
    // the subject of a passive speech verb is spoken about: the source named before it speaks
    [
      [
        'According to a Dale Treasury statement, the Roe administration was accused of paying gangs to "keep the number of homicides low."',
      ],
      'Dale Treasury',
    ],
  ]);
});

describe('speakers: names and roles as the text writes them', () => {
  speakers([
    // "former" before the title is part of the role: "the former president" is not the president
    [
      [
        'Judge Ann Roe appointed a counsel to look into former President Karl Dunn. Dunn is a rival of President Bo Lind.',
        'Speaking at a gala on Friday night, the former president called the appointment a "horrendous abuse of power."',
      ],
      'Karl Dunn',
    ],
    // a possessor before a surname is the employer, not a first name
    [
      [
        'Dale Bank analyst Jason Hale cut his rating on the toy maker. But DaleCo’s Hale said he is also worried "given weak sales from retailers."',
      ],
      'Jason Hale',
    ],
    // capitals inside a body's name are its initials, not the pronoun "us"
    [
      [
        'The US Pacific Command announced that the navy is stepping up "surveillance and readiness activities"',
      ],
      'US Pacific Command',
    ],
  ]);
});

describe('speakers: a subject may name its employer and title before the person', () => {
  speakers([
    [
      [
        '"Dale was dealt a tough hand and came out of it strong," Dale board chair Ann Roe said in a statement, adding he was the "right leader at the right time."',
      ],
      'Ann Roe',
    ],
  ]);
});
