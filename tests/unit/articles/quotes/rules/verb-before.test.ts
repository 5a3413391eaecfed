import { describe } from 'vitest';
import { attributesBy } from '../cases.js';

const lead = 'Northland Foreign Minister Ivan Petrov met his counterparts on Tuesday.';

describe('rule verb-before: `X said: "…"`, `according to X, "…"`, participles, appositives', () => {
  attributesBy('verb-before', [
    [[lead, 'Petrov said: "The door remains open for serious proposals."'], 'Ivan Petrov'],
    [[lead, 'According to Petrov, "the talks will continue next week in the north."'], 'Ivan Petrov'],
    [['Mayor Ida Krul praised the firefighters for what she calls “a night of quiet courage.”'], 'Ida Krul'],
    // the name right before a participle speaks
    [['The new ad shows footage of Senator Ana Ruiz asking, “Why are the ferries still late?”'], 'Ana Ruiz'],
    // a participle after "before"/"while" belongs to the main clause's subject
    [['Lena Brandt thanked the crew before asking them, “Where do we sail from here?”'], 'Lena Brandt'],
    // "Name, the <role>, …, said": the name before the appositive description
    [
      [
        'Jonas Weber, the trade minister of Eastland, a founding member of the pact, said the vote "cannot pass without a reply from the council."',
      ],
      'Jonas Weber',
    ],
    // "X's <role> Name said …, arguing": the name after the possessor's role, not the possessor
    [
      [
        'Governor Rosa Lind’s campaign manager Pavel Mund said as much on Thursday, arguing that Lind “never broke a promise on roads.”',
      ],
      'Pavel Mund',
    ],
    // an aside that only describes the subject before it does not speak: a party tag, a place,
    // a description owned by someone else
    [['Sen. Ana Ruiz, R-Ohio, said in a statement, “The bridge will be finished by spring.”'], 'Ana Ruiz'],
    [
      ['Lena Brandt, a nurse from Harwick, New Kent, says the clinic will “stay open all winter.”'],
      'Lena Brandt',
    ],
    [['Pavel Mund, Ruiz’s chief strategist, said, “We will carry the northern counties.”'], 'Pavel Mund'],
    // the name in apposition to a description, or a whole name as the aside, still speaks
    [['Ruiz’s attorney, Karl Osten, said, “My client has done nothing wrong.”'], 'Karl Osten'],
    [['After the vote in Harwick, Gov. Ida Krul (R-Ohio), said, “We will appeal the ruling.”'], 'Ida Krul'],
    // a surname that is also a month or a modal is a name after a first name
    [
      [
        'Prices may rise. The Shadow Secretary of State for Transport, Helen March, said: "These plans were announced in December."',
      ],
      'Helen March',
    ],
    // a common word capitalised only because it opens the sentence is a modifier, not a name
    [
      [
        'The band played for two hours.',
        'Band member Olek Varga shared the news on Sunday, writing “We will be back next spring with a new album.”',
      ],
      'Olek Varga',
    ],
    // an aside between dashes describes the subject before it
    [
      [
        'Olek Varga of the Harbour Authority - a public body - told reporters it was “a big step for the port.”',
      ],
      'Olek Varga',
    ],
    // a proxy description in apposition to a person: the person speaks
    [
      ['Olek Varga, a spokesman for the Harbour Authority said, “The ferries will run on Sunday.”'],
      'Olek Varga',
    ],
    [
      [
        'Olek Varga, spokesman for the Harbour Authority, which runs the ferries, said: “The ferries will run on Sunday.”',
      ],
      'Olek Varga',
    ],
    // a spokeswoman for a named body speaks under its name
    [
      ['A spokeswoman for the Harbour Authority said, “The ferries will run on Sunday.”'],
      'spokeswoman for the Harbour Authority',
    ],
    // a possessive fragment is not a source: "Kara's mental state is" -> the verb before it
    [['Premier Tomas Feld said Kara’s mental state is "getting worse by the day."'], 'Tomas Feld'],
    // "as X put it", an idiom of speech; the clause after it does not change the speaker
    [['As the columnist Ann Roe put it: "The bridge is a road to nowhere in particular."'], 'Ann Roe'],
    [
      ['As Ann Roe puts it, the council is making the voters "an offer they cannot afford to refuse."'],
      'Ann Roe',
    ],
    // "put" without the idiom is no speech verb
    [['Otto Borg put the plan on the table and said: "This is the bridge we need."'], 'Otto Borg'],
    // a participle after a bare attribution belongs to its source, not to the sentence's subject
    [
      [
        'Otto Borg and the council will meet next week, Ida Krul said, adding, "They need to sit down and talk."',
      ],
      'Ida Krul',
    ],
  ]);
});

describe('rule verb-before: a name with two asides, a role "of" a body first', () => {
  attributesBy('verb-before', [
    [
      [
        'Ann Roe, CEO of Dale Holdings, the owner of the Lind stores, said the plan was “a mistake that we all will put right.”',
      ],
      'Ann Roe',
    ],
    [
      [
        'Omar Vance, chief economist at Fjord Bank, the largest lender in Westland, said rates were “likely to stay high all year.”',
      ],
      'Omar Vance',
    ],
  ]);
});
