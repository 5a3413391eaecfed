import { NOT_NAME_WORDS, SPEECH_VERBS } from '../lexicon.js';
import { resolveSourcePhrase, type Speaker } from '../names.js';
import { MAX_NAME_WORDS, MAX_SOURCE_PHRASE_WORDS, SIGN_OFF_WINDOW_CHARS } from '../tuning.js';
import { isDoubleQuoteMark, isNameWord, paragraphAt, type Word, wordsIn } from '../words.js';
import type { ArticleContext, AttributionRule } from './rule.js';

/** `“…” — Josh Bivens, Economic Policy Institute.`, on the same line or the next. */
export const signOff: AttributionRule = {
  name: 'sign-off',
  side: 'after',
  attribute: (q, a) => (q.span.close >= 0 ? signOffAfter(a, q.span.endPara, q.span.close) : null),
};

/**
 * `“…” ― Sonya Herridge` / `“…” — Josh Bivens, Economic Policy Institute.`: a dash and a name
 * right after the closing mark, with nothing after it but a full stop, a comma and an
 * affiliation, or the next quotation, sign the quotation off (reader letters, quote collections,
 * social media round-ups). A quotation that ends its paragraph may be signed off by the next
 * paragraph (`- Jane Roe.` on a line of its own, as fact checks and quote boxes print it).
 */
function signOffAfter(a: ArticleContext, para: number, close: number): Speaker | null {
  const paragraph = paragraphAt(a.text, para);
  let i = close + 1;
  while (i < paragraph.length && paragraph[i] === ' ') i++;
  if (i < paragraph.length) return signedFrom(a, para, i, paragraph[i + 1] === ' ');
  if (para + 1 >= a.text.paragraphs.length) return null;
  const next = paragraphAt(a.text, para + 1);
  let start = 0;
  while (start < next.length && /\s/.test(next[start] ?? '')) start++;
  // At the start of a line a hyphen cannot join two words: "-Jane Roe" is a dash.
  return signedFrom(a, para + 1, start, true);
}

/** The sign-off starting with the dash at `i` in paragraph `para`; `hyphenIsDash`: a bare "-" counts. */
function signedFrom(a: ArticleContext, para: number, i: number, hyphenIsDash: boolean): Speaker | null {
  const paragraph = paragraphAt(a.text, para);
  const dash = paragraph[i];
  if (dash !== '―' && dash !== '—' && dash !== '–' && !(dash === '-' && hyphenIsDash)) return null;
  let end = Math.min(paragraph.length, i + SIGN_OFF_WINDOW_CHARS);
  for (let k = i + 1; k < end; k++) {
    if (isDoubleQuoteMark(paragraph[k] ?? '')) {
      end = k;
      break;
    }
  }
  const words = wordsIn(a.text, para, i + 1, end);
  let n = 0;
  while (n < words.length && n < MAX_NAME_WORDS && isNameWord(words[n] as Word)) n++;
  if (n === 0 || NOT_NAME_WORDS.has(words[0]?.lower ?? '')) return null;
  // "— North Korean leader Kim Jong Un, on passing a law": a title of lowercase nouns and a name.
  n = titledNameEnd(words, n);
  const next = words[n];
  // Whatever follows the name must close the sign-off: a full stop, an affiliation after a
  // comma, or nothing at all. "— Democrats in Iowa who watched…" is a sentence, not a signature.
  if (next && next.text !== '.' && next.text !== ',' && next.text !== '(') return null;
  if (next?.text === '.' && words.length > n + 1) return null;
  return resolveSourcePhrase(words.slice(0, n), a.registry, para, i);
}

/**
 * After the capitalised words ending at `n`: lowercase nouns of a title ("board chair", "leader")
 * and the name they end in, up to the comma or full stop that closes the sign-off; else `n`.
 * "— Democrats in Iowa who watched…" has small words in it, and no name at its end.
 */
function titledNameEnd(words: readonly Word[], n: number): number {
  let k = n;
  while (k < words.length && k < MAX_SOURCE_PHRASE_WORDS && !words[k]?.punct) k++;
  const next = words[k];
  if (k === n || (next && next.text !== ',' && next.text !== '.')) return n;
  const between = words.slice(n, k);
  const last = words[k - 1] as Word;
  if (
    !isNameWord(last) ||
    between.some((w) => !w.capitalised && (NOT_NAME_WORDS.has(w.lower) || SPEECH_VERBS.has(w.lower)))
  )
    return n;
  return k;
}
