// "Who said this?": how close a message is to one quotation. Every word weighs 1 here, so the
// scores are shares of words; invented texts.
import { describe, expect, it } from 'vitest';
import { CLOSEST } from '../../../src/library/quote-tuning.js';
import { bagOf, closeness, memorablePhrase, narrativeOf } from '../../../src/library/who-said-match.js';
import { articleOf } from '../../fixtures/articles.js';

const one = () => 1;
const bag = (text: string) => bagOf(text, one);
const none = new Set<string>();

describe('bagOf', () => {
  it('keeps index terms in order, skips stop words, pairs neighbours', () => {
    const b = bag('The harbour ferry sails the harbour');
    expect(b.sequence).toEqual(['harbour', 'ferri', 'sail', 'harbour']);
    expect([...b.terms]).toEqual(['harbour', 'ferri', 'sail']);
    expect([...b.pairs]).toEqual(['harbour ferri', 'ferri sail', 'sail harbour']);
    expect(b.weight).toBe(3);
  });
});

describe('closeness', () => {
  const quote = bag('We will rebuild the harbour wall before winter storms arrive');

  it('a quotation repeated word for word scores 1', () => {
    expect(closeness(quote, quote, none, one).score).toBe(1);
  });

  it('the same words in another order lose the pairs share only', () => {
    const shuffled = bag('winter rebuild storms harbour arrive wall');
    expect(closeness(shuffled, quote, none, one).score).toBeCloseTo(1 - CLOSEST.pairShare);
  });

  it('fewer than CLOSEST.minShared words in common score 0, even with the speaker named', () => {
    const near = closeness(bag('Voss harbour'), quote, new Set(['voss']), one);
    expect(near).toEqual({ score: 0, cover: 0 });
  });

  it("the speaker's name in the message counts as shared", () => {
    const message = bag('Voss: rebuild harbour');
    const without = closeness(message, quote, none, one).score;
    const withName = closeness(message, quote, new Set(['voss']), one).score;
    expect(withName).toBeGreaterThan(without);
  });

  it('cover: how much of the quotation the message repeats', () => {
    expect(closeness(bag('rebuild harbour wall'), quote, none, one).cover).toBeCloseTo(3 / quote.terms.size);
  });
});

describe('memorablePhrase', () => {
  const quote = bag('We simply cannot afford daily ferry crossings at these prices');
  const never = () => false;

  it('PHRASE.minTerms of its words in a row amid chatter score CLOSEST.minScore', () => {
    const message = bag('lol someone said "afford daily ferry" on the radio this morning, anyway');
    expect(memorablePhrase(message, quote, never)).toBe(CLOSEST.minScore);
  });

  it('the words apart or out of order score 0', () => {
    expect(memorablePhrase(bag('afford the daily news, the ferry'), quote, never)).toBe(0);
    expect(memorablePhrase(bag('ferry daily afford'), quote, never)).toBe(0);
  });

  it('a phrase the news writes in its own words scores 0', () => {
    expect(memorablePhrase(bag('they "afford daily ferry"'), quote, () => true)).toBe(0);
  });
});

describe('narrativeOf', () => {
  const article = articleOf(
    'ferry.txt',
    ` date 2025-04-02 Ferry Service Cut

The daily ferry crossings end in May.

"We cannot keep daily ferry crossings going," said operator Ines Marlow. "Fuel prices rose again."
`,
  );
  const narrative = narrativeOf([article], one);

  it('a phrase the article writes outside its quotations is narrative', () => {
    expect(narrative('daili ferri cross')).toBe(true);
  });

  it('a phrase only quoted is not', () => {
    expect(narrative('fuel price rose')).toBe(false);
    expect(narrative('keep daili ferri')).toBe(false);
  });
});
