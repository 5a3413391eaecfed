// A table of [paragraphs, expected speaker] for one rule: the last quotation of the paragraphs
// must be attributed to the speaker, by that rule. Fixtures are invented, never corpus text.
import { expect, it } from 'vitest';
import { extractQuotes } from '../../../../src/articles/quotes/index.js';
import type { NotSpeechRule } from '../../../../src/articles/quotes/not-speech/rule.js';

export type Case = [paragraphs: string[], speaker: string | null];

export function attributesBy(rule: string, cases: readonly Case[]): void {
  it.each(cases)('%j -> %s', (paragraphs, speaker) => {
    const quotes = extractQuotes(paragraphs);
    const last = quotes[quotes.length - 1];
    expect(last?.speaker ?? null).toBe(speaker);
    expect(last?.rule).toBe(rule);
  });
}

/** A table of [paragraphs, expected speaker] whatever the rule: the last quotation's speaker. */
export function speakers(cases: readonly Case[]): void {
  it.each(cases)('%j -> %s', (paragraphs, speaker) => {
    const quotes = extractQuotes(paragraphs);
    expect(quotes[quotes.length - 1]?.speaker ?? null).toBe(speaker);
  });
}

/** The quotations the pipeline finds in one paragraph, with and without `rule`. */
export function withAndWithout(rule: NotSpeechRule, paragraph: string): { on: string[]; off: string[] } {
  const texts = (rules: readonly NotSpeechRule[]) =>
    extractQuotes([paragraph], undefined, undefined, rules).map((q) => q.text);
  return { on: texts([rule]), off: texts([]) };
}
