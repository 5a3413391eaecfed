// The last steps: a quotation split by its attribution (`"A," he said, "B."`) becomes one, and
// what is too short to be speech is left out.
import type { Quote } from '../types.js';
import type { Attributed } from './inherit.js';
import { SPEECH_VERBS } from './lexicon.js';
import { MAX_ATTRIBUTION_WORDS_BETWEEN, MIN_WORDS_ATTRIBUTED, MIN_WORDS_UNATTRIBUTED } from './tuning.js';
import { type ArticleText, countWords, paragraphAt, tokenize } from './words.js';

/**
 * Joins consecutive pieces of one quotation: nothing between them, the same named speaker, or
 * only their attribution between them. One-word quotations go first, so scare quotes never join
 * a real quotation.
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
      // The same speaker again after other text continues a quotation only when the first piece
      // stopped mid-sentence (`"A, " … "b"`); `"A." … "B."` are two quotations.
      const sameNamed =
        !!last.speaker?.name && last.speaker.name === f.speaker?.name && !endsSentence(previous);
      if (
        words === 0 ||
        sameNamed ||
        (last.side === 'after' && f.side !== 'before' && isAttributionOnly(between))
      ) {
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

function endsSentence(text: string): boolean {
  return /[.!?…]['’]?$/.test(text.trim());
}

function sameSpeaker(a: Attributed, b: Attributed): boolean {
  return (a.speaker?.name ?? null) === (b.speaker?.name ?? null) || !b.speaker?.name || !a.speaker?.name;
}

/** `, he said, ` / ` Lavrov added. ` / `, ` — nothing but an attribution between two quotations. */
function isAttributionOnly(between: string): boolean {
  const words = tokenize(between).filter((w) => !w.punct);
  if (words.length === 0) return true;
  if (words.length > MAX_ATTRIBUTION_WORDS_BETWEEN) return false;
  return words.some((w) => SPEECH_VERBS.has(w.lower));
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
