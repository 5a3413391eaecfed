// Quotations with no attribution of their own take one from their neighbours: "He said:" at the
// end of the paragraph before, the quotation just before it (a quotation continued in the next
// sentence or paragraph), the subject of the sentence before it, or the headline's speaker.
import { clauseSubject, isSpeechVerbAt, sourcePhraseAfter } from './clauses.js';
import { NOT_NAME_WORDS, SPEECH_NOUNS, SPEECH_VERBS } from './lexicon.js';
import { type Registry, resolveSourcePhrase, type Speaker } from './names.js';
import { labelBefore } from './rules/label-colon.js';
import type { ArticleContext, Side } from './rules/rule.js';
import { speechVerbBefore } from './rules/verb-before.js';
import type { QuoteSpan } from './spans.js';
import {
  MAX_TAG_WORDS,
  TITLE_LABEL_MAX_CHARS,
  TITLE_LABEL_MAX_WORDS,
  TITLE_SPEAKER_PARAGRAPHS,
  WINDOW_CHARS,
} from './tuning.js';
import {
  isNameWord,
  isSentenceEnd,
  paragraphAt,
  sentenceStart,
  tokenize,
  type Word,
  wordsIn,
} from './words.js';

/** A quotation and what the rules made of it. */
export interface Attributed {
  span: QuoteSpan;
  speaker: Speaker | null;
  /** The rule that named the speaker (or its role), null when none did. */
  rule: string | null;
  /** Where the attribution was found; 'inherited' when it came from a neighbour. */
  side: Side | 'inherited' | null;
  /** Attributed by a speech verb next to it (not by a sentence subject or a neighbour). */
  direct: boolean;
}

/** What an inheritance rule sees: the quotation, the one before it, and the article. */
interface Neighbourhood {
  quote: Attributed;
  previous: Attributed | undefined;
  /** Only white space before the quotation in its paragraph. */
  opensParagraph: boolean;
  article: ArticleContext;
  headlineSpeaker: Speaker | null;
}

interface InheritanceRule {
  name: string;
  inherit(n: Neighbourhood): Speaker | null;
}

/** "…," she said. "Second sentence.": the quotation before, in the same paragraph. */
const previousInParagraph: InheritanceRule = {
  name: 'previous-in-paragraph',
  inherit: ({ quote, previous }) =>
    previous?.speaker?.name && previous.span.endPara === quote.span.startPara ? previous.speaker : null,
};

/** `Lavrov said:` ending the paragraph before a paragraph that is all quotation. */
const colonBefore: InheritanceRule = {
  name: 'colon-before',
  inherit({ quote, opensParagraph, article }) {
    const p = quote.span.startPara;
    if (!opensParagraph || p === 0) return null;
    const prevText = paragraphAt(article.text, p - 1).trimEnd();
    if (!prevText.endsWith(':')) return null;
    const start = sentenceStart(prevText, prevText.length, 0);
    return (
      labelBefore(article, p - 1, prevText.length, 0) ??
      speechVerbBefore(article, p - 1, prevText.length, 0) ??
      clauseSubject(wordsIn(article.text, p - 1, start), article.registry, p - 1, start)
    );
  },
};

/** A quotation that goes on in the next paragraph keeps its speaker. */
const previousParagraph: InheritanceRule = {
  name: 'previous-paragraph',
  inherit: ({ quote, previous, opensParagraph }) => {
    const p = quote.span.startPara;
    return opensParagraph && p > 0 && previous?.speaker?.name && previous.span.endPara >= p - 1
      ? previous.speaker
      : null;
  },
};

/** "Howard continued his scathing remarks." then a paragraph that is all quotation. */
const speechSentenceBefore: InheritanceRule = {
  name: 'speech-sentence-before',
  inherit({ quote, opensParagraph, article }) {
    const p = quote.span.startPara;
    if (!opensParagraph || p === 0) return null;
    const prevText = paragraphAt(article.text, p - 1).trimEnd();
    const start = sentenceStart(prevText, prevText.length, 0);
    const lastSentence = wordsIn(article.text, p - 1, start);
    if (!lastSentence.some((w) => SPEECH_VERBS.has(w.lower) || SPEECH_NOUNS.has(w.lower))) return null;
    return (
      invertedTag(lastSentence, article, p - 1) ?? clauseSubject(lastSentence, article.registry, p - 1, start)
    );
  },
};

/**
 * "…, and she hopes it does the same, said Ansley.": a sentence that ends with an inverted
 * attribution tag (a comma, a speech verb, then only its source) names its source there, whoever
 * its first clause is about. Only the inverted order: "…, Roe said." and "…, told ABC News that …"
 * may be a report of a report or a clause of its own, and "…, saying …" is what the subject said.
 */
function invertedTag(sentence: readonly Word[], article: ArticleContext, para: number): Speaker | null {
  let comma = -1;
  for (let k = sentence.length - 1; k > 0; k--) {
    if (sentence[k]?.text === ',') {
      comma = k;
      break;
    }
  }
  if (comma < 0) return null;
  const tag = sentence.slice(comma + 1).filter((w) => !isSentenceEnd(w));
  const verb = tag[0];
  if (!verb || /ing$/.test(verb.lower) || !isSpeechVerbAt(tag, 0) || tag.length > MAX_TAG_WORDS) return null;
  const source = sourcePhraseAfter(tag, 1);
  if (source.length !== tag.length - 1) return null;
  const found = resolveSourcePhrase(source, article.registry, para, (sentence[comma] as Word).start);
  return found?.name ? found : null;
}

/** `Cecile Richards: '…'` as the headline, and a quotation opening one of the first paragraphs. */
const headline: InheritanceRule = {
  name: 'headline',
  inherit: ({ quote, opensParagraph, headlineSpeaker }) => {
    const p = quote.span.startPara;
    return opensParagraph && p > 0 && p <= TITLE_SPEAKER_PARAGRAPHS ? headlineSpeaker : null;
  },
};

/** "Bolton distanced himself from the movement. “I’m going to support him.”" */
const sentenceBefore: InheritanceRule = {
  name: 'sentence-before',
  inherit({ quote, opensParagraph, article }) {
    if (opensParagraph) return null;
    const p = quote.span.startPara;
    const text = paragraphAt(article.text, p);
    // Each sentence is read back at most a window's length, so many quotations in one long
    // paragraph never rescan it; a sentence longer than that is not read at all.
    const floor = Math.max(0, quote.span.open - WINDOW_CHARS);
    const start = sentenceStart(text, quote.span.open, floor);
    if (start <= 0 || (start === floor && floor > 0)) return null;
    const prevFloor = Math.max(0, start - 1 - WINDOW_CHARS);
    const prevStart = sentenceStart(text, start - 1, prevFloor);
    if (prevStart === prevFloor && prevFloor > 0) return null;
    return clauseSubject(wordsIn(article.text, p, prevStart, start), article.registry, p, prevStart);
  },
};

/** In order; the first that names a source wins. */
const INHERITANCE_RULES: readonly InheritanceRule[] = [
  previousInParagraph,
  colonBefore,
  previousParagraph,
  speechSentenceBefore,
  headline,
  sentenceBefore,
];

/** Gives each unattributed quotation the speaker its neighbours point to, in reading order. */
export function inheritSpeakers(
  found: Attributed[],
  article: ArticleContext,
  title: string | undefined,
): void {
  const headlineSpeaker = speakerFromTitle(title, article.registry, article.text.paragraphs.length);
  for (let k = 0; k < found.length; k++) {
    const quote = found[k] as Attributed;
    if (quote.speaker) continue;
    const text = paragraphAt(article.text, quote.span.startPara);
    const n: Neighbourhood = {
      quote,
      previous: found[k - 1],
      opensParagraph: onlySpaceBefore(text, quote.span.open),
      article,
      headlineSpeaker,
    };
    for (const rule of INHERITANCE_RULES) {
      const speaker = rule.inherit(n);
      if (!speaker) continue;
      quote.speaker = speaker;
      quote.rule = `inherit:${rule.name}`;
      quote.side = 'inherited';
      break;
    }
  }
}

function onlySpaceBefore(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) if (!/\s/.test(text[i] ?? '')) return false;
  return true;
}

/** `Cecile Richards: ‘…’` — a headline that names the speaker before a colon. */
function speakerFromTitle(
  title: string | undefined,
  registry: Registry,
  paragraphCount: number,
): Speaker | null {
  if (typeof title !== 'string') return null;
  const colon = title.indexOf(':');
  if (colon <= 0 || colon > TITLE_LABEL_MAX_CHARS) return null;
  const words = tokenize(title.slice(0, colon));
  if (
    !words.length ||
    words.length > TITLE_LABEL_MAX_WORDS ||
    !words.every((w) => isNameWord(w) && !NOT_NAME_WORDS.has(w.lower))
  )
    return null;
  const found = resolveSourcePhrase(words, registry, paragraphCount, 0);
  return found?.name ? found : null;
}
