import type { Article, Quote } from '../articles/types.js';

/** A speaker's name as first written, with how many quotations the articles give them. */
export interface SpeakerCount {
  name: string;
  count: number;
}

/** Folded for comparing names: "Sergéy  LAVROV" and "sergey lavrov" are the same speaker. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "Lavrov" names "Sergey Lavrov": every word typed is a whole word of the speaker's name. */
export function speakerMatches(speaker: string | null, wanted: string): boolean {
  return speakerMatcher(wanted)(speaker);
}

/** A speaker's name as speakerMatches compares it: its folded words. */
export function speakerWords(speaker: string): readonly string[] {
  return foldName(speaker).split(' ');
}

/**
 * speakerMatches for one wanted name, folded once for the many speakers compared with it; `wordsOf`
 * gives a speaker's folded words (speakerWords, which a caller may keep per name).
 */
export function speakerMatcher(
  wanted: string,
  wordsOf: (speaker: string) => readonly string[] = speakerWords,
): (speaker: string | null) => boolean {
  const want = foldName(wanted).split(' ').filter(Boolean);
  return (speaker) => {
    if (!speaker || !want.length) return false;
    const have = wordsOf(speaker);
    return want.every((w) => have.includes(w));
  };
}

/** Counts quotations per speaker (names compared folded), one quotation at a time. */
export class SpeakerTally {
  private readonly counts = new Map<string, SpeakerCount>();

  add(quote: Quote): void {
    if (!quote.speaker) return;
    const key = foldName(quote.speaker);
    const entry = this.counts.get(key) ?? { name: quote.speaker, count: 0 };
    entry.count++;
    this.counts.set(key, entry);
  }

  /** Most quoted first. */
  result(): SpeakerCount[] {
    return [...this.counts.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
  }
}

/** The speakers of all the articles' quotations, most quoted first. */
export function countSpeakers(articles: readonly Article[]): SpeakerCount[] {
  const tally = new SpeakerTally();
  for (const article of articles) for (const quote of article.quotes) tally.add(quote);
  return tally.result();
}

/**
 * The speakers (in their order) a name being typed may be, at most `max`: every typed word starts
 * some word of the name ("serg lav", "lavrov", "s lavrov"); with nothing typed, the first `max`.
 */
export function speakersTyped(speakers: readonly SpeakerCount[], typed: string, max: number): SpeakerCount[] {
  const want = foldName(typed);
  if (!want) return speakers.slice(0, max);
  const words = want.split(' ');
  const out: SpeakerCount[] = [];
  for (const s of speakers) {
    const parts = foldName(s.name).split(' ');
    if (words.every((w) => parts.some((p) => p.startsWith(w)))) out.push(s);
    if (out.length >= max) break;
  }
  return out;
}
