import { describe, expect, it } from 'vitest';
import { ANALYSED_BODY_MAX_CHARS } from '../../../src/articles/parse.js';
import type { Article } from '../../../src/articles/types.js';
import { Library } from '../../../src/library/library.js';
import { answersType, answerTokens, answerTypeOf, knownWords } from '../../../src/library/question.js';
import { articleWith } from '../../helpers.js';

// Small made-up articles (no publisher's text): places, people and figures are invented.
function art(id: string, title: string, date: string | null, paragraphs: string[]): Article {
  return articleWith({ id, title, date, paragraphs });
}

const FILLER = [
  'Residents gathered at the harbour to watch the boats come in.',
  'The weather stayed mild for most of the afternoon.',
  'Shops along the seafront reported a busy weekend.',
];

const volcano = art('volcano', 'Volcano erupts on Karsten Island', '2024-03-04', [
  'A volcano on Karsten Island erupted on Sunday, sending ash two kilometres into the sky.',
  'Scientists had warned for weeks that the volcano was waking up after a swarm of small quakes.',
  'About 900 residents of Karsten were moved to the mainland by ferry.',
]);
const football = art('football', 'Harbour United win the cup final', '2024-03-05', [
  'Harbour United beat Millbrook 3-1 in the cup final on Saturday.',
  'The coach joked that the crowd was louder than a volcano.',
  'Fans celebrated in the town square until late in the evening.',
]);
const bridge = art('bridge', 'Council backs plan for a new river bridge', '2023-11-20', [
  'The cost of the new bridge has been debated by the council for years.',
  ...FILLER,
  "Engineers put the bridge's final cost at 12 million euros, paid over a decade.",
  ...FILLER,
  'The bridge will carry cyclists and walkers as well as cars when it opens to traffic.',
  ...FILLER,
  'Work is due to finish in March 2027, the council said.',
]);
const games = art('games', 'Quiz night: sport of the week', '2024-01-10', [
  'Which city will host the rowing games next summer?',
  ...FILLER,
  'Officials confirmed that Lisbon will host the rowing games after a vote.',
]);
const old = art('old-volcano', 'Karsten volcano shows signs of waking', '2023-01-15', [
  'Small quakes under the Karsten volcano worry scientists, who expect an eruption within a year.',
]);

const library = new Library([volcano, football, bridge, games, old]);
const ids = (query: string, options = {}) => library.search(query, options).map((h) => h.article.id);

describe('Library.search ranking', () => {
  it('puts the article about the query before one that mentions it', () => {
    const found = ids('volcano eruption');
    expect(found[0]).toBe('volcano');
    expect(found).toContain('football');
    expect(found.indexOf('volcano')).toBeLessThan(found.indexOf('football'));
  });

  it('finds an article despite one wrong letter in a word of five letters or more', () => {
    expect(ids('Karstem island')[0]).toBe('volcano');
    expect(ids('Lisbom')[0]).toBe('games');
  });

  it('matches other forms of the same word (stemming)', () => {
    expect(ids('erupting volcanoes')[0]).toBe('volcano');
    expect(ids('debates about bridges')[0]).toBe('bridge');
  });

  it('keeps only articles in the date range, and leaves out undated ones when filtering', () => {
    const undated = art('undated', 'Volcano tours resume', null, ['Tours to the volcano resume in spring.']);
    const lib = new Library([volcano, old, undated]);
    const hit = (options: { since?: string; until?: string }) =>
      lib.search('volcano', options).map((h) => h.article.id);
    expect(hit({})).toEqual(expect.arrayContaining(['volcano', 'old-volcano', 'undated']));
    expect(hit({ since: '2024-01-01' })).toEqual(['volcano']);
    expect(hit({ until: '2023-12-31' })).toEqual(['old-volcano']);
    expect(hit({ since: '2024-03-04', until: '2024-03-04' })).toEqual(['volcano']);
    expect(hit({ since: '2025-01-01' })).toEqual([]);
  });

  it('returns nothing for empty or stop-word-only queries', () => {
    expect(library.search('')).toEqual([]);
    expect(library.search('   ')).toEqual([]);
    expect(library.search('what is the of and')).toEqual([]);
  });

  it('returns nothing when no article has the words', () => {
    expect(library.search('zeppelin orchestra')).toEqual([]);
  });
});

describe('Library.withoutIndexes', () => {
  it('keeps the articles, their order and the counts; a search asked of it says why it cannot', () => {
    const lean = library.withoutIndexes();
    expect(lean.hasIndexes).toBe(false);
    expect(library.hasIndexes).toBe(true);
    expect(lean.articles).toBe(library.articles);
    expect(lean.get('bridge')).toBe(library.get('bridge'));
    expect(lean.newest(3)).toEqual(library.newest(3));
    expect([lean.size, lean.quotationCount, lean.loadedAt]).toEqual([
      library.size,
      library.quotationCount,
      library.loadedAt,
    ]);
    expect(() => lean.search('volcano')).toThrow(/indexes were let go/);
    expect(() => lean.quotes).toThrow(/indexes were let go/);
    // the snapshot it came from still searches
    expect(ids('volcano')).toContain('volcano');
  });
});

describe('Library.search: words written with hyphens', () => {
  const firewall = art('firewall', 'Harbour office buys new anti-virus software', '2024-05-02', [
    'The harbour office bought anti-virus software for its e-mail after a spring of junk messages.',
    ...FILLER,
  ]);
  const lib = new Library([firewall, football, bridge]);

  it('finds an article by the word joined ("antivirus", "email"), built at once or in slices', async () => {
    expect(lib.search('antivirus').map((h) => h.article.id)).toEqual(['firewall']);
    expect(lib.search('email software').map((h) => h.article.id)).toEqual(['firewall']);
    const built = await Library.build([firewall, football, bridge], [], { yieldEveryMs: 0 });
    expect(built.search('antivirus').map((h) => h.article.id)).toEqual(['firewall']);
  });

  it('still finds it by a part, or written with the hyphen', () => {
    expect(lib.search('virus').map((h) => h.article.id)).toEqual(['firewall']);
    expect(lib.search('anti-virus e-mail').map((h) => h.article.id)).toEqual(['firewall']);
  });

  it('shows the passage with the word as the article writes it', () => {
    const [hit] = lib.search('antivirus for email');
    expect(hit?.passage?.text).toContain('anti-virus software for its e-mail');
  });
});

describe('Library.search passages', () => {
  it('shows the sentence that has the query words, with the matched terms', () => {
    const [hit] = library.search('How many residents were moved to the mainland?');
    expect(hit?.article.id).toBe('volcano');
    expect(hit?.passage?.text).toContain('900 residents of Karsten were moved to the mainland');
    expect(hit?.terms).toEqual(expect.arrayContaining(['resid', 'mainland']));
  });

  it('for "how much", picks the sentence with the figure over one with more of the words', () => {
    const [hit] = library.search('How much will the new bridge cost?');
    expect(hit?.article.id).toBe('bridge');
    expect(hit?.passage?.text).toContain('12 million euros');
  });

  it('for "when", picks the sentence with a date', () => {
    const [hit] = library.search('When will the bridge work finish?');
    expect(hit?.passage?.text).toContain('March 2027');
    const [open] = library.search('When does the bridge open to traffic?');
    expect(open?.passage?.text).toMatch(/March 2027|opens to traffic/);
  });

  it('does not answer a question with the same question found in an article', () => {
    const [hit] = library.search('Which city will host the rowing games?');
    expect(hit?.article.id).toBe('games');
    expect(hit?.passage?.text).toContain('Lisbon will host the rowing games');
    expect(hit?.passage?.text).not.toContain('?');
  });
});

describe('Library.search: an article that only asks the question', () => {
  // a newsletter whose quiz repeats the question word for word, and the report that answers it
  // in other words: the quiz has every word of the question, the report only some
  const quiz = art('quiz', 'Morning briefing for Tuesday', '2024-05-07', [
    'Harbour United won the cup final on Saturday.',
    ...FILLER,
    'Which ferry line switched off the heating on its boats to cut costs as ticket sales fell?',
    'A. Nordline B. Westway C. Bayline',
  ]);
  const report = art('nordline', 'Nordline turns down the heat', '2024-05-06', [
    'Nordline has turned down the heating on its ferries, crew members say, as ticket sales slump.',
    'The company said the boats stay warm enough for passengers.',
  ]);
  const lib = new Library([quiz, report, volcano, football, bridge, games, old]);

  it('ranks the report that states the answer before the quiz that asks it', () => {
    const hits = lib.search(
      'Which ferry line switched off the heating on its boats to cut costs as ticket sales fell?',
    );
    expect(hits.map((h) => h.article.id).slice(0, 2)).toEqual(['nordline', 'quiz']);
  });
});

describe('question analysis', () => {
  it('reads the kind of answer from the asking sentence', () => {
    expect(answerTypeOf('How much did the ferry cost?')).toBe('quantity');
    expect(answerTypeOf('What percentage of voters turned out?')).toBe('quantity');
    expect(answerTypeOf('When will the bridge open?')).toBe('time');
    expect(answerTypeOf('Who won the cup final?')).toBe('person');
    expect(answerTypeOf('Which country hosts the summit?')).toBe('place');
    expect(answerTypeOf('A new virus was found. What is it called?')).toBe('name');
    expect(answerTypeOf('Protests spread this week. Why did they start?')).toBeNull();
    expect(answerTypeOf('volcano eruption')).toBeNull();
  });

  it('finds figures, dates and names that the question does not already have', () => {
    const known = knownWords('How many residents of Karsten left in 2024?');
    const tokens = answerTokens('In 2024, officials in Karsten said 900 residents left.');
    expect(answersType(tokens, 'quantity', known)).toBe(true);
    expect(answersType(answerTokens('Karsten residents left in 2024.'), 'quantity', known)).toBe(false);
    expect(answersType(answerTokens('Millions of people watched.'), 'quantity', new Set())).toBe(false);
    expect(answersType(answerTokens('The ferry leaves on Monday.'), 'time', new Set())).toBe(true);
    expect(answersType(answerTokens('She met Mayor Ines Duarte there.'), 'person', new Set())).toBe(true);
    expect(answersType(answerTokens('Karsten residents were angry.'), 'place', knownWords('Karsten'))).toBe(
      false,
    );
  });
});

describe('Library.search as of a moment', () => {
  const report = (id: string, date: string | null, place: string) =>
    art(id, `Ferry strike halts crossings to ${place}`, date, [
      `Ferry crews went on strike, halting all crossings to ${place} for the day.`,
      `Passengers bound for ${place} were told to wait for news from the operator.`,
    ]);
  const july = report('july', '2024-07-02', 'Brask');
  const september = report('september', '2024-09-17', 'Olvend');
  const undated = report('undated', null, 'Tarrow');
  const lib = new Library([july, september, undated]);
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  const found = (query: string, options = {}) => lib.search(query, options).map((h) => h.article.id);

  it('leaves out articles dated after the day of asking, keeps undated ones', () => {
    expect(found('ferry strike crossings', { now: at('2024-08-01') })).not.toContain('september');
    expect(found('ferry strike crossings', { now: at('2024-08-01') })).toEqual(
      expect.arrayContaining(['july', 'undated']),
    );
    // an article of the very day of asking is an answer
    expect(found('ferry strike crossings', { now: at('2024-09-17') })).toContain('september');
    expect(found('ferry strike crossings', { now: at('2024-06-30') })).toEqual(['undated']);
  });

  it('ranks the newer of two equal answers first, without a window', () => {
    expect(found('ferry strike crossings', { now: at('2024-09-20') })[0]).toBe('september');
    const older = art('older', 'Ferry strike halts crossings to Brask', '2024-01-10', july.paragraphs);
    const newer = art('newer', 'Ferry strike halts crossings to Brask', '2024-03-10', july.paragraphs);
    const pair = new Library([older, newer]);
    expect(pair.search('Brask ferry strike', { now: at('2024-03-12') }).map((h) => h.article.id)).toEqual([
      'newer',
      'older',
    ]);
  });

  it('lets an older article that answers clearly better beat a fresh one that barely does', () => {
    const mention = art('mention', 'Harbour news in brief', '2024-09-19', [
      'The harbour office moved to a new building on Quay Street.',
      'A ferry timetable for winter will follow.',
    ]);
    const lib2 = new Library([july, mention]);
    expect(lib2.search('ferry strike Brask crossings', { now: at('2024-09-20') })[0]?.article.id).toBe(
      'july',
    );
  });

  it('ranks the window’s answers first, and says when none inside answers', () => {
    const september2 = { since: '2024-09-16', until: '2024-09-22' };
    const hits = lib.search('ferry strike crossings', { now: at('2024-09-20'), window: september2 });
    expect(hits[0]?.article.id).toBe('september');
    expect(hits[0]?.inWindow).toBe(true);
    const empty = { since: '2024-08-05', until: '2024-08-11' };
    const fallback = lib.search('ferry strike crossings', { now: at('2024-09-20'), window: empty });
    expect(fallback.length).toBeGreaterThan(0);
    expect(fallback[0]?.inWindow).toBe(false);
    expect(lib.search('ferry strike crossings', { now: at('2024-09-20') })[0]?.inWindow).toBeNull();
  });

  it('leads a story with its latest report inside the window, the earlier one listed under it', () => {
    const reportOn = (id: string, date: string) =>
      art(id, 'Ferry strike halts crossings to Brask', date, july.paragraphs);
    const monday = reportOn('monday', '2024-09-16');
    const thursday = reportOn('thursday', '2024-09-19');
    const sunday = reportOn('sunday', '2024-09-22');
    const thisWeek = { since: '2024-09-16', until: '2024-09-22' };
    // in either order of loading, so the lead is not the first loaded by chance
    const searchBoth = (a: Article, b: Article, day: string) =>
      [
        [a, b],
        [b, a],
      ].map((articles) =>
        new Library(articles)
          .search('Brask ferry strike', { now: at(day), window: thisWeek })
          .map((h) => [h.article.id, ...h.related.map((r) => r.id)]),
      );
    expect(searchBoth(monday, thursday, '2024-09-20')).toEqual([
      [['thursday', 'monday']],
      [['thursday', 'monday']],
    ]);
    // the same week asked about on the next Wednesday ("last week"): its Sunday is the latest day asked about
    expect(searchBoth(monday, sunday, '2024-09-25')).toEqual([
      [['sunday', 'monday']],
      [['sunday', 'monday']],
    ]);
  });

  it('shows one result per story, the other reports listed under it', () => {
    const day1 = art('day1', 'Thorby glacier flood cuts the Lundvik road', '2024-03-04', [
      'A glacier flood near Thorby cut the Lundvik road on Sunday.',
    ]);
    const day2 = art('day2', 'Lundvik road still cut after Thorby glacier flood', '2024-03-05', [
      'The Thorby glacier flood still cut the Lundvik road on Monday.',
    ]);
    const lib3 = new Library([day1, day2, volcano, football, bridge, games]);
    const hits = lib3.search('Is the Lundvik road cut by the glacier flood?', { now: at('2024-03-06') });
    expect(hits[0]?.article.id).toBe('day2');
    expect(hits[0]?.related.map((a) => a.id)).toEqual(['day1']);
    expect(hits.map((h) => h.article.id)).not.toContain('day1');
  });
});

describe('furniture in search', () => {
  it("searches a correction note's words, not a promotion's, and shows neither as a passage", () => {
    const corrected = articleWith({
      id: 'corrected',
      title: 'Ferry fares rise on the island route',
      date: '2024-05-02',
      paragraphs: ['Fares on the island ferry rise by a tenth from June, the operator said.'],
      furniture: [
        {
          kind: 'update',
          text: 'Correction: An earlier version of this story misnamed the operator, which is Westmarch Lines.',
          before: 1,
        },
        { kind: 'promotion', text: 'Sign up for the Quillborne newsletter.', before: 0 },
      ],
    });
    const lib = new Library([corrected, volcano, football, bridge, games, old]);
    const [hit] = lib.search('Westmarch');
    expect(hit?.article.id).toBe('corrected');
    expect(hit?.passage?.text ?? '').not.toContain('Westmarch');
    expect(lib.search('Quillborne')).toEqual([]);
  });
});

describe('the indexed part of an article', () => {
  it('is the part quotations and passages read (ANALYSED_BODY_MAX_CHARS): a word only past it finds nothing', () => {
    const filler = 'The harbour committee went through the ferry timetable line by line once more.';
    const body = Array.from(
      { length: Math.ceil(ANALYSED_BODY_MAX_CHARS / filler.length) + 10 },
      () => filler,
    );
    const long = art('minutes', 'Harbour committee minutes', '2025-01-10', [
      'The committee heard from the Quillfeather lighthouse keepers first.',
      ...body,
      'Last of all the Zanderbrook pier was mentioned.',
    ]);
    const library = new Library([long]);
    expect(library.search('Quillfeather').map((h) => h.article.id)).toEqual(['minutes']);
    expect(library.search('Zanderbrook')).toEqual([]);
  });
});
