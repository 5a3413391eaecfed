import { describe, expect, it } from 'vitest';
import { carryingTerms, queryWords } from '../../../src/library/carrying.js';
import { Library } from '../../../src/library/library.js';
import { readAsking } from '../../../src/queries/asking.js';
import { answering, answerNews } from '../../../src/queries/news.js';
import { answerQuotes } from '../../../src/queries/quotes.js';
import { articleWith } from '../../helpers.js';

describe('ways of asking (asking.ts)', () => {
  it('reads chat words as the shape of the question, not its topic', () => {
    expect(readAsking('latest on gronk')).toMatchObject({ topic: 'gronk', newestFirst: true });
    expect(readAsking('what happened with bill cosby').topic).toBe('bill cosby');
    expect(readAsking('news about the rail strike').topic).toBe('the rail strike');
    expect(readAsking('any updates on the ferry?').topic).toBe('the ferry?');
    expect(readAsking('ferry news').topic).toBe('ferry');
    // a way of asking with nothing after it is searched as it is
    expect(readAsking('latest').topic).toBe('latest');
    // a question that only starts like one keeps its words
    expect(readAsking('Which wildly popular show was green lit?').topic).toBe(
      'Which wildly popular show was green lit?',
    );
  });

  it('reads "what did X say about Y" as X\'s words on Y', () => {
    expect(readAsking('what did biden say about the pandemic?')).toMatchObject({
      speaker: 'biden',
      about: 'the pandemic',
      topic: 'biden the pandemic',
    });
    expect(readAsking('What did Lavrov say?')).toMatchObject({ speaker: 'Lavrov', about: '' });
    expect(readAsking('what did he say').speaker).toBeNull();
  });
});

const N = 120;
/** A library large enough that ordinary words are in it: filler articles plus the ones a test needs. */
function library(...extra: ReturnType<typeof articleWith>[]): Library {
  const filler = Array.from({ length: N }, (_, i) =>
    articleWith({
      id: `filler-${i}`,
      title: `Council meeting number ${i} on the budget`,
      date: '2022-09-01',
      paragraphs: [`The council met again to discuss the budget and the going rate of taxes, item ${i}.`],
    }),
  );
  return new Library([...filler, ...extra]);
}

const griner = articleWith({
  id: 'griner',
  title: 'Brittney Griner moved to penal colony',
  date: '2022-11-09',
  paragraphs: ['Brittney Griner, the basketball star, is being moved to a penal colony in Russia.'],
});
const queen = articleWith({
  id: 'queen',
  title: 'Line of succession after Queen Elizabeth',
  date: '2022-09-10',
  paragraphs: ['Queen Elizabeth was succeeded by her son; the line of succession changes.'],
});

describe('carrying words', () => {
  it('requires the distinctive words of a keyword query and the names of a sentence', () => {
    const df = (t: string) => (t === 'elizabeth' ? 1 : t === 'budget' ? 100 : 0);
    expect(carryingTerms(queryWords('elizabeth holmes'), df, 1000)).toEqual(['elizabeth', 'holm']);
    // a common word is not required
    expect(carryingTerms(queryWords('budget holmes'), df, 1000)).toEqual(['holm']);
    // a sentence: only its names
    expect(
      carryingTerms(
        queryWords('Which company did Elizabeth found after she left college in 2003?'),
        df,
        1000,
      ),
    ).toEqual(['elizabeth']);
    // a sentence's abbreviation is not required (an article may write out "air conditioning"),
    // a keyword query's is
    const rare = (t: string) => (t === 'ac' || t === 'store' ? 5 : 500);
    expect(
      carryingTerms(
        queryWords('Which company is accused of turning off the AC in its stores to save money?'),
        rare,
        1000,
      ),
    ).toEqual([]);
    expect(carryingTerms(queryWords('AC stores'), rare, 1000)).toEqual(['ac', 'store']);
    // a small library tells no word rare: only names are required
    expect(carryingTerms(queryWords('going holmes'), df, 10)).toEqual([]);
  });

  it('answers nothing when a name no article has is asked, and says which words matched nothing', () => {
    const lib = library(griner, queen);
    const answer = answerNews(lib, { query: 'elizabeth holmes', since: null, until: null }, new Date());
    expect(answer.results).toEqual([]);
    expect(answer.nothing?.missing).toEqual(['holmes']);
    expect(answer.nothing?.newest.length).toBeGreaterThan(0);
  });

  it('finds a name with one slip, and offers the name a slip away when nothing answers', () => {
    const lib = library(griner, queen);
    const typo = answerNews(lib, { query: 'brittny griner', since: null, until: null }, new Date());
    expect(typo.results[0]?.id).toBe('griner');
    const slip = answerNews(lib, { query: 'latest on Grinr Xyzzy', since: null, until: null }, new Date());
    expect(slip.results).toEqual([]);
    expect(slip.nothing?.didYouMean).toContain('Griner');
  });

  const lasry = articleWith({
    id: 'lasry',
    title: 'Wisconsin Senate primary narrows',
    date: '2022-07-20',
    paragraphs: ['Milwaukee Bucks executive Alex Lasry dropped out of the Senate race on Wednesday.'],
  });
  const harris = articleWith({
    id: 'harris',
    title: 'Franco Harris remembered',
    date: '2022-12-21',
    paragraphs: [
      'Christopher Russo asked him about it. Dominic, his teammate, recalled the catch.',
      'Harris told host Christopher “Mad Dog” Russo that the play was luck.',
    ],
  });

  it('finds a name with a slip in a short word, its words side by side', () => {
    const lib = library(lasry, harris);
    const typo = answerNews(lib, { query: 'Alex Lasy', since: null, until: null }, new Date());
    expect(typo.results.map((r) => r.id)).toEqual(['lasry']);
    // alone, a four-letter word no article has is not looked up by a slip ("lasy": last, lady)
    const alone = answerNews(lib, { query: 'lasy', since: null, until: null }, new Date());
    expect(alone.results).toEqual([]);
  });

  it('finds a misspelt name only where the whole name stands word after word', () => {
    const lib = library(lasry, harris);
    // "Dominici" is a slip from "Dominic", and "Christopher" gives the term of "Christophe",
    // but no article names a "Christophe Dominici"
    const answer = answerNews(lib, { query: 'Christophe Dominici', since: null, until: null }, new Date());
    expect(answer.results).toEqual([]);
    expect(answer.nothing?.missing).toEqual(['Dominici']);
  });

  it('reads a name in an article only where its words are written as one name', () => {
    const georgia = articleWith({
      id: 'georgia-comma',
      title: 'Runoff ends',
      date: '2022-12-06',
      paragraphs: [
        'It was a long night in Georgia, Democratic Sen. Raphael Warnock said. Georgia voters and Democrats waited.',
      ],
    });
    const named = articleWith({
      id: 'georgia-named',
      title: 'Runoff ends',
      date: '2022-12-01',
      paragraphs: ['The Georgia Democrat Raphael Warnock spoke late.'],
    });
    const lib = library(georgia, named);
    const answer = answerNews(
      lib,
      { query: 'Georgia Democrat', since: null, until: null },
      new Date('2022-12-07'),
    );
    expect(answer.results[0]?.id).toBe('georgia-named');
  });
});

describe('results that answer', () => {
  it('lists a result only when it scores at least half the best', () => {
    const hits = [{ score: 1 }, { score: 0.6 }, { score: 0.3 }];
    expect(answering(hits)).toEqual([{ score: 1 }, { score: 0.6 }]);
  });

  it('carries the window it used and lists nothing from days it says none answers', () => {
    const lib = library(griner, queen);
    const now = new Date('2022-11-30T12:00:00Z');
    const answer = answerNews(lib, { query: 'Brittney Griner last week', since: null, until: null }, now);
    expect(answer.window).toMatchObject({ since: '2022-11-21', until: '2022-11-27', matched: false });
    for (const r of answer.results) expect(r.date! < '2022-11-21' || r.date! > '2022-11-27').toBe(true);
    expect(answer.results[0]?.inWindow).toBe(false);
  });

  it('lists no report from the days it says none answers, not even under another as "Also"', () => {
    // one story, two reports: a full one before the week asked about, and a short follow-up in
    // it that answers too little to lead; the week asked about is 21-27 Nov 2022
    const full = articleWith({
      id: 'ferry-full',
      title: 'Karsten ferry crew strike halts Millbrook crossings',
      date: '2022-11-14',
      paragraphs: [
        'The Karsten ferry crew strike halts Millbrook crossings as the crew walks out over pay.',
        'The strike by the ferry crew left hundreds waiting at Millbrook, and the strike goes on.',
      ],
    });
    const followUp = articleWith({
      id: 'ferry-follow-up',
      title: 'Karsten ferry crew strike halts Millbrook crossings again',
      date: '2022-11-22',
      paragraphs: ['The Karsten ferry crew strike halts Millbrook crossings again.'],
    });
    const lib = library(full, followUp);
    const now = new Date('2022-11-30T12:00:00Z');
    const search = lib.search('Karsten ferry strike pay walkout hundreds waiting', {
      now,
      window: { since: '2022-11-21', until: '2022-11-27' },
    });
    // the case this test is about: the follow-up is in the full report's story, and no answer
    expect(search.map((h) => h.article.id)).toEqual(['ferry-full']);
    expect(search[0]!.related.map((a) => a.id)).toEqual(['ferry-follow-up']);
    expect(search[0]!.inWindow).toBe(false);
    const answer = answerNews(
      lib,
      { query: 'Karsten ferry strike pay walkout hundreds waiting last week', since: null, until: null },
      now,
    );
    expect(answer.window).toMatchObject({ since: '2022-11-21', until: '2022-11-27', matched: false });
    expect(answer.results.map((r) => r.id)).toEqual(['ferry-full']);
    expect(answer.results[0]!.related).toEqual([]);
  });
});

describe('/quote time words', () => {
  it('reads time words as /news does: the days first, else other days, and says so', () => {
    const quoted = articleWith({
      id: 'q',
      title: 'Mayor on the ferry',
      date: '2022-11-28',
      paragraphs: ['"The ferry will run all winter," Mayor Ann Roe said.'],
      quotes: [
        {
          text: 'The ferry will run all winter',
          speaker: 'Ann Roe',
          role: 'Mayor',
          paragraph: 0,
          rule: null,
        },
      ],
    });
    const lib = new Library([quoted]);
    const now = new Date('2022-11-30T12:00:00Z');
    const week = answerQuotes(
      lib,
      { query: 'ferry this week', speaker: null, since: null, until: null },
      now,
    );
    expect(week.searched).toBe('ferry');
    expect(week.window).toMatchObject({ since: '2022-11-28', until: '2022-12-04', matched: true });
    expect(week.results[0]?.article.id).toBe('q');
    const june = answerQuotes(lib, { query: 'ferry in June', speaker: null, since: null, until: null }, now);
    expect(june.window?.matched).toBe(false);
    expect(june.results[0]?.article.id).toBe('q');
  });

  it('reads a range across a year end as /news does, and names the same days', () => {
    const quoted = articleWith({
      id: 'q',
      title: 'Mayor on the ferry',
      date: '2022-11-28',
      paragraphs: ['"The ferry will run all winter," Mayor Ann Roe said.'],
      quotes: [
        {
          text: 'The ferry will run all winter',
          speaker: 'Ann Roe',
          role: 'Mayor',
          paragraph: 0,
          rule: null,
        },
      ],
    });
    const lib = new Library([quoted]);
    // asked in December: November to January is the one around now, not one ending before it starts
    const now = new Date('2022-12-01T12:00:00Z');
    const ask = { query: 'ferry between November and January', since: null, until: null };
    const quotes = answerQuotes(lib, { ...ask, speaker: null }, now);
    const news = answerNews(lib, ask, now);
    const days = { since: '2022-11-01', until: '2023-01-31', label: 'from 1 Nov 2022 to 31 Jan 2023' };
    expect(quotes.window).toMatchObject({ ...days, matched: true });
    expect(news.window).toMatchObject({ ...days, matched: true });
    expect(quotes.searched).toBe('ferry');
    expect(quotes.results[0]?.article.id).toBe('q');
    expect(news.results[0]?.id).toBe('q');
  });
});
