// /quote shows whole statements before fragments; "Who said this?" finds a quotation from a
// memorable phrase said amid chatter. Invented articles.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { articleOf } from '../../fixtures/articles.js';

/** Not fixtures' BRIDGE: here the mayor's statement comes with a fragment quoted from the same speech. */
const BRIDGE_SPEECH = ` date 2025-03-01 Mayor Opens River Bridge

City Mayor Helena Voss opened the new river bridge on Saturday.

Voss called the old crossing a "rusting embarrassment to the whole city" in her speech.

"This bridge will carry our city into the next century and tie our two banks together for good," Voss said.

Engineers praised the design of the span, which took four years to build.
`;

const FERRY = ` date 2025-04-02 Ferry Service Cut

The island ferry will sail twice a week from May, the operator said.

"We simply cannot afford daily crossings with fuel at these prices," said operator Ines Marlow.
`;

const library = new Library([articleOf('bridge.txt', BRIDGE_SPEECH), articleOf('ferry.txt', FERRY)]);

describe('/quote: whole statements before fragments', () => {
  it('by speaker: the statement leads, the partial quotation follows', () => {
    const hits = library.quotes.search('', { speaker: 'Voss' });
    expect(hits.map((h) => h.quote.text)).toEqual([
      expect.stringContaining('This bridge will carry'),
      'rusting embarrassment to the whole city',
    ]);
  });

  it('by topic: the statement outranks the fragment that matches as well', () => {
    const hits = library.quotes.search('bridge Voss');
    expect(hits[0]?.quote.text).toContain('This bridge will carry');
  });
});

describe('Who said this? a memorable phrase amid chatter', () => {
  it('finds the quotation from three of its words in a row inside a long chatty message', () => {
    const message =
      'ok so I was reading the news this morning with my coffee and somebody in there goes on about ' +
      'how they "cannot afford daily crossings" and honestly I had no idea things were that bad, anyway how are you all';
    expect(library.quotes.closest(message)[0]?.quote.speaker).toBe('Ines Marlow');
  });

  it('the phrase counts at the threshold in use whatever threshold is asked (the bench asks lower ones)', () => {
    const message = 'didnt someone go on about how they "cannot afford daily crossings" or so, lol';
    const [hit] = library.quotes.closest(message, 1, 0.4);
    expect(hit?.quote.speaker).toBe('Ines Marlow');
    expect(hit?.score).toBeGreaterThanOrEqual(0.6);
  });

  it('a narrative sentence that shares a phrase with the article finds nothing', () => {
    expect(
      library.quotes.closest('Engineers praised the design of the new river bridge on Saturday.'),
    ).toEqual([]);
  });
});
