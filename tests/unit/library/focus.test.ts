import { describe, expect, it } from 'vitest';
import { termsOf } from '../../../src/library/analyzer.js';
import { openingShare, paragraphUnits, roundupFactor, type TextUnit } from '../../../src/library/focus.js';

// Made-up paragraphs (no publisher's text). "Karsten", "volcano", "ferry" and "Millbrook" stand for
// distinctive words (weight 3); every other word weighs nothing.
const RARE = new Set(termsOf('Karsten volcano ferry Millbrook'));
const weight = (t: string) => (RARE.has(t) ? 3 : 0);

const units = (texts: string[]): TextUnit[] => texts.map((text) => ({ text, terms: termsOf(text) }));

const story = [
  'A volcano on Karsten Island erupted on Sunday.',
  'Scientists had warned that the volcano was waking up.',
  'About 900 residents of Karsten left by ferry.',
  'The weather stayed mild for most of the afternoon.',
];
const roundup = [
  'A volcano on Karsten Island erupted on Sunday.',
  'Harbour United beat Millbrook in the cup final on Saturday.',
  'Shops along the seafront reported a busy weekend.',
  'The council voted to repaint the town hall next spring.',
];

describe('openingShare', () => {
  const opening = new Set(termsOf('Volcano erupts on Karsten Island. A volcano on Karsten Island erupted.'));

  it('counts the text of paragraphs that share a distinctive word with the opening', () => {
    const linked = story.slice(0, 3).reduce((n, p) => n + p.length, 0);
    const total = story.reduce((n, p) => n + p.length, 0);
    expect(openingShare(units(story), opening, weight, 3)).toBeCloseTo(linked / total, 10);
  });

  it('is low for a round-up whose later items have nothing of the opening', () => {
    const share = openingShare(units(roundup), opening, weight, 3);
    expect(share).toBeCloseTo(roundup[0]!.length / roundup.join('').length, 10);
    expect(share).toBeLessThan(openingShare(units(story), opening, weight, 3));
  });

  it('needs the shared words to weigh minShared', () => {
    // paragraph 0 shares two distinctive words (6); paragraphs 1 and 2 one each (3; "ferry" is not in the opening)
    const share = openingShare(units(story), opening, weight, 6);
    expect(share).toBeCloseTo(story[0]!.length / story.join('').length, 10);
  });

  it('ignores words that weigh nothing, however many are shared', () => {
    const common = new Set(termsOf('the weather stayed mild afternoon'));
    expect(openingShare(units(story), common, weight, 1)).toBe(0);
  });

  it('counts an article without body text as focused', () => {
    expect(openingShare([], opening, weight, 3)).toBe(1);
  });
});

describe('paragraphUnits', () => {
  const paragraphs = ['Karsten erupted. Ferries left.', 'Millbrook won.'];
  // made-up terms, to tell the sentences' terms apart from a fresh analysis of the paragraphs
  const sentences = [
    { paragraph: -1, terms: ['sf'] },
    { paragraph: 0, terms: ['s1'] },
    { paragraph: 0, terms: ['s2'] },
    { paragraph: 1, terms: ['s3'] },
  ];

  it("gives each paragraph its own sentences' terms, leaving out the standfirst", () => {
    const out = paragraphUnits(paragraphs, sentences);
    expect(out.map((u) => u.text)).toEqual(paragraphs);
    expect(out.map((u) => u.terms)).toEqual([['s1', 's2'], ['s3']]);
  });

  it('leaves out the paragraphs past the last analysed one (a very long article is read in part)', () => {
    const out = paragraphUnits([...paragraphs, 'Not analysed.'], sentences);
    expect(out.map((u) => u.text)).toEqual(paragraphs);
  });
});

describe('roundupFactor', () => {
  const settings = { below: 0.2, penalty: 0.5 };

  it('leaves articles at or above the threshold alone', () => {
    expect(roundupFactor(0.2, settings)).toBe(1);
    expect(roundupFactor(0.9, settings)).toBe(1);
  });

  it('takes off up to the penalty, linearly below the threshold', () => {
    expect(roundupFactor(0, settings)).toBeCloseTo(0.5, 10);
    expect(roundupFactor(0.1, settings)).toBeCloseTo(0.75, 10);
  });

  it('does nothing when switched off', () => {
    expect(roundupFactor(0, { below: 0, penalty: 0.5 })).toBe(1);
  });
});
