// Direct quotations and their speakers, found with rules (no model). The pipeline, in order:
//
//   1. spans        the text between double quotation marks, titles left out (spans.ts, and the
//                   not-speech rules asked before attribution: not-speech/)
//   2. names        every name the article mentions, with its role and kind (names.ts)
//   3. attribution  the rules below, asked in order for each quotation; the first that names a
//                   source wins, a rule that only finds a role ("a spokesman") is kept until a
//                   later rule names someone; a rule marked onlyWhenNoSource is asked only when
//                   no earlier rule found any source (rules/)
//   4. inheritance  a quotation with no attribution takes its neighbour's (inherit.ts)
//   5. merge        `"A," he said, "B."` becomes one quotation (merge.ts)
//   6. filter       what is too short to be speech is left out (merge.ts), and what the
//                   not-speech rules asked of whole quotations call a quoted term (not-speech/)
//
// Each quotation records the rule that attributed it (Quote.rule). Every window a rule reads is
// bounded (tuning.ts), so the work is linear in the article's text.
import type { Problem, Quote } from '../types.js';
import { type Attributed, inheritSpeakers } from './inherit.js';
import { mergeSplitQuotes, toQuotes } from './merge.js';
import { buildRegistry, type Speaker } from './names.js';
import { partialFragment } from './not-speech/partial-fragment.js';
import type { NotSpeechRule } from './not-speech/rule.js';
import { titleOfWork } from './not-speech/title-of-work.js';
import { labelColon } from './rules/label-colon.js';
import { nameVerbAfter } from './rules/name-verb-after.js';
import type { ArticleContext, AttributionRule, Candidate } from './rules/rule.js';
import { sentenceEnd } from './rules/sentence-end.js';
import { sentenceSubject } from './rules/sentence-subject.js';
import { signOff } from './rules/sign-off.js';
import { verbAfter } from './rules/verb-after.js';
import { verbBefore } from './rules/verb-before.js';
import { findQuoteSpans, isTitle, type QuoteSpan } from './spans.js';
import { WINDOW_CHARS } from './tuning.js';
import { type ArticleText, articleText, paragraphAt } from './words.js';

/** The attribution rules, in the order they are asked. */
export const ATTRIBUTION_RULES: readonly AttributionRule[] = [
  signOff,
  verbAfter,
  labelColon,
  verbBefore,
  nameVerbAfter,
  sentenceEnd,
  sentenceSubject,
];

/** Uses of quotation marks that are not speech (not-speech/), each asked at its stage. */
export const NOT_SPEECH_RULES: readonly NotSpeechRule[] = [titleOfWork, partialFragment];

/**
 * The quotations of the article in `file`. A failure inside extraction (a bug: the rules read
 * only bounded windows of text) costs the article its quotations, not its place in the library,
 * and is said out loud: a warning with the file and what went wrong.
 */
export function quotationsOf(
  file: string,
  paragraphs: readonly string[],
  title?: string,
  rules: readonly AttributionRule[] = ATTRIBUTION_RULES,
): { quotes: Quote[]; problems: Problem[] } {
  try {
    return { quotes: extractQuotes(paragraphs, title, rules), problems: [] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      quotes: [],
      problems: [{ file, reason: `quotations not extracted: ${detail}`, severity: 'warning' }],
    };
  }
}

/**
 * Finds the direct quotations in an article's body paragraphs and who said them. `title` lets a
 * headline such as `Cecile Richards: '…'` name the speaker of the opening quotations; headline
 * quotations are not reported. `rules`: the attribution rules, in order (a test may ask one);
 * `notSpeechRules`: the rules that set aside marks around something other than speech.
 */
export function extractQuotes(
  paragraphs: readonly string[],
  title?: string,
  rules: readonly AttributionRule[] = ATTRIBUTION_RULES,
  notSpeechRules: readonly NotSpeechRule[] = NOT_SPEECH_RULES,
): Quote[] {
  if (!Array.isArray(paragraphs) || paragraphs.length === 0) return [];
  const text = articleText(paragraphs.map((p) => (typeof p === 'string' ? p : '')));
  const spans = findQuoteSpans(text.paragraphs);
  if (!spans.length) return [];
  const article: ArticleContext = { text, registry: buildRegistry(text, spans) };
  // Titles ("Meet the Press") are names, not speech: they are neither attributed nor a neighbour
  // to inherit from, and the text before them stays readable for the quotation after them.
  const speech = spans.filter(
    (span) => !isTitle(span.text) && !notSpeech(span, text, 'span', notSpeechRules),
  );
  const found = speech.map((span, k) => attribute(candidate(span, speech[k - 1], article), article, rules));
  inheritSpeakers(found, article, title);
  const merged = mergeSplitQuotes(found, text);
  return toQuotes(merged.filter((f) => !notSpeech(f.span, text, 'quotation', notSpeechRules)));
}

/** Whether a rule of this stage calls the span something other than speech. */
function notSpeech(
  span: QuoteSpan,
  text: ArticleText,
  stage: NotSpeechRule['stage'],
  notSpeechRules: readonly NotSpeechRule[],
): boolean {
  const start = paragraphAt(text, span.startPara);
  const marked = { span, before: start.slice(Math.max(0, span.open - WINDOW_CHARS), span.open) };
  return notSpeechRules.some((rule) => rule.stage === stage && rule.matches(marked));
}

function candidate(span: QuoteSpan, previous: QuoteSpan | undefined, article: ArticleContext): Candidate {
  const endText = paragraphAt(article.text, span.endPara);
  const floor =
    previous && previous.endPara === span.startPara && previous.close >= 0 ? previous.close + 1 : 0;
  // Only a quotation that ends a clause (`…,"` `…."` `…?"`) can be followed by its attribution;
  // after a partial quotation ("…" until Haley said) the next words belong to another clause.
  const endsClause =
    span.close >= 0 &&
    (/[,.!?…—–-]['’]?$/.test(span.text) || /^\s*[,.!?;—–]/.test(endText.slice(span.close + 1)));
  return { span, floor, endsClause };
}

/** Asks the rules in order: the first named source wins; an unnamed one waits for a better. */
function attribute(quote: Candidate, article: ArticleContext, rules: readonly AttributionRule[]): Attributed {
  let best: { speaker: Speaker; rule: AttributionRule } | null = null;
  for (const rule of rules) {
    if (best && rule.onlyWhenNoSource) continue;
    const speaker = rule.attribute(quote, article);
    if (!speaker) continue;
    if (speaker.name || !best) best = { speaker, rule };
    if (speaker.name) break;
  }
  const side = best?.rule.side ?? null;
  return {
    span: quote.span,
    speaker: best?.speaker ?? null,
    rule: best?.rule.name ?? null,
    side,
    direct: side === 'after' || side === 'before',
  };
}
