import { describe, expect, it } from 'vitest';
import { titleOfWork } from '../../../../../src/articles/quotes/not-speech/title-of-work.js';
import { withAndWithout } from '../cases.js';

// Invented fixtures: people, places and words are made up for these tests.

describe('not-speech rule title-of-work: a title named as one', () => {
  it.each([
    'The streaming service released a show called "How To Fix a Broken Town." It was a hit.',
    'Mayor Ines Marlow shared a link to the 2019 film "Rivers of Home: The Long Way Back" last week.',
    'Otto Kral recalled the 1969 book titled "The Tragedy of the Harbour Town," laughing.',
  ])('%s -> no quotation', (paragraph) => {
    const { on, off } = withAndWithout(titleOfWork, paragraph);
    expect(off.length).toBeGreaterThan(0);
    expect(on).toEqual([]);
  });

  it.each([
    // "called" before speech in sentence case
    ['Senator Dana Pike called the deal "a disaster for every worker in the valley," aides said.'],
    // title case without a word naming a work: shouted speech or a headline quoted as speech
    ['"We Will Not Back Down On This," Otto Kral said.'],
  ])('%s -> kept', (paragraph) => {
    expect(withAndWithout(titleOfWork, paragraph).on).toHaveLength(1);
  });
});
