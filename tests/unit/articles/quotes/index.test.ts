import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_RULES, extractQuotes, quotationsOf } from '../../../../src/articles/quotes/index.js';
import type { AttributionRule } from '../../../../src/articles/quotes/rules/rule.js';

// Invented fixtures: people, places and words are made up for these tests.

describe('extractQuotes: quotation spans', () => {
  it('finds straight and curly quotations, without the marks', () => {
    const quotes = extractQuotes([
      'Mayor Alma Ruiz spoke on Monday.',
      '"We will open the new bridge in spring," Ruiz said.',
      '“The river crossing has waited far too long,” Ruiz added.',
    ]);
    expect(quotes.map((q) => q.text)).toEqual([
      'We will open the new bridge in spring',
      'The river crossing has waited far too long',
    ]);
    expect(quotes.map((q) => q.paragraph)).toEqual([1, 2]);
  });

  it('joins a quotation that runs over several paragraphs', () => {
    const quotes = extractQuotes([
      'Trade Minister Olek Varga gave a long answer.',
      '“The first part of the plan is about ports and railways.',
      '“The second part is about the people who work in them.”',
      'The session ended at noon.',
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text).toBe(
      'The first part of the plan is about ports and railways. The second part is about the people who work in them.',
    );
    expect(quotes[0]?.paragraph).toBe(1);
    expect(quotes[0]?.speaker).toBe('Olek Varga');
  });

  it('keeps a partial quotation inside a sentence', () => {
    const quotes = extractQuotes([
      'Senator Dana Pike said the budget was "a plan built on sand and hope" and left.',
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text).toBe('a plan built on sand and hope');
    expect(quotes[0]?.speaker).toBe('Dana Pike');
  });

  it('skips scare quotes and one-word quotations', () => {
    const quotes = extractQuotes([
      'Critics called the scheme "rigged" and the "reform" a joke.',
      'The so-called "tax holiday" ended in May.',
    ]);
    expect(quotes).toEqual([]);
  });

  it('keeps a short quotation inside a quotation as part of it', () => {
    const quotes = extractQuotes([
      '“I would rather live in what he calls “hell” than in a town run by him,” said Rosa Lind.',
    ]);
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['I would rather live in what he calls “hell” than in a town run by him', 'Rosa Lind'],
    ]);
  });

  it('does not let a missing closing mark swallow the next paragraphs', () => {
    const quotes = extractQuotes([
      'Inspector Tomas Feld said: "The warehouse was empty when we arrived and nobody had keys.',
      'Officers later searched the harbour office.',
      'Nothing was found there, police said.',
    ]);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text).toBe('The warehouse was empty when we arrived and nobody had keys.');
    expect(quotes[0]?.speaker).toBe('Tomas Feld');
  });

  it('treats a quotation split by its attribution as one quote or two, never losing words', () => {
    const quotes = extractQuotes(['"We are ready to talk," Varga said, "but not on these terms at all."']);
    const words = quotes.map((q) => q.text).join(' ');
    expect(words).toContain('We are ready to talk');
    expect(words).toContain('but not on these terms at all.');
    for (const q of quotes) expect(q.speaker).toBe('Varga');
  });

  it('returns nothing for empty or odd input, and never throws', () => {
    expect(extractQuotes([])).toEqual([]);
    expect(extractQuotes(['', '   '])).toEqual([]);
    expect(extractQuotes(['"', '""', '“”', '” “ " ”'])).toEqual([]);
    expect(() => extractQuotes([undefined as unknown as string, 'x'])).not.toThrow();
  });

  it('reads a long paragraph full of marks as one quotation in pieces', () => {
    // Speed is measured by `npm run bench`; this checks the pieces are all kept, in order.
    const paragraph = `Petrov said "a b c d"${' and "a b c d"'.repeat(1999)}.`;
    const quotes = extractQuotes([paragraph, 'The hall emptied.']);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.text.split(' … ')).toEqual(new Array(2000).fill('a b c d'));
  });
});

describe('extractQuotes: speakers', () => {
  const lead = 'Northland Foreign Minister Ivan Petrov met his counterparts in the capital on Tuesday.';

  it('"…," X said', () => {
    const [q] = extractQuotes([lead, '"We are open to talks with everyone," Petrov said.']);
    expect(q?.speaker).toBe('Ivan Petrov');
    expect(q?.role).toBe('Northland Foreign Minister');
  });

  it('"…," said X', () => {
    const [q] = extractQuotes([
      '"Prices will fall by the summer," said Greta Holm, an economist at Fjord Bank.',
    ]);
    expect(q?.speaker).toBe('Greta Holm');
  });

  it('X said: "…"', () => {
    const [q] = extractQuotes([lead, 'Petrov said: "The door remains open for serious proposals."']);
    expect(q?.speaker).toBe('Ivan Petrov');
  });

  it('according to X, "…"', () => {
    const [q] = extractQuotes([
      lead,
      'According to Petrov, "the talks will continue next week in the north."',
    ]);
    expect(q?.speaker).toBe('Ivan Petrov');
  });

  it('other speech verbs: warned, tweeted, insisted', () => {
    const quotes = extractQuotes([
      '"The storm will reach the coast tonight," forecaster Lena Brandt warned.',
      '"Stay home and stay safe, everyone," Mayor Otto Kral tweeted.',
      '"We did nothing wrong at all," insisted Paul Weir.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Lena Brandt', 'Otto Kral', 'Paul Weir']);
  });

  it('a role resolves to the full name mentioned earlier', () => {
    const [q] = extractQuotes([
      lead,
      '“I am confident that the answer will come soon,” the foreign minister stressed.',
    ]);
    expect(q?.speaker).toBe('Ivan Petrov');
    expect(q?.role).toBe('Northland Foreign Minister');
  });

  it('a pronoun resolves to the full name mentioned earlier', () => {
    const [q] = extractQuotes([lead, '“Nobody wants another long winter of quarrels,” he added.']);
    expect(q?.speaker).toBe('Ivan Petrov');
  });

  it('a later bare surname resolves to the full name', () => {
    const quotes = extractQuotes([
      lead,
      'The meeting lasted four hours.',
      'Later, Petrov told reporters that "the mood in the room was better than expected."',
    ]);
    expect(quotes[0]?.speaker).toBe('Ivan Petrov');
  });

  it('an organisation can speak: "the newspaper wrote"', () => {
    const [q] = extractQuotes([
      'The Harbour Times reported the leak first.',
      '“The files show payments over several years,” the newspaper wrote.',
    ]);
    expect(q?.speaker).toBe('The Harbour Times');
  });

  it('a quotation continued in the next paragraph keeps its speaker', () => {
    const quotes = extractQuotes([
      '"We have waited for this decision for a decade," Mayor Otto Kral said.',
      '"Now the real work on the tunnel begins for all of us."',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Otto Kral', 'Otto Kral']);
  });

  it('unattributed quotations get a null speaker, not a guess', () => {
    const [q] = extractQuotes(['A banner at the gate read "no more empty promises for this town" all week.']);
    expect(q?.text).toBe('no more empty promises for this town');
    expect(q?.speaker).toBeNull();
  });

  it('an unnamed source stays unattributed, with its description as the role', () => {
    const [q] = extractQuotes(['"The plan was never going to work," a senior official said.']);
    expect(q?.speaker).toBeNull();
    expect(q?.role).toBe('a senior official');
  });

  it('a capitalised or possessive speech word is a noun, not the verb ("United States", "X\'s comments")', () => {
    const quotes = extractQuotes([
      'Governor Rosa Lind said the United Provinces had become a "shelter for every lost cause in the north."',
      'Senator Ivo Stam told the radio that Lind’s comments "show how little she knows about farming."',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Rosa Lind', 'Ivo Stam']);
  });

  it('a dash and a name after the closing mark sign the quotation off', () => {
    const quotes = extractQuotes([
      '“The new ferry timetable makes no sense for commuters.” ― Mira Olsen “I waited two hours in the rain on Monday.” ― Tobias Berg.',
      '“Bring back the old night boat, please.” — Karl Udeh, Harbour Residents Group.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Mira Olsen', 'Tobias Berg', 'Karl Udeh']);
  });

  it('a quotation ending in an inner single quote still takes the attribution after it', () => {
    const [q] = extractQuotes([
      `"Voters tell me, 'Nobody in the capital listens to us,'" said Anton Reyes, a county organiser.`,
    ]);
    expect(q?.speaker).toBe('Anton Reyes');
  });

  it('the next sentence attributes a quotation only when it is a bare attribution', () => {
    const quotes = extractQuotes([
      'Mayor Lena Vos said the tunnel was late but said "the delay is a question of money." Governor Omar Field said it would be "wrong to blame the city for everything."',
      'The council voted twice. "We will not give up on the bridge." Vos said on Friday.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Lena Vos', 'Omar Field', 'Lena Vos']);
  });

  it('a second verb joined by "and"/"but" shares the subject of the first', () => {
    const [q] = extractQuotes([
      'Councillor Hana Brook smiled and asked the hall to greet the visitor - "our oldest friend in the valley."',
    ]);
    expect(q?.speaker).toBe('Hana Brook');
  });

  it('a partial quotation takes the attribution that closes its sentence', () => {
    const quotes = extractQuotes([
      'A clerk who “takes a few coins from the till” is fired at once, Nadia Roth said. Bosses are not.',
      '“For ordinary drivers, this fixes the worst of it” on the ring road, said Pavel Mund, head of the Motorists League.',
    ]);
    expect(quotes.map((q) => q.speaker)).toEqual(['Nadia Roth', 'Pavel Mund']);
  });

  it('a news agency can be the source ("reported Reuters")', () => {
    const [q] = extractQuotes(['The lead is “about the same as it has been all spring,” reported Reuters.']);
    expect(q?.speaker).toBe('Reuters');
  });

  it('a pronoun right before the verb is its subject ("what she calls")', () => {
    const [q] = extractQuotes([
      'Mayor Ida Krul praised the firefighters for what she calls “a night of quiet courage.”',
    ]);
    expect(q?.speaker).toBe('Ida Krul');
  });

  it('"Del." is a title, not the end of a sentence', () => {
    const [q] = extractQuotes([
      '"This hearing is a waste of everybody\'s time," said Del. Rhoda Finch of the Outer Islands.',
    ]);
    expect(q?.speaker).toBe('Rhoda Finch');
  });
});

describe('quotationsOf: what the pipeline reports', () => {
  const paragraphs = ['"We will rebuild the pier before the summer season," Mayor Otto Kral said.'];

  it('records the rule that attributed each quotation', () => {
    const { quotes, problems } = quotationsOf('a.txt', paragraphs);
    expect(problems).toEqual([]);
    expect(quotes.map((q) => [q.speaker, q.rule])).toEqual([['Otto Kral', 'verb-after']]);
  });

  it('reports a failure inside extraction as a warning on the article, with its reason', () => {
    const broken: AttributionRule = {
      name: 'broken',
      side: 'after',
      attribute: () => {
        throw new Error('index out of range');
      },
    };
    const { quotes, problems } = quotationsOf('news/a.txt', paragraphs, undefined, [
      broken,
      ...ATTRIBUTION_RULES,
    ]);
    expect(quotes).toEqual([]);
    expect(problems).toEqual([
      { file: 'news/a.txt', reason: 'quotations not extracted: index out of range', severity: 'warning' },
    ]);
  });
});

describe('extractQuotes: long articles', () => {
  // 400 people, each named then quoted twice ("he said", then by surname): each quotation must go
  // to the right one among thousands of mentions before and after it
  const FIRST = ['Ana', 'Boris', 'Carla', 'Dmitri', 'Elin', 'Farid', 'Greta', 'Hugo'];
  const LAST = ['Lind', 'Moreau', 'Novak', 'Ortiz', 'Petrov', 'Quist', 'Rahman', 'Sato'];
  const ENDINGS = ['son', 'berg', 'ström', 'ey', 'ini', 'ova', 'ek'];
  const paragraphs: string[] = [];
  const expected: string[] = [];
  for (let i = 0; i < 400; i++) {
    const surname = `${LAST[Math.floor(i / 8) % 8]}${ENDINGS[Math.floor(i / 64)]}`;
    const name = `${FIRST[i % 8]} ${surname}`;
    paragraphs.push(`Minister ${name} visited the docks on day ${i}.`);
    paragraphs.push('"We need the new boats before the winter storms arrive," he said.');
    paragraphs.push(`"The port of day ${i} must stay open," ${surname} added.`);
    expected.push(name, name);
  }

  it('resolves each pronoun and surname to the full name it stands for', () => {
    const quotes = extractQuotes(paragraphs);
    expect(quotes.map((q) => q.speaker)).toEqual(expected);
  });
});
