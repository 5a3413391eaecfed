import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { answering, answerNews } from '../../../src/queries/news.js';
import { articleWith } from '../../helpers.js';

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
