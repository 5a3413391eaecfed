import { describe, expect, it } from 'vitest';
import { analyseFields, countedFields } from '../../../src/library/analysed.js';
import { analyseArticle, Library } from '../../../src/library/library.js';
import { articleWith } from '../../helpers.js';

const ARTICLES = [
  articleWith({
    id: 'a/harbour',
    title: "The Harbour Council's ferry plan",
    standfirst: 'Islanders welcome the new route',
    headings: ['What changes', 'Fares'],
    paragraphs: [
      'The council approved the ferry route on Tuesday, and the ferry will sail twice a day.',
      '“It is a good day for the islands,” said Mara Quint, who chairs the council’s transport board.',
      'Fares will rise by 2% in 2027; children under 12 travel free.',
    ],
    tags: ['transport', 'islands'],
    section: 'a',
    quotes: [
      {
        text: 'It is a good day for the islands',
        speaker: 'Mara Quint',
        role: 'chair of the transport board',
        paragraph: 1,
        rule: null,
      },
    ],
  }),
  articleWith({
    id: 'b/orchard',
    title: 'Orchard growers expect a record apple harvest',
    paragraphs: ['Growers said the apples were larger than ever.', 'The harvest begins in Zürich’s hills.'],
  }),
  articleWith({ id: 'c/empty', title: 'Notes', paragraphs: [] }),
];

describe('index analyses of articles', () => {
  it('builds exactly the index a build that analyses each article makes', async () => {
    const plain = await Library.build(ARTICLES);
    const analyses = new Map(ARTICLES.map((a) => [a, analyseArticle(a)]));
    let asked = 0;
    const known = await Library.build(ARTICLES, [], {
      analysed: (article) => {
        asked++;
        return analyses.get(article);
      },
    });
    expect(asked).toBe(ARTICLES.length);
    // both indexes: the articles' and the quotations'
    expect(known.exportIndexes()).toEqual(plain.exportIndexes());
    expect(plain.exportIndexes().quoteIndex.documentCount).toBe(1);
    expect(known.search('ferry fares', { max: 5 }).map((h) => h.article.id)).toEqual(
      plain.search('ferry fares', { max: 5 }).map((h) => h.article.id),
    );
  });

  it('analyses an article again when its analysis is malformed, and the index is the same', async () => {
    const plain = await Library.build(ARTICLES);
    const broken = [
      '',
      '3 ferry 2',
      '3 ferry 2\n1 ferry',
      '3 ferry 0\n1',
      '3 ferry 1 ferry 1\n1',
      'x\n1',
      '1\n1\n1',
    ];
    for (const text of broken) expect(countedFields(text, 2)).toBeNull();
    const wrong = await Library.build(ARTICLES, [], { analysed: (a) => broken[a.id.length % broken.length] });
    expect(wrong.exportIndexes()).toEqual(plain.exportIndexes());
  });

  it('gives distinct tokens before stop words are dropped, and terms in first-occurrence order', () => {
    // six distinct tokens as written ("The" and "the" are two), two terms once processed
    expect(analyseFields(['The ferry and the ferries sail', 'Ferry'])).toBe('6 ferri 2 sail 1\n1 ferri 1');
    expect(countedFields('6 ferri 2 sail 1\n1 ferri 1', 2)).toEqual([
      {
        fieldId: 0,
        uniqueTokens: 6,
        terms: new Map([
          ['ferri', 2],
          ['sail', 1],
        ]),
      },
      { fieldId: 1, uniqueTokens: 1, terms: new Map([['ferri', 1]]) },
    ]);
  });

  it('keeps no analysis whose term would hold a separator', () => {
    // U+FDFA, one letter, decomposes (NFKD) into four words with spaces between
    expect(analyseFields(['\uFDFA'])).toBeNull();
  });
});
