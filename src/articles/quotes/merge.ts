// The last steps: a quotation split by its attribution (`"A," he said, "B."`) becomes one, and
// what is too short to be speech is left out.
import type { Quote } from '../types.js';
import { isSpeechVerbAt } from './clauses.js';
import type { Attributed } from './inherit.js';
import { LIST_LINKS } from './lexicon.js';
import {
  MAX_ATTRIBUTION_WORDS_BETWEEN,
  MAX_LIST_LINK_WORDS,
  MIN_WORDS_ATTRIBUTED,
  MIN_WORDS_UNATTRIBUTED,
} from './tuning.js';
import { type ArticleText, countWords, paragraphAt, tokenize, type Word } from './words.js';

/**
 * Joins consecutive pieces of one quotation (see `continuesQuotation`). One-word quotations go
 * first, so scare quotes never join a real quotation.
 */
export function mergeSplitQuotes(found: readonly Attributed[], text: ArticleText): Attributed[] {
  const kept = found.filter((f) => countWords(f.span.text) >= MIN_WORDS_ATTRIBUTED);
  const merged: Attributed[] = [];
  // The pieces of the quotation being built, joined once at the end: joining as we go would copy
  // a long quotation again for every piece.
  let pieces: string[] = [];
  const finish = () => {
    const last = merged[merged.length - 1];
    if (last && pieces.length > 1) last.span = { ...last.span, text: pieces.join('') };
  };
  for (const f of kept) {
    const last = merged[merged.length - 1];
    if (last && last.span.endPara === f.span.startPara && last.span.close >= 0 && sameSpeaker(last, f)) {
      const between = paragraphAt(text, f.span.startPara).slice(last.span.close + 1, f.span.open);
      const words = countWords(between);
      const previous = pieces[pieces.length - 1] ?? '';
      if (continuesQuotation(last, f, between, previous)) {
        // " … " where the writer's words between the pieces were cut (`"A," he said, "b"` ->
        // "A … b"), a space where there were none.
        if (words > 0) pieces[pieces.length - 1] = `${previous.replace(/\s*,$/, '')} … `;
        else pieces[pieces.length - 1] = `${previous} `;
        pieces.push(f.span.text);
        last.span = { ...last.span, endPara: f.span.endPara, close: f.span.close };
        last.direct = last.direct || f.direct;
        continue;
      }
    }
    finish();
    merged.push({ ...f });
    pieces = [f.span.text];
  }
  finish();
  return merged;
}

/**
 * Whether quotation piece `next` continues `last` (`previous`: the last piece's text), given the
 * writer's words `between` them. One attribution, one quotation: pieces join across nothing, or
 * across the one attribution they share, or as a list of partial quotations under one cue; a
 * piece with a speech act of its own starts a new quotation.
 */
function continuesQuotation(last: Attributed, next: Attributed, between: string, previous: string): boolean {
  const words = tokenize(between).filter((w) => !w.punct);
  // `said that "A." "B," said Mulgrew.`: each piece has a cue of its own.
  if (last.side === 'before' && next.side === 'after') return false;
  if (words.length === 0) return true;
  // `"A." Obama said. … "B," he said.`: the second piece's own attribution follows it, so the
  // words between belong to the first.
  if (next.side === 'after') return false;
  // `"A," Trump said, adding later, "B."` / `sings to Clinton before asking her, "B"`: a second
  // speech verb between the pieces is a second speech act, and introduces a quotation of its own.
  if (speechActs(words) >= 2) return false;
  // `"nasty guy," an "anchor baby"` / `"a big problem" but "nobody has the guts"`: a list of
  // partial quotations under one cue, when the later ones have no cue of their own.
  if (next.side !== 'before' && isListLink(words)) return true;
  // The same speaker again after other text continues a quotation only when the first piece
  // stopped mid-sentence (`"A, " … "b"`); `"A." … "B."` are two quotations.
  if (last.speaker?.name && last.speaker.name === next.speaker?.name && !endsSentence(previous)) return true;
  // `"A," he said, "B."`: the one cue between them attributes both, whichever side it reads from.
  return last.side === 'after' && isAttributionOnly(words);
}

/** Speech verbs used as verbs (clauses.ts decides: "an email", "his comments", "the Post" are nouns). */
function speechActs(words: readonly Word[]): number {
  return words.filter((_w, i) => isSpeechVerbAt(words, i)).length;
}

/** Only conjunctions and articles between two partial quotations: `"A" and "B"`, `"A," an "B"`. */
function isListLink(words: readonly Word[]): boolean {
  return words.length <= MAX_LIST_LINK_WORDS && words.every((w) => LIST_LINKS.has(w.lower));
}

function endsSentence(text: string): boolean {
  return /[.!?…]['’]?$/.test(text.trim());
}

function sameSpeaker(a: Attributed, b: Attributed): boolean {
  return (a.speaker?.name ?? null) === (b.speaker?.name ?? null) || !b.speaker?.name || !a.speaker?.name;
}

/** `, he said, ` / ` Lavrov added. ` — nothing but one attribution between two quotations. */
function isAttributionOnly(words: readonly Word[]): boolean {
  return words.length <= MAX_ATTRIBUTION_WORDS_BETWEEN && speechActs(words) === 1;
}

/** The quotations long enough to be speech: two words when directly attributed, else four. */
export function toQuotes(merged: readonly Attributed[]): Quote[] {
  const quotes: Quote[] = [];
  for (const f of merged) {
    // The comma before an attribution ("…," she said) is the writer's, not the speaker's.
    const text = f.span.text.trim().replace(/\s*,$/, '');
    const minWords = f.direct ? MIN_WORDS_ATTRIBUTED : MIN_WORDS_UNATTRIBUTED;
    if (countWords(text) < minWords) continue;
    quotes.push({
      text,
      speaker: f.speaker?.name ?? null,
      role: f.speaker?.role ?? null,
      paragraph: f.span.startPara,
      rule: f.rule,
    });
  }
  return quotes;
}
