// Page furniture: one table per kind, with invented text (no corpus text), and body sentences that
// look like furniture but are the article's text.
import { describe, expect, it } from 'vitest';
import {
  FURNITURE_RULES,
  type FurnitureKind,
  furnitureKindOf,
  splitLeadingFurniture,
  storyStartBlock,
} from '../../../../src/articles/furniture/index.js';
import { readBody } from '../../../../src/articles/parse.js';

const kindOf = (text: string, index = 5) => furnitureKindOf({ text, index });

const TABLES: Record<FurnitureKind, { is: string[]; isNot: string[] }> = {
  dateline: {
    is: ['CNN —', 'Port Haven, Westland NBX —', 'Springfield Daily Wire —'],
    isNot: ['The council voted 7-2 on Tuesday.'],
  },
  byline: {
    is: [
      'By Dana Quill',
      'By Dana Quill, Omar Vance and Lee Park, Daily Wire',
      'Written by Ana Lind | Tidewater News',
    ],
    isNot: [
      'By Sunday evening, the crowds had thinned to a few hundred.',
      'By then the river had risen two metres.',
      'By Dana Quill’s count, nine boats sank.',
    ],
  },
  gallery: {
    is: [
      'Fans wave flags at the parade on May 2. Ivo Brandt/Reuters A float passes the town hall. Mara Soto/AFP/Getty Images',
      'Photos: Floods in the valley Residents wade through a street in Lowmere on Monday.',
      'A ferry docks at dawn in Port Haven. Hide Caption 3 of 18',
      'Rescuers search the rubble on Friday. Prev Next',
    ],
    isNot: [
      'An Ipsos/Reuters poll found support at 41%, and a second Ipsos/Reuters poll put it at 39%.',
      'Photographers from Reuters and AFP were barred from the hearing, the court said.',
    ],
  },
  credit: {
    is: [
      'Ivo Brandt/Reuters',
      'Mara Soto/AFP/Getty Images',
      'Getty Images',
      '(Photo by Lin Oduya/AFP via Getty Images)',
      'Kip Lowe/Pool//Getty Images',
      'Tomas Quill/Lowmere Gazette/AP',
      'Courtesy Ines Moll',
    ],
    isNot: [
      'AC/DC',
      'Reuters reported the deal first.',
      'The photo agency Getty Images cut 200 jobs on Monday.',
    ],
  },
  caption: {
    is: [
      'Residents fill sandbags outside the clinic in Lowmere on Monday. Ivo Brandt/Reuters',
      'Mayor Ana Lind speaks to reporters at city hall. Mara Soto/Bloomberg via Getty Images',
      'LOWMERE, WESTLAND - MAY 02: Dockers march to the port on May 2, 2022. (Photo by Kip Lowe/Getty Images)',
      'Ivo Brandt/Getty Images Ana Lind waves to supporters after the vote.',
      'The new ferry has a longer hull than the old one. AP',
      'Ana Lind at her graduation in 1990. Courtesy Omar Vance',
      'A map of the flooded valley. Courtesy of Lowmere Council, Westland Survey and the Port Authority',
      'Ines Moll Courtesy Lowmere Institute',
      'Dockers at the gate on Monday, May 2, 2022 Kip Lowe/CNP/Zuma Press',
    ],
    isNot: [
      'Lind told Reuters the port would reopen on Friday.',
      'The ferry ran on time, courtesy of the new timetable.',
      'He called it a Courtesy Call',
      'The images, first published by Getty Images, showed the damaged hull.',
      'Investors bought the shares, according to AP.',
    ],
  },
  player: {
    is: [
      'Video Ad Feedback Mayor Lind explains the ferry plan 02:14 - Source: Tidewater News',
      'Watch this short clip of the ferry docking at dawn. (Click here to view)',
      'Now Playing Floods in the valley',
    ],
    isNot: ['The video, which lasts 2:14, shows the ferry hitting the pier, police said.'],
  },
  promotion: {
    is: [
      'Sign up for our weekly Harbour Notes newsletter.',
      'Editor’s Note: Subscribe to the Tidewater Morning briefing. Our five-part guide shows you how the port works.',
      'Get the Daily Wire app on your phone.',
      'Follow us on Instagram for more pictures of the valley.',
      '(You can also get “Morning Tide” delivered to your inbox each day. Sign up here.)',
      'To get news from the valley in your inbox, sign up for the Lowmere Letter newsletter.',
    ],
    isNot: [
      'More than 3,000 dockers signed up for the strike, the union said.',
      'Borrowers can sign up for updates at the ministry’s website.',
      'Follow the money, the inspector told the committee.',
      'Download speeds in the valley doubled last year.',
      'The mayor’s newsletter, she said, would be sent to every home. Residents who sign up get a free map.',
    ],
  },
  related: {
    is: [
      'READ: How a small port became the busiest in the region',
      'RELATED: Five things to know about the ferry strike',
      'Read more: The valley’s long history of floods',
      'Read the full story on the Tidewater News website.',
    ],
    isNot: ['Read between the lines, the minister said, and the plan is clear.'],
  },
  update: {
    is: [
      'This story has been updated with additional details.',
      'This article was originally published on May 2, 2022.',
      'Correction: An earlier version of this story misstated the mayor’s age.',
      '– An earlier version of this story incorrectly named the ferry.',
      'A version of this story first appeared in the Harbour Notes newsletter.',
    ],
    isNot: [
      'The report published Tuesday showed that traffic fell by half.',
      'The mayor updated the council on the ferry on Monday.',
    ],
  },
  contributors: {
    is: [
      'Tidewater News’ Omar Vance contributed to this report.',
      '– Lee Park and Ana Lind contributed reporting.',
      '(Reporting by Omar Vance; Editing by Dana Quill)',
    ],
    isNot: [
      'The ferry strike ended on Friday. Omar Vance contributed reporting from Lowmere, and more text follows here.',
      'Reporting the crash took the crew two hours, the captain said.',
    ],
  },
  'editor-note': {
    is: [
      'Editor’s Note: Dana Quill is a professor of history at Lowmere University. The views expressed in this commentary are her own.',
      'Omar Vance is a writer in Port Haven. The views expressed here are his own. Read more opinion.',
      '(The Daily Wire and Tidewater News are both part of Harbour Media.)',
    ],
    isNot: ['The editor noted that the views of the readers were mixed.'],
  },
};

describe('page furniture: one table per kind', () => {
  for (const [kind, { is, isNot }] of Object.entries(TABLES)) {
    describe(kind, () => {
      const index = kind === 'dateline' ? 0 : 5;
      it.each(is)('is %s', (text) => expect(kindOf(text, index)).toBe(kind));
      it.each(isNot)('is the article’s text: %s', (text) => expect(kindOf(text, index)).toBeNull());
    });
  }

  it('names every kind in the pipeline once', () => {
    const kinds = FURNITURE_RULES.map((r) => r.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect([...kinds].sort()).toEqual(Object.keys(TABLES).sort());
  });

  it('looks for a dateline on a line of its own only near the top', () => {
    expect(kindOf('Tidewater News —', 0)).toBe('dateline');
    expect(kindOf('Tidewater News —', 7)).toBeNull();
  });
});

describe('furniture at the start of the first paragraph', () => {
  it('cuts a dateline off the first paragraph', () => {
    for (const [text, dateline] of [
      ['(Daily Wire) The ferry strike ended on Friday.', '(Daily Wire)'],
      ['Port Haven (Daily Wire) The ferry strike ended on Friday.', 'Port Haven (Daily Wire)'],
      ['LOWMERE, May 2 (Wire) - The ferry strike ended on Friday.', 'LOWMERE, May 2 (Wire) -'],
      ['LOWMERE — The ferry strike ended on Friday.', 'LOWMERE —'],
    ] as const) {
      const split = splitLeadingFurniture(text);
      expect(split.furniture).toEqual([{ kind: 'dateline', text: dateline }]);
      expect(split.rest).toBe('The ferry strike ended on Friday.');
    }
  });

  it('cuts a promotion pasted before the story and its dateline', () => {
    const text =
      'A version of this story first appeared in the Harbour Notes newsletter. Not a subscriber? You can sign up right here Port Haven (Daily Wire) Ferries ran again on Friday.';
    const split = splitLeadingFurniture(text);
    expect(split.furniture.map((f) => f.kind)).toEqual(['promotion', 'dateline']);
    expect(split.rest).toBe('Ferries ran again on Friday.');
  });

  it('leaves a paragraph that opens with a name or a quotation alone', () => {
    for (const text of [
      'Ana Lind (left) and Omar Vance met on Friday.',
      '“We are open,” the mayor said on Friday.',
      'The FBI — which had been called in — said nothing.',
    ]) {
      expect(splitLeadingFurniture(text)).toEqual({ furniture: [], rest: text });
    }
  });

  it('takes what stands above a dateline naming the organisation for a note, but not a dek', () => {
    const note = 'Dana Quill is a professor at Lowmere University. She writes about ports.';
    expect(storyStartBlock([note, '(Daily Wire) The ferry strike ended.', 'More.'])).toBe(1);
    expect(storyStartBlock(['A dek line.', 'LOWMERE — The ferry strike ended.'])).toBe(0);
    const body = readBody(`${note}\n\n(Daily Wire) The ferry strike ended on Friday.\n\nMore text here.`);
    expect(body.paragraphs).toEqual(['The ferry strike ended on Friday.', 'More text here.']);
    expect(body.furniture.map((f) => f.kind)).toEqual(['editor-note', 'dateline']);
  });
});
