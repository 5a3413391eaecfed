// Speaker names: compared folded, counted per speaker, narrowed as a name is typed. Invented names.
import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/articles/types.js';
import {
  foldName,
  SpeakerTally,
  speakerMatcher,
  speakerMatches,
  speakersTyped,
} from '../../../src/library/quote-speakers.js';

const quote = (speaker: string | null): Quote => ({
  text: 'We will see.',
  speaker,
  role: null,
  paragraph: 0,
  rule: null,
});

describe('foldName', () => {
  it('drops accents, case, possessives and punctuation', () => {
    expect(foldName('  Sergéy  LAVROV’s ')).toBe('sergey lavrov');
    expect(foldName("O'Neill-Brown")).toBe('o neill brown');
  });
});

describe('speakerMatches', () => {
  it('matches whole words of the name, ignoring case and accents', () => {
    expect(speakerMatches('Sergey Lavrov', 'lavrov')).toBe(true);
    expect(speakerMatches('José Álvarez', 'jose alvarez')).toBe(true);
    expect(speakerMatches('Sergey Lavrov', 'lav')).toBe(false);
    expect(speakerMatches(null, 'x')).toBe(false);
    expect(speakerMatches('Sergey Lavrov', '  ')).toBe(false);
  });
});

describe('SpeakerTally', () => {
  it('counts the same speaker however written, keeps the first spelling, most quoted first then by name', () => {
    const tally = new SpeakerTally();
    for (const s of ['Ines Marlow', 'Helena Voss', 'INES MARLOW', null, 'Ben Okafor', 'Helena Voss'])
      tally.add(quote(s));
    expect(tally.result()).toEqual([
      { name: 'Helena Voss', count: 2 },
      { name: 'Ines Marlow', count: 2 },
      { name: 'Ben Okafor', count: 1 },
    ]);
  });
});

describe('speakersTyped', () => {
  const speakers = [
    { name: 'Helena Voss', count: 5 },
    { name: 'Sergey Lavrov', count: 3 },
    { name: 'Selma Lavrova', count: 2 },
  ];

  it('keeps the speakers every typed word starts a word of, in their order', () => {
    expect(speakersTyped(speakers, 'lav', 25).map((s) => s.name)).toEqual(['Sergey Lavrov', 'Selma Lavrova']);
    expect(speakersTyped(speakers, 'serg lav', 25).map((s) => s.name)).toEqual(['Sergey Lavrov']);
    expect(speakersTyped(speakers, 'voss helena', 25).map((s) => s.name)).toEqual(['Helena Voss']);
    expect(speakersTyped(speakers, 'oss', 25)).toEqual([]);
  });

  it('with nothing typed, the first `max`; at most `max` either way', () => {
    expect(speakersTyped(speakers, ' ', 2).map((s) => s.name)).toEqual(['Helena Voss', 'Sergey Lavrov']);
    expect(speakersTyped(speakers, 's', 1).map((s) => s.name)).toEqual(['Sergey Lavrov']);
  });
});

describe('speakerMatcher', () => {
  it('answers as speakerMatches, reading each speaker through the words function given', () => {
    const asked: string[] = [];
    const matches = speakerMatcher('ines HALVORSEN', (speaker) => {
      asked.push(speaker);
      return speaker.toLowerCase().split(' ');
    });
    expect(matches('Ines Halvorsen')).toBe(true);
    expect(matches('Tomas Halvorsen')).toBe(false);
    expect(matches(null)).toBe(false);
    expect(asked).toEqual(['Ines Halvorsen', 'Tomas Halvorsen']);
    for (const [speaker, wanted] of [
      ['Sergéy Lavrov', 'sergey'],
      ['Lavrov', 'sergey lavrov'],
      ["Kallas's aide", 'kallas'],
    ] as const)
      expect(speakerMatcher(wanted)(speaker)).toBe(speakerMatches(speaker, wanted));
  });

  it('matches nobody when the wanted name has no letters', () => {
    expect(speakerMatcher(' - ')('Mark Rutte')).toBe(false);
  });
});
