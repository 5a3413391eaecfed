import { describe, expect, it } from 'vitest';
import { partialFragment } from '../../../../../src/articles/quotes/not-speech/partial-fragment.js';
import { withAndWithout } from '../cases.js';

// Invented fixtures: people, places and words are made up for these tests.

describe('not-speech rule partial-fragment: a short phrase inside the writer’s sentence', () => {
  it.each([
    'Governor Rita Olsen warned of a "humanitarian crisis" at the harbour.',
    'Senator Dana Pike called the merger an "absolute disaster" and urged regulators to stop it.',
    'Minister Olek Varga said the repairs were "proving effective" so far.',
    'Mayor Ines Marlow once described herself as "pro-growth."',
    'Chief Pia Brandt said the town was now at a "tipping point."',
    // a capitalised term after a determiner is a term, not an answer
    'The letter urged the council to drop what it called a "DHA harbour ban."',
  ])('%s -> no quotation', (paragraph) => {
    const { on, off } = withAndWithout(partialFragment, paragraph);
    expect(off).toHaveLength(1);
    expect(on).toEqual([]);
  });

  it.each([
    // a short answer standing as its own sentence
    ['Asked about the strike, Mayor Ines Marlow replied: "No, not really."', 'No, not really.'],
    ['"Not yet," Mayor Ines Marlow said.', 'Not yet'],
    // a capitalised sentence right after a speech verb
    ['Asked whether he would run again, Otto Kral said "Absolutely not."', 'Absolutely not.'],
    // the speaker's own voice
    ['Kral told the crowd "I’m still here" before leaving.', 'I’m still here'],
    // four words carry a claim of their own
    ['Senator Dana Pike said the budget was "a plan built on sand" and left.', 'a plan built on sand'],
  ])('%s -> kept', (paragraph, text) => {
    expect(withAndWithout(partialFragment, paragraph).on).toEqual([text]);
  });

  it('a list of short phrases under one cue is judged whole', () => {
    const paragraph =
      'Candidate Lars Berg called his rival a "nasty guy," an "anchor baby" and a "total fraud," aides said.';
    expect(withAndWithout(partialFragment, paragraph).on).toHaveLength(1);
  });
});
