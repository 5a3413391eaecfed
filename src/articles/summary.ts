import { splitSentences, truncateAtWord } from './text.js';

/** Discord shows a short summary per result: long enough to tell what happened, short enough for five results. */
export const SUMMARY_MAX_CHARS = 350;

/** Below this much room a cut-off extra sentence reads as noise rather than information. */
const MIN_PARTIAL_CHARS = 80;

interface Summarizable {
  standfirst: string | null;
  paragraphs: readonly string[];
}

/**
 * The standfirst, then the lead sentences of the body (news puts the essentials first), in whole
 * sentences up to `max` characters; the last one may be cut at a word, with an ellipsis, when
 * enough room is left for it to say something.
 */
export function summarize(article: Summarizable, max = SUMMARY_MAX_CHARS): string {
  const sentences: string[] = [];
  if (article.standfirst) {
    const sf = article.standfirst.trim();
    sentences.push(/[.!?…]["”’]?$/.test(sf) ? sf : `${sf}.`);
  }
  for (const paragraph of article.paragraphs) {
    sentences.push(...splitSentences(paragraph));
    if (sentences.join(' ').length > max) break;
  }
  let out = '';
  for (const sentence of sentences) {
    const next = out ? `${out} ${sentence}` : sentence;
    if (next.length <= max) {
      out = next;
      continue;
    }
    const room = max - out.length - (out ? 1 : 0);
    if (!out || room >= MIN_PARTIAL_CHARS) {
      const partial = truncateAtWord(sentence, room);
      out = out ? `${out} ${partial}` : partial;
    }
    break;
  }
  return out;
}
