// Direct quotations and their speakers, found with rules (no model): quotation marks give the
// spans, speech verbs next to them give the source phrase, and a registry of the names the
// article mentions turns that phrase ("he", "the foreign minister", "Lavrov") into the fullest
// name the article gives. Runs on every article at load time, so everything is a linear scan
// with bounded windows and no backtracking-prone regular expressions.
import {
  HONORIFICS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  ORGANISATION_HEADS,
  ORGANISATION_WORDS,
  PERSON_ROLE_HEADS,
  PLACE_PREPOSITIONS,
  ROLE_WORDS,
  SOURCE_INTRODUCERS,
  SPEAKER_PRONOUNS,
  SPEECH_VERBS,
  WEAK_SPEECH_VERBS,
} from './quote-lexicon.js';
import type { Quote } from './types.js';

/** Quotations with fewer words are kept only when a speech verb sits right next to them. */
const MIN_WORDS_UNATTRIBUTED = 4;
/** "No," he said: short answers are speech when directly attributed, but one word is not. */
const MIN_WORDS_ATTRIBUTED = 2;
/** How far (characters) around a quotation the attribution is looked for. */
const WINDOW_CHARS = 220;
/** At most this many words between a speech verb and the quotation it introduces. */
const MAX_WORDS_VERB_TO_QUOTE = 30;

// ---------------------------------------------------------------- quotation spans

/** A quotation as found between marks; it may run over several paragraphs. */
interface QuoteSpan {
  /** Paragraph and character index of the opening mark. */
  startPara: number;
  open: number;
  /** Paragraph and character index of the closing mark (-1 when the paragraph ended first). */
  endPara: number;
  close: number;
  text: string;
}

type MarkRole = 'open' | 'close' | 'either';

function isDoubleQuoteMark(ch: string): boolean {
  return ch === '"' || ch === '“' || ch === '”' || ch === '„' || ch === '«' || ch === '»';
}

/**
 * What a mark does, judged first by its neighbours (a space before and a letter after opens,
 * whatever its shape: writers and converters often get curly marks backwards) and then by shape.
 */
function markRole(text: string, i: number): MarkRole {
  const before = i > 0 ? (text[i - 1] ?? ' ') : ' ';
  const after = i + 1 < text.length ? (text[i + 1] ?? ' ') : ' ';
  const spaceBefore = /[\s([{—–/]/.test(before) || i === 0;
  const spaceAfter = /[\s)\]},.;:!?—–]/.test(after) || i + 1 >= text.length;
  if (spaceBefore && !spaceAfter) return 'open';
  if (!spaceBefore && spaceAfter) return 'close';
  const ch = text[i];
  if (ch === '“' || ch === '„' || ch === '«') return 'open';
  if (ch === '”' || ch === '»') return 'close';
  return 'either';
}

function startsWithOpeningMark(paragraph: string): boolean {
  const t = paragraph.trimStart();
  return t.length > 1 && isDoubleQuoteMark(t[0] ?? '') && t[0] !== '”' && t[0] !== '»';
}

/**
 * Finds every span between double quotation marks. A quotation left open at the end of a
 * paragraph continues only when the next paragraph opens with a mark (the newspaper convention
 * for a quotation over several paragraphs); otherwise it ends with its paragraph, so a missing
 * closing mark never swallows the rest of the article.
 */
function findQuoteSpans(paragraphs: readonly string[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open: { para: number; index: number; parts: string[] } | null = null;
  for (let p = 0; p < paragraphs.length; p++) {
    const text = paragraphs[p] ?? '';
    let contentStart = 0;
    let skipFirstMark = -1;
    if (open) {
      skipFirstMark = text.length - text.trimStart().length;
      contentStart = skipFirstMark + 1;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] ?? '';
      if (!isDoubleQuoteMark(ch) || i === skipFirstMark) continue;
      const role = markRole(text, i);
      if (open) {
        if (role === 'open' && i > contentStart) {
          // An opening mark inside an open quotation: the closing mark went missing.
          open.parts.push(text.slice(contentStart, i));
          spans.push(closedSpan(open, p, -1));
          open = { para: p, index: i, parts: [] };
          contentStart = i + 1;
        } else if (role === 'close' || (role === 'either' && ch !== '“')) {
          open.parts.push(text.slice(contentStart, i));
          spans.push(closedSpan(open, p, i));
          open = null;
        }
      } else if (role !== 'close') {
        open = { para: p, index: i, parts: [] };
        contentStart = i + 1;
      }
    }
    if (open) {
      open.parts.push(text.slice(contentStart));
      const next = paragraphs[p + 1];
      if (next === undefined || !startsWithOpeningMark(next)) {
        spans.push(closedSpan(open, p, -1));
        open = null;
      }
    }
  }
  return spans;
}

/** The quotation opened at `open`, ending in paragraph `endPara` at `close` (-1: its closing mark is missing). */
function closedSpan(
  open: { para: number; index: number; parts: string[] },
  endPara: number,
  close: number,
): QuoteSpan {
  return { startPara: open.para, open: open.index, endPara, close, text: joinParts(open.parts) };
}

function joinParts(parts: readonly string[]): string {
  return parts
    .map((s) => s.trim())
    .filter(Boolean)
    .join(' ');
}

function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

// ---------------------------------------------------------------- words

interface Word {
  text: string;
  lower: string;
  /** Character offset in the paragraph. */
  start: number;
  end: number;
  /** A comma, colon, semicolon, dash, bracket or full stop rather than a word. */
  punct: boolean;
  /** Starts with a capital letter (computed once: the name rules ask this of every word). */
  capitalised: boolean;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-&]*|[,;:()[\]—–]|\.|[!?]/gu;

const UPPERCASE_START = /^\p{Lu}/u;

const PUNCTUATION_TOKENS = new Set([',', ';', ':', '(', ')', '[', ']', '—', '–', '.', '!', '?']);

function tokenize(text: string, offset = 0): Word[] {
  const words: Word[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    let t = m[0];
    // A word's full stop belongs to it only for abbreviations and initials (Sen., J., U.S.).
    if (t.length > 1 && t.endsWith('.') && !isAbbreviation(t)) t = t.slice(0, -1);
    const punct = t.length === 1 && PUNCTUATION_TOKENS.has(t);
    words.push({
      text: t,
      lower: t.toLowerCase(),
      start: offset + m.index,
      end: offset + m.index + t.length,
      punct,
      capitalised: !punct && UPPERCASE_START.test(t),
    });
    // "R-Ky., said": a full stop before a comma or a lowercase word does not end the sentence.
    if (
      t.length < m[0].length &&
      !/^\s?[,;:)\p{Ll}]/u.test(text.slice(m.index + m[0].length, m.index + m[0].length + 2))
    ) {
      const dot = offset + m.index + t.length;
      words.push({ text: '.', lower: '.', start: dot, end: dot + 1, punct: true, capitalised: false });
    }
  }
  return words;
}

/**
 * Words of each paragraph, tokenised once per article: the attribution rules look at many
 * windows of the same paragraph, and re-tokenising each window was the main cost. Set by
 * `extract` for the duration of one article.
 */
let paragraphWords: Map<string, Word[]> | null = null;

/** The words of `text` (a whole paragraph) lying within [from, to), from the per-article cache. */
function wordsIn(text: string, from = 0, to = text.length): Word[] {
  let all = paragraphWords?.get(text);
  if (!all) {
    all = tokenize(text);
    paragraphWords?.set(text, all);
  }
  // Binary search for the first word starting at or after `from`.
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((all[mid] as Word).start < from) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < all.length && (all[end] as Word).end <= to) end++;
  return all.slice(lo, end);
}

const ABBREVIATIONS = new Set(
  'mr. mrs. ms. dr. prof. sen. rep. del. gov. gen. lt. col. capt. sgt. maj. adm. rev. st. jr. sr. inc. corp. co. ltd. u.s. u.k. u.n. d.c. e.u. a.m. p.m. no. vs.'.split(
    ' ',
  ),
);

function isAbbreviation(word: string): boolean {
  const lower = word.toLowerCase();
  return ABBREVIATIONS.has(lower) || /^(\p{L}\.)+$/u.test(word);
}

function isCapitalised(word: Word): boolean {
  return word.capitalised;
}

function stripPossessive(word: string): string {
  return word.replace(/[’']s?$/u, '');
}

function isPossessive(word: string): boolean {
  return /[’']s?$/u.test(word) && word.length > 2;
}

// ---------------------------------------------------------------- names in the article

type EntityKind = 'person' | 'organisation' | 'place';

/** One mention of a name in the article. */
interface Mention {
  /** The name as written, without role or honorific ("Sergey Lavrov", "Lavrov", "The New York Post"). */
  name: string;
  tokens: string[];
  role: string | null;
  kind: EntityKind;
  para: number;
  start: number;
  /** Inside a quotation: not an antecedent for a pronoun outside it. */
  quoted: boolean;
  /** First name-bearing mention in its sentence: the likely subject. */
  sentenceFirst: boolean;
  sentence: number;
}

interface Registry {
  mentions: Mention[];
  /** Lowercase last token -> mentions with at least two tokens ending in it. */
  fullNamesByLast: Map<string, Mention[]>;
  /** Lowercase first token -> multi-token person mentions starting with it. */
  fullNamesByFirst: Map<string, Mention[]>;
  /** Lowercase name -> first role the article gives it. */
  roleByName: Map<string, string>;
}

/** A capitalised word (every word token is made of letters, digits, marks and ' ’ . - &). */
function isNameWord(word: Word): boolean {
  return word.capitalised;
}

function looksLikeOrganisation(tokens: readonly string[]): boolean {
  for (const t of tokens) {
    const bare = stripPossessive(t);
    if (ORGANISATION_WORDS.has(bare.toLowerCase())) return true;
    if (
      bare.length >= 2 &&
      bare.length <= 6 &&
      /^[\p{Lu}.&]+$/u.test(bare) &&
      !NAME_SUFFIXES.has(bare.toLowerCase())
    )
      return true;
  }
  return false;
}

/**
 * Splits a capitalised run ("Russian Foreign Minister Sergey Lavrov") into its role words and
 * the name itself; honorifics (Mr., Dr.) are dropped from both.
 */
function splitRole(run: readonly Word[]): { role: Word[]; name: Word[] } {
  let lastRole = -1;
  for (let i = 0; i < run.length - 1; i++) {
    const w = run[i];
    if (!w) continue;
    if (
      ROLE_WORDS.has(w.lower) ||
      HONORIFICS.has(w.lower) ||
      (w.lower === 'of' && i > 0 && lastRole === i - 1)
    )
      lastRole = i;
  }
  // Known weakness: in "Minister of International Relations Selma X" only words in ROLE_WORDS
  // ("relations", "international") are recognised as role, so unusual portfolio names stay in
  // the name.
  const role = run.slice(0, lastRole + 1).filter((w) => !HONORIFICS.has(w.lower));
  return { role, name: run.slice(lastRole + 1) };
}

function roleWordsBefore(words: readonly Word[], index: number): Word[] {
  const out: Word[] = [];
  for (let i = index - 1; i >= 0 && out.length < 6; i--) {
    const w = words[i];
    if (!w || w.punct || !ROLE_WORDS.has(w.lower)) break;
    out.unshift(w);
  }
  return out;
}

function buildRegistry(paragraphs: readonly string[], spans: readonly QuoteSpan[]): Registry {
  const mentions: Mention[] = [];
  const quotedRanges = new Map<number, Array<[number, number]>>();
  for (const s of spans) {
    for (let p = s.startPara; p <= s.endPara; p++) {
      const from = p === s.startPara ? s.open : 0;
      const to = p === s.endPara && s.close >= 0 ? s.close : Number.MAX_SAFE_INTEGER;
      const list = quotedRanges.get(p) ?? [];
      list.push([from, to]);
      quotedRanges.set(p, list);
    }
  }
  let sentence = 0;
  for (let p = 0; p < paragraphs.length; p++) {
    const words = wordsIn(paragraphs[p] ?? '');
    const ranges = quotedRanges.get(p) ?? [];
    let sentenceHasName = false;
    sentence++;
    let i = 0;
    while (i < words.length) {
      const w = words[i];
      if (!w) break;
      if (w.text === '.' || w.text === '!' || w.text === '?') {
        sentence++;
        sentenceHasName = false;
        i++;
        continue;
      }
      if (!isNameWord(w)) {
        i++;
        continue;
      }
      // A capitalised run, with name particles and "of" inside it ("Minister of State").
      let j = i;
      const run: Word[] = [];
      while (j < words.length) {
        const x = words[j];
        if (!x) break;
        if (isNameWord(x)) {
          run.push(x);
          j++;
          if (isPossessive(x.text)) break;
          continue;
        }
        const nextWord = words[j + 1];
        if (
          (NAME_PARTICLES.has(x.lower) || x.lower === 'of') &&
          nextWord &&
          isNameWord(nextWord) &&
          run.length > 0
        ) {
          run.push(x);
          j++;
          continue;
        }
        break;
      }
      const runStart = i;
      i = j;
      let k = 0;
      let keepThe = false;
      while (k < run.length && NOT_NAME_WORDS.has(stripPossessive(run[k]?.lower ?? ''))) {
        keepThe = run[k]?.lower === 'the';
        k++;
      }
      const trimmed = run.slice(k);
      if (!trimmed.length) continue;
      const { role, name } = splitRole(trimmed);
      const splitNameLength = name.length;
      while (
        name.length &&
        (name[name.length - 1]?.lower === 'of' || NAME_PARTICLES.has(name[name.length - 1]?.lower ?? ''))
      )
        name.pop();
      if (!name.length) continue;
      const first = name[0];
      if (!first) continue;
      const tokens = name.map((x) => stripPossessive(x.text));
      const isOrg = looksLikeOrganisation(tokens);
      const firstIndex = runStart + k + (trimmed.length - splitNameLength);
      const before = words[runStart + k - 1];
      let kind: EntityKind = isOrg ? 'organisation' : 'person';
      if (!isOrg && role.length === 0 && before && PLACE_PREPOSITIONS.has(before.lower)) kind = 'place';
      const leadingRole = role.length ? [] : roleWordsBefore(words, firstIndex);
      const roleWords = [...leadingRole, ...role];
      const roleText = roleWords.length ? roleWords.map((x) => x.text).join(' ') : null;
      const display = (keepThe && isOrg ? 'The ' : '') + tokens.join(' ');
      const start = first.start;
      const quoted = ranges.some(([a, b]) => start > a && start < b);
      mentions.push({
        name: display,
        tokens,
        role: roleText,
        kind,
        para: p,
        start,
        quoted,
        sentenceFirst: !sentenceHasName,
        sentence,
      });
      sentenceHasName = true;
    }
  }
  const fullNamesByLast = new Map<string, Mention[]>();
  const fullNamesByFirst = new Map<string, Mention[]>();
  const roleByName = new Map<string, string>();
  for (const m of mentions) {
    if (m.role && !roleByName.has(m.name.toLowerCase())) roleByName.set(m.name.toLowerCase(), m.role);
    if (m.tokens.length < 2 || m.kind === 'place') continue;
    const last = (m.tokens[m.tokens.length - 1] ?? '').toLowerCase();
    const list = fullNamesByLast.get(last) ?? [];
    list.push(m);
    fullNamesByLast.set(last, list);
    if (m.kind === 'person') {
      const firstName = (m.tokens[0] ?? '').toLowerCase();
      const byFirst = fullNamesByFirst.get(firstName) ?? [];
      byFirst.push(m);
      fullNamesByFirst.set(firstName, byFirst);
    }
  }
  return { mentions, fullNamesByLast, fullNamesByFirst, roleByName };
}

function isBefore(m: Mention, para: number, index: number): boolean {
  return m.para < para || (m.para === para && m.start < index);
}

/** The index of the last mention before a position in a list in article order; -1 when none is. */
function lastBefore(list: readonly Mention[], para: number, index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(list[mid] as Mention, para, index)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Facts about a list of mentions (those sharing a last or a first name), computed once per list: a
 * long article asks about the same names for quotation after quotation, and a pass over every
 * mention each time made it quadratic.
 */
interface ListFacts {
  /** The mentions of the most mentioned name(s), in article order. */
  top?: Mention[];
  /** How many distinct names the list holds. */
  distinct?: number;
  /** Lowercase first token -> the first of the longest mentions starting with it. */
  longestByFirst?: Map<string, Mention>;
}
const listFacts = new WeakMap<readonly Mention[], ListFacts>();

function factsOf(list: readonly Mention[]): ListFacts {
  let facts = listFacts.get(list);
  if (!facts) {
    facts = {};
    listFacts.set(list, facts);
  }
  return facts;
}

/**
 * The name mentioned most often in the list: its last mention before the position, else its first
 * mention (the first name to reach the top count wins a tie, as the list is in article order).
 */
function mostMentioned(list: readonly Mention[], para: number, index: number): Mention | undefined {
  const facts = factsOf(list);
  if (!facts.top) {
    const counts = new Map<string, number>();
    for (const m of list) counts.set(m.name.toLowerCase(), (counts.get(m.name.toLowerCase()) ?? 0) + 1);
    const most = Math.max(0, ...counts.values());
    facts.top = list.filter((m) => counts.get(m.name.toLowerCase()) === most);
  }
  return facts.top[lastBefore(facts.top, para, index)] ?? facts.top[0];
}

interface Speaker {
  name: string | null;
  role: string | null;
}

/** The fullest form of a name the article gives ("Lavrov" -> "Sergey Lavrov"). */
function fullestName(tokens: readonly string[], registry: Registry, para: number, index: number): Speaker {
  const asWritten = tokens.join(' ');
  const last = (tokens[tokens.length - 1] ?? '').toLowerCase();
  let chosen: Mention | undefined;
  const sameLast = registry.fullNamesByLast.get(last) ?? [];
  if (tokens.length === 1) {
    chosen = mostMentioned(sameLast, para, index);
    if (!chosen) {
      const byFirst = registry.fullNamesByFirst.get(last) ?? [];
      const facts = factsOf(byFirst);
      facts.distinct ??= new Set(byFirst.map((m) => m.name)).size;
      if (facts.distinct === 1) chosen = byFirst[0];
    }
  } else {
    // "Sergey Lavrov" may also appear as "Sergey V. Lavrov": take the longest with the same ends.
    const facts = factsOf(sameLast);
    if (!facts.longestByFirst) {
      facts.longestByFirst = new Map();
      for (const m of sameLast) {
        const first = (m.tokens[0] ?? '').toLowerCase();
        const longest = facts.longestByFirst.get(first);
        if (!longest || m.tokens.length > longest.tokens.length) facts.longestByFirst.set(first, m);
      }
    }
    const longest = facts.longestByFirst.get((tokens[0] ?? '').toLowerCase());
    if (longest && longest.tokens.length > tokens.length) chosen = longest;
  }
  const name = chosen ? chosen.name : asWritten;
  const role =
    registry.roleByName.get(name.toLowerCase()) ?? registry.roleByName.get(asWritten.toLowerCase()) ?? null;
  return { name, role };
}

/** The person (or organisation) a pronoun at this position most likely points back to. */
function resolvePronoun(
  kind: 'person' | 'organisation' | 'group',
  registry: Registry,
  para: number,
  index: number,
): Speaker {
  const wanted: EntityKind = kind === 'person' ? 'person' : 'organisation';
  let candidate: Mention | undefined;
  for (let i = lastBefore(registry.mentions, para, index); i >= 0; i--) {
    const m = registry.mentions[i];
    if (!m) continue;
    // mentions are in article order: past these distances no earlier one can be the antecedent
    if (para - m.para > 3) break;
    if (kind === 'group' && para - m.para > 1) break;
    if (m.quoted || m.kind !== wanted) continue;
    // The subject of the nearest sentence with a name is the usual antecedent of "he said".
    candidate = m;
    for (let j = i - 1; j >= 0; j--) {
      const earlier = registry.mentions[j];
      if (!earlier || earlier.sentence !== m.sentence) break;
      if (!earlier.quoted && earlier.kind === wanted) candidate = earlier;
    }
    break;
  }
  if (!candidate) return { name: null, role: null };
  return fullestName(candidate.tokens, registry, candidate.para, candidate.start);
}

/** "the foreign minister" / "the newspaper": the earlier name this description stands for. */
function resolveDescription(
  words: readonly Word[],
  registry: Registry,
  para: number,
  index: number,
): Speaker {
  const head = stripPossessive(words[words.length - 1]?.lower ?? '');
  const description = words.map((w) => w.text).join(' ');
  const orgKeys = ORGANISATION_HEADS[head];
  if (orgKeys) {
    for (let i = registry.mentions.length - 1; i >= 0; i--) {
      const m = registry.mentions[i];
      if (m?.kind !== 'organisation' || !isBefore(m, para, index)) continue;
      const lower = m.tokens.map((t) => t.toLowerCase());
      if (orgKeys.length === 0 || lower.some((t) => orgKeys.includes(t))) {
        const fuller = fullestName(m.tokens, registry, m.para, m.start).name ?? m.name;
        return { name: fuller.split(' ').length > m.name.split(' ').length ? fuller : m.name, role: null };
      }
    }
    return { name: null, role: description };
  }
  if (PERSON_ROLE_HEADS.has(head)) {
    // A person whose role, as the article gave it, has the same head word ("Foreign Minister").
    const modifiers = words.slice(0, -1).map((w) => w.lower);
    let best: Mention | undefined;
    let bestScore = 0;
    for (let i = registry.mentions.length - 1; i >= 0; i--) {
      const m = registry.mentions[i];
      if (m?.kind !== 'person' || !m.role || !isBefore(m, para, index)) continue;
      const roleWords = m.role.toLowerCase().split(/\s+/);
      if (!roleWords.includes(head)) continue;
      const score = 1 + modifiers.filter((x) => roleWords.includes(x)).length;
      if (score > bestScore) {
        best = m;
        bestScore = score;
      }
    }
    if (best) {
      const found = fullestName(best.tokens, registry, best.para, best.start);
      return { name: found.name, role: found.role ?? best.role };
    }
  }
  return { name: null, role: description };
}

// ---------------------------------------------------------------- attribution

const DETERMINERS = new Set(['the', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their']);
const INDEFINITES = new Set([
  'a',
  'an',
  'one',
  'some',
  'another',
  'several',
  'many',
  'other',
  'two',
  'three',
  'few',
  'most',
]);
const ADVERBS_BEFORE_VERB = new Set(
  (
    'also later then again recently previously once had has have was is were would will reportedly ' +
    'further repeatedly quickly simply flatly bluntly famously often frequently initially subsequently ' +
    'finally yet even already just did does do publicly privately only first'
  ).split(' '),
);
const HEAD_BREAKERS = new Set(
  'of for at from with in on who which that to by about after during since among whose whom while when where'.split(
    ' ',
  ),
);
const CLAUSE_BREAKERS = new Set(
  'and but or that which who whom while when because as after before if though although where so since whether than'.split(
    ' ',
  ),
);

function isSpeechVerb(word: Word | undefined): boolean {
  return !!word && !word.punct && SPEECH_VERBS.has(word.lower);
}

const NOUN_MARKERS = new Set(
  'the a an his her their its our my your this that these those in of for'.split(' '),
);

/**
 * A speech verb used as a verb. "the state", "a call", "Ginsburg's comments", "late-night
 * tweets" and "the United States" are nouns: a determiner, a possessive or a hyphenated modifier
 * before the word, or a capital letter in mid-sentence, rules the verb reading out.
 */
function isSpeechVerbAt(words: readonly Word[], i: number): boolean {
  const word = words[i];
  if (!word || !isSpeechVerb(word)) return false;
  const prev = words[i - 1];
  if (!prev) return true;
  if (NOUN_MARKERS.has(prev.lower)) return false;
  if (prev.punct) return true;
  if (isCapitalised(word)) return false;
  if (word.lower.endsWith('s') && (isPossessive(prev.text) || /^\p{Ll}+-\p{Ll}+$/u.test(prev.text)))
    return false;
  return true;
}

/**
 * Resolves a source phrase ("Sen. Bernie Sanders", "the foreign minister", "he", "Trump's
 * campaign") to a speaker.
 */
function resolveSourcePhrase(
  phrase: readonly Word[],
  registry: Registry,
  para: number,
  index: number,
): Speaker | null {
  // An appositive after a comma describes the source: keep the part before it.
  let words = phrase.filter((w) => w.text !== '(' && w.text !== ')');
  const comma = words.findIndex((w) => w.punct);
  let apposition: Word[] = [];
  if (comma > 0) {
    apposition = words.slice(comma + 1).filter((w) => !w.punct);
    words = words.slice(0, comma);
  }
  while (words.length && (words[0]?.punct || words[0]?.lower === 'and' || words[0]?.lower === 'but'))
    words = words.slice(1);
  // The head of the phrase comes before "of", "for", "who"…: "one of the prosecutors for David
  // Petraeus" is not Petraeus; "Jeffrey Lewis of the James Martin Center" is Lewis. Titles keep
  // theirs ("Secretary of State John Kerry").
  const cut = words.findIndex((w, i) => {
    if (i === 0 || !HEAD_BREAKERS.has(w.lower)) return false;
    const prev = words[i - 1];
    const next = words[i + 1];
    return !(
      w.lower === 'of' &&
      prev &&
      next &&
      isNameWord(prev) &&
      ROLE_WORDS.has(prev.lower) &&
      isNameWord(next)
    );
  });
  if (cut > 0) words = words.slice(0, cut);
  if (!words.length || words.length > 9) return null;
  const first = words[0] as Word;
  const pronoun = SPEAKER_PRONOUNS[first.lower];
  if (words.length === 1 && pronoun) return resolvePronoun(pronoun, registry, para, index);

  // The last run of name words in the phrase is the name; role words before it are its role.
  let end = -1;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (w && isNameWord(w) && !NOT_NAME_WORDS.has(stripPossessive(w.lower))) {
      end = i;
      break;
    }
  }
  if (end >= 0) {
    let start = end;
    while (start > 0) {
      const prev = words[start - 1];
      if (!prev || !(isNameWord(prev) || NAME_PARTICLES.has(prev.lower))) break;
      if (NOT_NAME_WORDS.has(prev.lower) && prev.lower !== 'the') break;
      start--;
    }
    const run = words.slice(start, end + 1).filter((w) => w.lower !== 'the');
    const { role, name } = splitRole(run);
    if (name.length) {
      const tokens = name.map((w) => stripPossessive(w.text));
      const found = fullestName(tokens, registry, para, index);
      const after = words.slice(end + 1).filter((w) => !w.punct);
      const nameWord = name[name.length - 1];
      // "Trump's campaign said": the campaign speaks, under Trump's name.
      const owned = after
        .slice(0, 2)
        .filter((w) => !NOT_NAME_WORDS.has(w.lower) && !SPEECH_VERBS.has(w.lower));
      if (nameWord && isPossessive(nameWord.text) && owned.length) {
        return { name: `${found.name}'s ${owned.map((w) => w.text).join(' ')}`, role: null };
      }
      const leading = words.slice(0, start).filter((w) => ROLE_WORDS.has(w.lower));
      const ownRole = [...leading, ...role].map((w) => w.text).join(' ');
      const appositionRole =
        apposition.length && apposition.length <= 10 ? apposition.map((w) => w.text).join(' ') : '';
      return { name: found.name, role: ownRole || found.role || appositionRole || null };
    }
  }
  // No name: a description, definite ("the foreign minister") or not ("a spokesman").
  if (DETERMINERS.has(first.lower)) return resolveDescription(words.slice(1), registry, para, index);
  if (INDEFINITES.has(first.lower) || /s$/.test(words[words.length - 1]?.lower ?? '')) {
    return { name: null, role: words.map((w) => w.text).join(' ') };
  }
  return null;
}

/** Text after the closing mark: `," Lavrov said`, `," said Lavrov`, `," the minister stressed`. */
function attributionAfter(
  paragraph: string,
  close: number,
  registry: Registry,
  para: number,
): Speaker | null {
  let end = Math.min(paragraph.length, close + 1 + WINDOW_CHARS);
  let cutByQuote = false;
  for (let i = close + 1; i < end; i++) {
    if (isDoubleQuoteMark(paragraph[i] ?? '')) {
      end = i;
      cutByQuote = true;
      break;
    }
  }
  const words = wordsIn(paragraph, close + 1, end);
  let i = 0;
  while (i < words.length && words[i]?.punct && words[i]?.text !== '.') i++;
  // `."` then a new sentence: only a sentence that starts with the attribution counts, and only
  // when it is nothing more than the attribution (`"…." Lavrov said on Friday.`). `"…." Kerry
  // said the talks would go on.` and `"…." Kerry called it "…"` are new statements.
  const endsSentenceInside = /[.!?]['’]?$/.test(paragraph.slice(Math.max(0, close - 2), close));
  const newSentence =
    words[i]?.text === '.' || (i === 0 && endsSentenceInside && !!words[0] && isCapitalised(words[0]));
  if (newSentence) {
    if (words[i]?.text === '.') i++;
    const stop = words.findIndex((w, k) => k >= i && (w.text === '.' || w.text === '!' || w.text === '?'));
    if (stop < 0 ? cutByQuote || words.length - i > 14 : !isAttributionTag(words.slice(i, stop))) return null;
  }
  const from = i;
  for (const intro of SOURCE_INTRODUCERS) {
    const parts = intro.split(' ');
    if (parts.every((p, k) => words[from + k]?.lower === p)) {
      return resolveSourcePhrase(sourcePhraseAfter(words, from + parts.length), registry, para, close);
    }
  }
  for (let v = from; v < words.length && v - from <= 24; v++) {
    const w = words[v];
    if (!w) break;
    if (w.text === '.' || w.text === '!' || w.text === '?' || w.text === ';') break;
    if (!isSpeechVerbAt(words, v)) continue;
    let subjectEnd = v;
    while (subjectEnd > from && ADVERBS_BEFORE_VERB.has(words[subjectEnd - 1]?.lower ?? '')) subjectEnd--;
    const subject = words.slice(from, subjectEnd);
    if (subject.length === 0)
      return resolveSourcePhrase(sourcePhraseAfter(words, v + 1), registry, para, close);
    if (subject.some((x) => !x.punct && CLAUSE_BREAKERS.has(x.lower))) {
      // "Trump, who spoke in Ohio, said": the part before the relative clause.
      const cut = subject.findIndex((x) => x.punct || CLAUSE_BREAKERS.has(x.lower));
      return cut > 0 ? resolveSourcePhrase(subject.slice(0, cut), registry, para, close) : null;
    }
    return resolveSourcePhrase(subject, registry, para, close);
  }
  return null;
}

/**
 * `“…” ― Sonya Herridge` / `“…” — Josh Bivens, Economic Policy Institute.`: a dash and a name
 * right after the closing mark, with nothing after it but a full stop, a comma and an
 * affiliation, or the next quotation, sign the quotation off (reader letters, quote collections,
 * social media round-ups).
 */
function signOffAfter(paragraph: string, close: number, registry: Registry, para: number): Speaker | null {
  let i = close + 1;
  while (i < paragraph.length && paragraph[i] === ' ') i++;
  const dash = paragraph[i];
  if (dash !== '―' && dash !== '—' && dash !== '–' && !(dash === '-' && paragraph[i + 1] === ' '))
    return null;
  let end = Math.min(paragraph.length, i + 120);
  for (let k = i + 1; k < end; k++) {
    if (isDoubleQuoteMark(paragraph[k] ?? '')) {
      end = k;
      break;
    }
  }
  const words = wordsIn(paragraph, i + 1, end);
  let n = 0;
  while (n < words.length && n < 6 && isNameWord(words[n] as Word)) n++;
  if (n === 0 || NOT_NAME_WORDS.has(words[0]?.lower ?? '')) return null;
  const next = words[n];
  // Whatever follows the name must close the sign-off: a full stop, an affiliation after a
  // comma, or nothing at all. "— Democrats in Iowa who watched…" is a sentence, not a signature.
  if (next && next.text !== '.' && next.text !== ',' && next.text !== '(') return null;
  if (next?.text === '.' && words.length > n + 1) return null;
  return resolveSourcePhrase(words.slice(0, n), registry, para, close);
}

/**
 * A sentence that only attributes: a speech verb, its source, and a few words of time, place or
 * manner (`Lavrov said on Friday`, `said Sen. Ann Roe, a Democrat from Ohio`), with no clause of
 * its own (`Roe said that the bill…`, `Roe said it would fail`).
 */
function isAttributionTag(sentence: readonly Word[]): boolean {
  const verb = sentence.findIndex((_word, k) => k < 10 && isSpeechVerbAt(sentence, k));
  if (verb < 0) return false;
  // "said Sen. Ann Roe, a Democrat who…": the source and its apposition follow the verb.
  if (verb === 0) {
    const source = sentence[1];
    return (
      !!source && (isCapitalised(source) || DETERMINERS.has(source.lower) || INDEFINITES.has(source.lower))
    );
  }
  const rest = sentence.slice(verb + 1).filter((w) => !w.punct);
  if (rest.length > 14) return false;
  const next = rest[0];
  if (!next) return true;
  return isCapitalised(next) || TAG_CONTINUATIONS.has(next.lower);
}

/** Words that may follow the verb of a bare attribution: time, place, manner, the listener. */
const TAG_CONTINUATIONS = new Set(
  (
    'on in at during after before to while when with about of from later recently also yesterday ' +
    'today tonight afterward afterwards then again earlier last this shortly repeatedly as'
  ).split(' '),
);

/**
 * The attribution that closes the sentence a partial quotation sits in, after its last comma:
 * `…who “steals a handful of $20s” is held accountable, Warren said.` The sentence must end
 * before any other quotation starts, and the part after the comma must be a bare attribution.
 */
function attributionAtSentenceEnd(
  paragraph: string,
  close: number,
  registry: Registry,
  para: number,
): Speaker | null {
  const limit = Math.min(paragraph.length, close + 1 + WINDOW_CHARS);
  let end = -1;
  for (let i = close + 1; i < limit; i++) {
    const ch = paragraph[i] ?? '';
    if (isDoubleQuoteMark(ch)) return null;
    if ((ch === '.' || ch === '!' || ch === '?') && (i + 1 >= paragraph.length || paragraph[i + 1] === ' ')) {
      const word = /(\S+)$/.exec(paragraph.slice(Math.max(0, i - 12), i + 1))?.[1] ?? '';
      if (ch === '.' && (isAbbreviation(word) || /^\p{Lu}\.$/u.test(word))) continue;
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  // The first comma after which the rest of the sentence is a bare attribution.
  for (
    let comma = paragraph.indexOf(',', close + 1);
    comma > 0 && comma < end;
    comma = paragraph.indexOf(',', comma + 1)
  ) {
    const tail = wordsIn(paragraph, comma + 1, end);
    if (isAttributionTag(tail)) return attributionAfter(paragraph, comma, registry, para);
  }
  return null;
}

/** "said Sen. Bernie Sanders (I-Vt.), who…" -> the words up to the first break. */
function sourcePhraseAfter(words: readonly Word[], from: number): Word[] {
  const out: Word[] = [];
  let depth = 0;
  for (let i = from; i < words.length && out.length < 10; i++) {
    const w = words[i];
    if (!w) break;
    if (w.text === '(') depth++;
    if (w.text === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (depth > 0) continue;
    if (w.punct && w.text !== '(') {
      if (w.text === ',' && out.length === 0) continue;
      break;
    }
    if (
      !isNameWord(w) &&
      (CLAUSE_BREAKERS.has(w.lower) ||
        PLACE_PREPOSITIONS.has(w.lower) ||
        /^(on|to|during|last|this|with|for|of|by|about|told)$/.test(w.lower))
    ) {
      if (w.lower === 'of' && out.length && isNameWord(words[i + 1] as Word)) {
        break;
      }
      break;
    }
    out.push(w);
  }
  return out;
}

/** Start of the sentence containing `index`, for the window before a quotation. */
function sentenceStart(paragraph: string, index: number, floor: number): number {
  for (let i = index - 1; i > floor; i--) {
    const ch = paragraph[i];
    if ((ch === '.' || ch === '!' || ch === '?') && /\s/.test(paragraph[i + 1] ?? '')) {
      const word = /(\S+)$/.exec(paragraph.slice(Math.max(floor, i - 12), i + 1))?.[1] ?? '';
      if (isAbbreviation(word.replace(/^[("“]+/, '')) || /^\p{Lu}\.$/u.test(word)) continue;
      return i + 1;
    }
  }
  return floor;
}

/** Text before the opening mark: `Lavrov said: "`, `according to Lavrov, "`, `Trump called it "`. */
function attributionBefore(
  paragraph: string,
  open: number,
  floor: number,
  registry: Registry,
  para: number,
): Speaker | null {
  const start = sentenceStart(paragraph, open, Math.max(floor, open - WINDOW_CHARS));
  const words = wordsIn(paragraph, start, open);
  const labelled = labelBeforeColon(words, registry, para, open);
  if (labelled) return labelled;
  // An unnamed source ("a campaign aide said") is kept only if no named one is found further back.
  let unnamed: Speaker | null = null;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (!w || words.length - i > MAX_WORDS_VERB_TO_QUOTE) break;
    for (const intro of SOURCE_INTRODUCERS) {
      const parts = intro.split(' ');
      if (parts.every((p, k) => words[i + k]?.lower === p)) {
        const found = resolveSourcePhrase(sourcePhraseAfter(words, i + parts.length), registry, para, open);
        if (found?.name) return found;
        unnamed ??= found;
      }
    }
    if (!isSpeechVerbAt(words, i)) continue;
    if (WEAK_SPEECH_VERBS.has(w.lower) && words.length - i > 6) continue;
    // Subject: the words before the verb back to a clause boundary.
    let s = i;
    while (s > 0 && ADVERBS_BEFORE_VERB.has(words[s - 1]?.lower ?? '')) s--;
    if (w.lower.endsWith('ing') && words[s - 1]?.text === ',') {
      // "Albright urged women to vote for Clinton, saying, “…”": the main clause's subject speaks.
      const found = clauseSubject(words.slice(0, s - 1), registry, para, open);
      if (found) return found;
      continue;
    }
    if (words[s - 1]?.text === ',') {
      // "Lewandowski, in a statement released on Thursday, said": skip the aside, unless the
      // aside is the name itself ("Trump's attorney, Alan Garten, said").
      let c = s - 2;
      while (c > 0 && words[c]?.text !== ',' && s - c < 25) c--;
      if (words[c]?.text === ',') {
        const aside = words.slice(c + 1, s - 1);
        if (aside[0] && isNameWord(aside[0]) && !NOT_NAME_WORDS.has(aside[0].lower)) {
          const found = resolveSourcePhrase(aside, registry, para, open);
          if (found?.name) return found;
        }
        s = c;
      }
    }
    let b = s;
    while (b > 0 && s - b < 10) {
      const x = words[b - 1];
      if (!x || (x.punct && x.text !== '(' && x.text !== ')') || CLAUSE_BREAKERS.has(x.lower)) break;
      if (isSpeechVerb(x) && !isNameWord(x)) break;
      b--;
      // "…through what she calls “…”": a personal pronoun right before the verb is the subject.
      if (b === s - 1 && SPEAKER_PRONOUNS[x.lower] === 'person') break;
    }
    const subject = words.slice(b, s);
    const joiner = words[b - 1]?.lower;
    if (subject.length === 0 && (joiner === 'and' || joiner === 'but') && b > 1) {
      // "Roberts said Friday that… but said “…”", "Scott beamed and asked …": a second verb
      // shares the subject of the first, so the speaker is the sentence's subject.
      const found = clauseSubject(words.slice(0, b - 1), registry, para, open);
      if (found) return found;
    }
    if (subject.length) {
      const found = resolveSourcePhrase(subject, registry, para, open);
      if (found?.name) return found;
      unnamed ??= found;
      continue;
    }
    // "Said Trump: …" or "…, said Trump, "
    const after = sourcePhraseAfter(words, i + 1);
    if (after.length) {
      const found = resolveSourcePhrase(after, registry, para, open);
      if (found?.name) return found;
      unnamed ??= found;
    }
  }
  return unnamed;
}

// ---------------------------------------------------------------- assembly

interface Found {
  span: QuoteSpan;
  speaker: Speaker | null;
  /** Attributed by a speech verb in the same sentence (not inherited from a neighbour). */
  direct: boolean;
  via: Via;
}

/** Where the speaker came from: the attribution after or before the quotation, the sentence's subject, or a neighbour. */
type Via = 'after' | 'before' | 'subject' | 'inherited' | null;

/**
 * Finds the direct quotations in an article's body paragraphs and who said them.
 * `title` is accepted for context; headline quotations are not reported.
 */
export function extractQuotes(paragraphs: readonly string[], title?: string): Quote[] {
  paragraphWords = new Map();
  try {
    return extract(paragraphs, title);
  } catch {
    return [];
  } finally {
    paragraphWords = null;
  }
}

function extract(paragraphs: readonly string[], title: string | undefined): Quote[] {
  if (!Array.isArray(paragraphs) || paragraphs.length === 0) return [];
  const paras = paragraphs.map((p) => (typeof p === 'string' ? p : ''));
  const spans = findQuoteSpans(paras);
  if (!spans.length) return [];
  const registry = buildRegistry(paras, spans);
  const titleSpeaker = speakerFromTitle(title, registry, paras.length);

  const found: Found[] = [];
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k] as QuoteSpan;
    const prev = spans[k - 1];
    const startText = paras[span.startPara] ?? '';
    const endText = paras[span.endPara] ?? '';
    const floor = prev && prev.endPara === span.startPara && prev.close >= 0 ? prev.close + 1 : 0;
    let speaker: Speaker | null = null;
    let via: Via = null;
    // Only a quotation that ends a clause (`…,"` `…."` `…?"`) can be followed by its attribution;
    // after a partial quotation ("…" until Haley said) the next words belong to another clause.
    const endsClause =
      span.close >= 0 &&
      (/[,.!?…—–-]['’]?$/.test(span.text) || /^\s*[,.!?;—–]/.test(endText.slice(span.close + 1)));
    const signedBy = span.close >= 0 ? signOffAfter(endText, span.close, registry, span.endPara) : null;
    if (signedBy) {
      speaker = signedBy;
      via = 'after';
    } else if (endsClause) {
      speaker = attributionAfter(endText, span.close, registry, span.endPara);
      if (speaker) via = 'after';
    }
    if (!speaker?.name) {
      const before = attributionBefore(startText, span.open, floor, registry, span.startPara);
      if (before && (before.name || !speaker)) {
        speaker = before;
        via = 'before';
      }
    }
    if (!speaker && endsClause) {
      speaker = namedAfter(endText, span.close, registry, span.endPara);
      if (speaker) via = 'after';
    }
    if (!speaker?.name && span.close >= 0) {
      // `A cashier who “steals a handful” is held to account, Warren said.`
      const atEnd = attributionAtSentenceEnd(endText, span.close, registry, span.endPara);
      if (atEnd?.name || (atEnd && !speaker)) {
        speaker = atEnd;
        via = 'after';
      }
    }
    if (!speaker) {
      // No speech verb: a partial quotation's sentence subject ("Bush referred to Rubio as “…”").
      const start = sentenceStart(startText, span.open, Math.max(floor, span.open - WINDOW_CHARS));
      const words = wordsIn(startText, start, span.open);
      if (words.some((w) => !w.punct)) {
        speaker = clauseSubject(words, registry, span.startPara, span.open);
        if (speaker) via = 'subject';
      }
    }
    found.push({ span, speaker, direct: via === 'after' || via === 'before', via });
  }

  // A quotation with no attribution of its own: "He said:" at the end of the paragraph before,
  // the same speaker as the quotation just before it (a quotation continued in the next sentence
  // or paragraph), or the subject of the sentence before it in the same paragraph.
  for (let k = 0; k < found.length; k++) {
    const f = found[k] as Found;
    if (f.speaker) continue;
    const p = f.span.startPara;
    const text = paras[p] ?? '';
    const leading = text.slice(0, f.span.open).trim();
    const prev = found[k - 1];
    if (prev?.speaker?.name && prev.span.endPara === p) {
      f.speaker = prev.speaker;
      f.via = 'inherited';
      continue;
    }
    if (leading === '' && p > 0) {
      const prevText = (paras[p - 1] ?? '').trimEnd();
      if (prevText.endsWith(':')) {
        f.speaker = attributionBefore(prevText, prevText.length, 0, registry, p - 1);
        if (!f.speaker) {
          const start = sentenceStart(prevText, prevText.length, 0);
          f.speaker = clauseSubject(wordsIn(prevText, start), registry, p - 1, start);
        }
      }
      if (!f.speaker && prev?.speaker?.name && prev.span.endPara >= p - 1) f.speaker = prev.speaker;
      if (!f.speaker) {
        // "Howard continued his scathing remarks." then a paragraph that is all quotation.
        const start = sentenceStart(prevText, prevText.length, 0);
        const lastSentence = wordsIn(prevText, start);
        if (lastSentence.some((w) => SPEECH_VERBS.has(w.lower) || SPEECH_NOUNS.has(w.lower))) {
          f.speaker = clauseSubject(lastSentence, registry, p - 1, start);
        }
      }
      if (!f.speaker && titleSpeaker && p <= 2) f.speaker = titleSpeaker;
      if (f.speaker) f.via = 'inherited';
      continue;
    }
    if (leading !== '') {
      // "Bolton distanced himself from the movement. “I’m going to support him.”"
      const start = sentenceStart(text, f.span.open, 0);
      if (start > 0) {
        const prevStart = sentenceStart(text, start - 1, 0);
        f.speaker = clauseSubject(wordsIn(text, prevStart, start), registry, p, prevStart);
        if (f.speaker) f.via = 'inherited';
      }
    }
  }

  // `"A," he said, "B."`: one quotation split by its attribution becomes one quote. One-word
  // quotations go first, so scare quotes never join a real quotation.
  const kept = found.filter((f) => countWords(f.span.text) >= MIN_WORDS_ATTRIBUTED);
  const merged: Found[] = [];
  for (const f of kept) {
    const last = merged[merged.length - 1];
    if (last && last.span.endPara === f.span.startPara && last.span.close >= 0 && sameSpeaker(last, f)) {
      const between = (paras[f.span.startPara] ?? '').slice(last.span.close + 1, f.span.open);
      const words = countWords(between);
      const sameNamed = !!last.speaker?.name && last.speaker.name === f.speaker?.name;
      if (
        words === 0 ||
        sameNamed ||
        (last.via === 'after' && f.via !== 'before' && isAttributionOnly(between))
      ) {
        last.span = {
          ...last.span,
          endPara: f.span.endPara,
          close: f.span.close,
          text: `${last.span.text} ${f.span.text}`,
        };
        last.direct = last.direct || f.direct;
        continue;
      }
    }
    merged.push({ ...f });
  }

  const quotes: Quote[] = [];
  for (const f of merged) {
    // The comma before an attribution ("…," she said) is the writer's, not the speaker's.
    const text = f.span.text.trim().replace(/\s*,$/, '');
    const words = countWords(text);
    const minWords = f.direct ? MIN_WORDS_ATTRIBUTED : MIN_WORDS_UNATTRIBUTED;
    if (words < minWords) continue;
    quotes.push({
      text,
      speaker: f.speaker?.name ?? null,
      role: f.speaker?.role ?? null,
      paragraph: f.span.startPara,
    });
  }
  return quotes;
}

function sameSpeaker(a: Found, b: Found): boolean {
  return (a.speaker?.name ?? null) === (b.speaker?.name ?? null) || !b.speaker?.name || !a.speaker?.name;
}

/** `, he said, ` / ` Lavrov added. ` / `, ` — nothing but an attribution between two quotations. */
function isAttributionOnly(between: string): boolean {
  const words = tokenize(between).filter((w) => !w.punct);
  if (words.length === 0) return true;
  if (words.length > 10) return false;
  return words.some((w) => SPEECH_VERBS.has(w.lower));
}

/** `Donald Trump: "…"` (tweets, transcripts, quote boxes): a name and a colon right before. */
function labelBeforeColon(
  words: readonly Word[],
  registry: Registry,
  para: number,
  open: number,
): Speaker | null {
  const n = words.length;
  if (n < 2 || words[n - 1]?.text !== ':') return null;
  let b = n - 1;
  while (b > 0 && n - 1 - b < 6 && isNameWord(words[b - 1] as Word)) b--;
  if (b === n - 1) return null;
  const prev = words[b - 1];
  if (prev && !prev.punct) return null;
  return resolveSourcePhrase(words.slice(b, n - 1), registry, para, open);
}

/**
 * The subject of a clause: the first name, pronoun or definite description that starts the
 * sentence or a comma-separated part of it, not inside a prepositional phrase
 * ("Speaking to MSNBC on Monday, Bush referred to Rubio as “…”" -> Bush).
 */
function clauseSubject(
  words: readonly Word[],
  registry: Registry,
  para: number,
  index: number,
): Speaker | null {
  let clauseStart = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.punct) {
      clauseStart = w.text === ',' || w.text === ';' || w.text === ':' || w.text === '—' || w.text === '–';
      continue;
    }
    if (!clauseStart) continue;
    if (NOT_NAME_WORDS.has(w.lower) && !SPEAKER_PRONOUNS[w.lower] && !DETERMINERS.has(w.lower)) {
      // "But", "And", "Meanwhile": still the start of the clause; prepositions end it.
      if (
        /^(but|and|so|yet|meanwhile|however|still|now|then|also|instead|later|earlier|today|yesterday)$/.test(
          w.lower,
        )
      )
        continue;
      clauseStart = false;
      continue;
    }
    const pronoun = SPEAKER_PRONOUNS[w.lower];
    if (pronoun === 'person') return resolvePronoun(pronoun, registry, para, index);
    if (/^\p{Lu}\p{Ll}+(ing|ed)$/u.test(w.text) || (words[i + 1]?.lower ?? '') === 'to') {
      // "Continuing to explain his view, Carson said": a participle, not a name.
      clauseStart = false;
      continue;
    }
    if (pronoun) return null;
    let j = i;
    let seenName = false;
    while (j < words.length && j - i < 9) {
      const x = words[j] as Word;
      if (x.punct) break;
      const nameWord = isNameWord(x) && !NOT_NAME_WORDS.has(x.lower);
      // Lowercase modifiers may come before the name ("Republican presidential front-runner
      // Donald Trump"), not after it.
      const modifier = !seenName && j - i < 5 && !NOT_NAME_WORDS.has(x.lower) && !SPEECH_VERBS.has(x.lower);
      if (!(nameWord || ROLE_WORDS.has(x.lower) || (j === i && DETERMINERS.has(x.lower)) || modifier)) break;
      if (nameWord && !ROLE_WORDS.has(x.lower)) seenName = true;
      j++;
      if (isPossessive(x.text)) break;
    }
    const phrase = words.slice(i, j);
    if (phrase.some((x) => isNameWord(x) && !NOT_NAME_WORDS.has(x.lower) && !ROLE_WORDS.has(x.lower))) {
      const found = resolveSourcePhrase(phrase, registry, para, index);
      if (found?.name) return found;
    }
    clauseStart = false;
  }
  return null;
}

/** `"…," Trump barked`: a name or pronoun right after the quotation, then a past-tense verb. */
function namedAfter(paragraph: string, close: number, registry: Registry, para: number): Speaker | null {
  const words = wordsIn(paragraph, close + 1, Math.min(paragraph.length, close + 1 + 80));
  let i = 0;
  while (i < words.length && words[i]?.punct && words[i]?.text === ',') i++;
  const startWord = words[i];
  if (!startWord || startWord.punct) return null;
  let j = i;
  while (
    j < words.length &&
    j - i < 6 &&
    (isNameWord(words[j] as Word) || ROLE_WORDS.has(words[j]?.lower ?? ''))
  )
    j++;
  if (j === i && SPEAKER_PRONOUNS[startWord.lower] === 'person') j = i + 1;
  const verb = words[j];
  if (j === i || !verb || verb.punct || !/^\p{Ll}+(ed|s)$/u.test(verb.text)) return null;
  return resolveSourcePhrase(words.slice(i, j), registry, para, close);
}

/** Nouns for things said, which make a sentence about someone's words ("his remarks"). */
const SPEECH_NOUNS = new Set(
  'remarks remark comments comment statement statements speech interview tweet tweets post letter op-ed message words answer response reply question'.split(
    ' ',
  ),
);

/** `Cecile Richards: ‘…’` — a headline that names the speaker before a colon. */
function speakerFromTitle(
  title: string | undefined,
  registry: Registry,
  paragraphCount: number,
): Speaker | null {
  if (typeof title !== 'string') return null;
  const colon = title.indexOf(':');
  if (colon <= 0 || colon > 40) return null;
  const words = tokenize(title.slice(0, colon));
  if (!words.length || words.length > 4 || !words.every((w) => isNameWord(w) && !NOT_NAME_WORDS.has(w.lower)))
    return null;
  const found = resolveSourcePhrase(words, registry, paragraphCount, 0);
  return found?.name ? found : null;
}
