// The names an article mentions and how a source phrase resolves to one of them: the fullest
// form of a name the article gives ("Lavrov" -> "Sergey Lavrov"), the antecedent of a pronoun,
// the person or organisation a description ("the foreign minister", "the newspaper") stands for.
import {
  DETERMINERS,
  GROUP_SOURCES,
  HEAD_BREAKERS,
  HONORIFICS,
  INDEFINITES,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  ORGANISATION_HEADS,
  ORGANISATION_WORDS,
  PERSON_ROLE_HEADS,
  PLACE_PREPOSITIONS,
  PROXY_ADJECTIVES,
  PROXY_HEADS,
  PROXY_LINKS,
  ROLE_WORDS,
  SPEAKER_PRONOUNS,
  SPEECH_VERBS,
} from './lexicon.js';
import type { QuoteSpan } from './spans.js';
import {
  ACRONYM_MAX_CHARS,
  ACRONYM_MIN_CHARS,
  DESCRIPTION_REACH_MENTIONS,
  GROUP_PRONOUN_REACH_PARAGRAPHS,
  MAX_APPOSITION_ROLE_WORDS,
  MAX_OWNED_WORDS,
  MAX_ROLE_WORDS,
  MAX_SOURCE_PHRASE_WORDS,
  PRONOUN_REACH_PARAGRAPHS,
} from './tuning.js';
import {
  type ArticleText,
  isNameWord,
  isPossessive,
  paragraphWords,
  sentenceStartCapitals,
  stripPossessive,
  type Word,
} from './words.js';

export type EntityKind = 'person' | 'organisation' | 'place';

/** One mention of a name in the article. */
export interface Mention {
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

export interface Registry {
  mentions: Mention[];
  /** Lowercase last token -> mentions with at least two tokens ending in it. */
  fullNamesByLast: Map<string, Mention[]>;
  /** Lowercase first token -> multi-token person mentions starting with it. */
  fullNamesByFirst: Map<string, Mention[]>;
  /** Lowercase name -> first role the article gives it. */
  roleByName: Map<string, string>;
  /** Words capitalised only at the start of a sentence and lowercase elsewhere: not names ("Guns"). */
  sentenceCapitals: ReadonlySet<string>;
}

function looksLikeOrganisation(tokens: readonly string[]): boolean {
  for (const t of tokens) {
    const bare = stripPossessive(t);
    if (ORGANISATION_WORDS.has(bare.toLowerCase())) return true;
    if (
      bare.length >= ACRONYM_MIN_CHARS &&
      bare.length <= ACRONYM_MAX_CHARS &&
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
export function splitRole(run: readonly Word[]): { role: Word[]; name: Word[] } {
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
  for (let i = index - 1; i >= 0 && out.length < MAX_ROLE_WORDS; i--) {
    const w = words[i];
    if (!w || w.punct || !ROLE_WORDS.has(w.lower)) break;
    out.unshift(w);
  }
  return out;
}

/** Every capitalised name run in the article, as person, organisation or place, with its role. */
export function buildRegistry(text: ArticleText, spans: readonly QuoteSpan[]): Registry {
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
  for (let p = 0; p < text.paragraphs.length; p++) {
    const words = paragraphWords(text, p);
    const ranges = quotedRanges.get(p) ?? [];
    let range = 0;
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
      // Ranges are in order and mentions come in order: one pointer, not a scan per mention.
      while (range < ranges.length && (ranges[range] as [number, number])[1] <= start) range++;
      const current = ranges[range];
      const quoted = !!current && start > current[0] && start < current[1];
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
  return {
    mentions,
    fullNamesByLast,
    fullNamesByFirst,
    roleByName,
    sentenceCapitals: sentenceStartCapitals(text),
  };
}

export function isBefore(m: Mention, para: number, index: number): boolean {
  return m.para < para || (m.para === para && m.start < index);
}

/** Index of the last mention before a position (-1: none); mentions are in text order. */
function lastMentionBefore(registry: Registry, para: number, index: number): number {
  let lo = 0;
  let hi = registry.mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(registry.mentions[mid] as Mention, para, index)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The mention nearest before a position, else the first after it. */
function nearest(list: readonly Mention[], para: number, index: number): Mention | undefined {
  let best: Mention | undefined;
  for (const m of list) if (isBefore(m, para, index)) best = m;
  return best ?? list[0];
}

/**
 * What fullestName asks of a list of mentions, worked out once per list (a registry's lists do not
 * change once built): asking it again for every quotation rescanned every mention, quadratic in a
 * name repeated thousands of times (2.5-4.3 s for one file).
 */
interface ListSummary {
  /** The mentions, in text order, of the names mentioned most often in the list. */
  mostMentioned: Mention[];
  /** Lowercase first token -> the first mention with the most tokens among those starting with it. */
  longestByFirst: Map<string, Mention>;
  /** How many different names the list holds. */
  distinctNames: number;
}

const summaries = new WeakMap<readonly Mention[], ListSummary>();

function summaryOf(list: readonly Mention[]): ListSummary {
  const known = summaries.get(list);
  if (known) return known;
  const counts = new Map<string, number>();
  const longestByFirst = new Map<string, Mention>();
  for (const m of list) {
    const key = m.name.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const first = (m.tokens[0] ?? '').toLowerCase();
    const longest = longestByFirst.get(first);
    if (!longest || m.tokens.length > longest.tokens.length) longestByFirst.set(first, m);
  }
  let top = 0;
  for (const c of counts.values()) top = Math.max(top, c);
  const summary: ListSummary = {
    mostMentioned: list.filter((m) => counts.get(m.name.toLowerCase()) === top),
    longestByFirst,
    distinctNames: new Set(list.map((m) => m.name)).size,
  };
  summaries.set(list, summary);
  return summary;
}

/**
 * The name mentioned most often in the list (ties: the nearest before the position, else the first
 * mentioned): a binary search in the list's summary.
 */
function mostMentioned(list: readonly Mention[], para: number, index: number): Mention | undefined {
  const top = summaryOf(list).mostMentioned;
  let lo = 0;
  let hi = top.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(top[mid] as Mention, para, index)) lo = mid + 1;
    else hi = mid;
  }
  return top[lo - 1] ?? top[0] ?? nearest(list, para, index);
}

export interface Speaker {
  name: string | null;
  role: string | null;
  /** Named after whom it speaks for ("spokesman for Ann Roe"): a name next to it is the person. */
  proxy?: boolean;
}

/** The fullest form of a name the article gives ("Lavrov" -> "Sergey Lavrov"). */
export function fullestName(
  tokens: readonly string[],
  registry: Registry,
  para: number,
  index: number,
): Speaker {
  const asWritten = tokens.join(' ');
  const last = (tokens[tokens.length - 1] ?? '').toLowerCase();
  let chosen: Mention | undefined;
  const sameLast = registry.fullNamesByLast.get(last) ?? [];
  if (tokens.length === 1) {
    chosen = mostMentioned(sameLast, para, index);
    if (!chosen) {
      const byFirst = registry.fullNamesByFirst.get(last) ?? [];
      if (byFirst.length && summaryOf(byFirst).distinctNames === 1) chosen = byFirst[0];
    }
  } else {
    // "Sergey Lavrov" may also appear as "Sergey V. Lavrov": take the longest with the same ends.
    const longest = summaryOf(sameLast).longestByFirst.get((tokens[0] ?? '').toLowerCase());
    if (longest && longest.tokens.length > tokens.length) chosen = longest;
  }
  const name = chosen ? chosen.name : asWritten;
  const role =
    registry.roleByName.get(name.toLowerCase()) ?? registry.roleByName.get(asWritten.toLowerCase()) ?? null;
  return { name, role };
}

/** The person (or organisation) a pronoun at this position most likely points back to. */
export function resolvePronoun(
  kind: 'person' | 'organisation' | 'group',
  registry: Registry,
  para: number,
  index: number,
): Speaker {
  const wanted: EntityKind = kind === 'person' ? 'person' : 'organisation';
  let candidate: Mention | undefined;
  for (let i = lastMentionBefore(registry, para, index); i >= 0; i--) {
    const m = registry.mentions[i];
    if (!m) continue;
    // before the kind test: mentions are in text order, so none earlier is within reach either
    // (else every quotation would scan every quoted name and organisation before it)
    if (para - m.para > PRONOUN_REACH_PARAGRAPHS) break;
    if (kind === 'group' && para - m.para > GROUP_PRONOUN_REACH_PARAGRAPHS) break;
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

/**
 * Where a description ("the company", "the foreign minister") looks for its name, worked out once
 * per registry: the indexes (into Registry.mentions, in text order) of the organisations, and of
 * the persons with a role, by each role head word. A scan of every earlier mention for every
 * quotation was quadratic in an article of thousands of names.
 */
interface DescriptionIndex {
  organisations: number[];
  byRoleHead: Map<string, number[]>;
}

const descriptionIndexes = new WeakMap<readonly Mention[], DescriptionIndex>();

function descriptionIndex(registry: Registry): DescriptionIndex {
  const known = descriptionIndexes.get(registry.mentions);
  if (known) return known;
  const index: DescriptionIndex = { organisations: [], byRoleHead: new Map() };
  registry.mentions.forEach((m, i) => {
    if (m.kind === 'organisation') index.organisations.push(i);
    if (m.kind !== 'person' || !m.role) return;
    for (const word of new Set(m.role.toLowerCase().split(/\s+/))) {
      if (!PERSON_ROLE_HEADS.has(word)) continue;
      const list = index.byRoleHead.get(word) ?? [];
      list.push(i);
      index.byRoleHead.set(word, list);
    }
  });
  descriptionIndexes.set(registry.mentions, index);
  return index;
}

/** The position in `indexes` (mention indexes, in text order) of the last mention before a position; -1: none. */
function lastBefore(indexes: readonly number[], registry: Registry, para: number, index: number): number {
  let lo = 0;
  let hi = indexes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(registry.mentions[indexes[mid] as number] as Mention, para, index)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** "the foreign minister" / "the newspaper": the earlier name this description stands for. */
export function resolveDescription(
  words: readonly Word[],
  registry: Registry,
  para: number,
  index: number,
): Speaker {
  const head = stripPossessive(words[words.length - 1]?.lower ?? '');
  const description = words.map((w) => w.text).join(' ');
  const orgKeys = ORGANISATION_HEADS[head];
  if (orgKeys) {
    const organisations = descriptionIndex(registry).organisations;
    const from = lastBefore(organisations, registry, para, index);
    for (let k = from; k >= 0 && from - k < DESCRIPTION_REACH_MENTIONS; k--) {
      const m = registry.mentions[organisations[k] as number];
      if (m?.kind !== 'organisation') continue;
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
    // the persons whose role has this head word, nearest first; none further back can beat a
    // score that every modifier counts in
    const withHead = descriptionIndex(registry).byRoleHead.get(head) ?? [];
    const from = lastBefore(withHead, registry, para, index);
    for (let k = from; k >= 0 && from - k < DESCRIPTION_REACH_MENTIONS; k--) {
      const m = registry.mentions[withHead[k] as number];
      if (m?.kind !== 'person' || !m.role) continue;
      const roleWords = m.role.toLowerCase().split(/\s+/);
      if (!roleWords.includes(head)) continue;
      const score = 1 + modifiers.filter((x) => roleWords.includes(x)).length;
      if (score > bestScore) {
        best = m;
        bestScore = score;
        if (score === 1 + modifiers.length) break;
      }
    }
    if (best) {
      const found = fullestName(best.tokens, registry, best.para, best.start);
      return { name: found.name, role: found.role ?? best.role };
    }
  }
  return { name: null, role: description };
}

/**
 * Resolves a source phrase ("Sen. Bernie Sanders", "the foreign minister", "he", "Trump's
 * campaign") to a speaker.
 */
export function resolveSourcePhrase(
  phrase: readonly Word[],
  registry: Registry,
  para: number,
  index: number,
): Speaker | null {
  // "Gov. Ann Roe (R-Ohio)": what the brackets hold is a note on the source, not its name.
  let depth = 0;
  let words = phrase.filter((w) => {
    if (w.text === '(') depth++;
    else if (w.text === ')') depth = Math.max(0, depth - 1);
    else return depth === 0;
    return false;
  });
  // An appositive after a comma describes the source: keep the part before it.
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
  if (cut > 0) {
    const proxy = proxySpeaker(words, cut, registry, para, index);
    if (proxy) return proxy;
    words = words.slice(0, cut);
  }
  if (!words.length || words.length > MAX_SOURCE_PHRASE_WORDS) return null;
  // "Clinton's communications director, Jennifer Palmieri", "NatWest's corporate parent, the Royal
  // Bank of Scotland Group": a description first and the name in apposition; the name speaks.
  if (apposition.length && isDescription(words) && startsWithName(apposition)) {
    const named = resolveSourcePhrase(apposition, registry, para, index);
    if (named?.name) return { name: named.name, role: named.role ?? words.map((w) => w.text).join(' ') };
  }
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
      // "Trump's campaign said": the campaign speaks, under Trump's name. "Duterte's latest" and
      // "Kim's mental state" are not sources at all: only a noun that can speak is owned.
      const owned = after
        .slice(0, MAX_OWNED_WORDS)
        .filter((w) => !NOT_NAME_WORDS.has(w.lower) && !SPEECH_VERBS.has(w.lower));
      if (nameWord && isPossessive(nameWord.text) && owned.length) {
        if (!canSpeak(owned[owned.length - 1] as Word)) return null;
        return { name: `${found.name}'s ${owned.map((w) => w.text).join(' ')}`, role: null };
      }
      const leading = words.slice(0, start).filter((w) => ROLE_WORDS.has(w.lower));
      const ownRole = [...leading, ...role].map((w) => w.text).join(' ');
      const appositionRole =
        apposition.length && apposition.length <= MAX_APPOSITION_ROLE_WORDS
          ? apposition.map((w) => w.text).join(' ')
          : '';
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

/** The word `w` links the proxy that `before` ends with to whom it speaks for ("a spokesman" + "for"). */
export function linksProxy(before: readonly Word[], w: Word): boolean {
  if (!PROXY_LINKS.has(w.lower)) return false;
  let h = before.length - 1;
  if (PROXY_ADJECTIVES.has(before[h]?.lower ?? '')) h--;
  const head = before[h];
  // "the Friends of Dale" is a name; "Officials at Dale Holdings" opens a sentence.
  return !!head && PROXY_HEADS.has(head.lower) && (h === 0 || !head.capitalised);
}

/**
 * "a spokesman for Sen. Ann Roe", "a source close to the Roes", "officials at Dale Holdings":
 * someone who speaks for a named person or body is named after them ("spokesman for Ann Roe"),
 * as "Roe's campaign" is. `cut`: the link word. Null when no name follows the link.
 */
function proxySpeaker(
  words: readonly Word[],
  cut: number,
  registry: Registry,
  para: number,
  index: number,
): Speaker | null {
  const link = words[cut] as Word;
  if (!linksProxy(words.slice(0, cut), link)) return null;
  let start = cut + 1;
  while (
    start < words.length &&
    !(isNameWord(words[start] as Word) && !NOT_NAME_WORDS.has(words[start]?.lower ?? ''))
  )
    start++;
  const run: Word[] = [];
  for (let i = start; i < words.length && run.length < MAX_ROLE_WORDS; i++) {
    const w = words[i] as Word;
    if (!isNameWord(w) && !NAME_PARTICLES.has(w.lower)) break;
    run.push(w);
    if (isPossessive(w.text)) break;
  }
  const { name } = splitRole(run);
  if (!name.length) return null;
  const found = fullestName(
    name.map((w) => stripPossessive(w.text)),
    registry,
    para,
    index,
  );
  let from = 0;
  while (
    from < cut &&
    (DETERMINERS.has(words[from]?.lower ?? '') || INDEFINITES.has(words[from]?.lower ?? ''))
  )
    from++;
  const proxy = words
    .slice(from, start)
    .map((w) => w.text)
    .join(' ');
  return { name: `${proxy} ${found.name}`, role: null, proxy: true };
}

/** A noun that can be a source: a role ("director"), a body ("campaign"), a document ("report"). */
export function canSpeak(word: Word): boolean {
  const head = stripPossessive(word.lower);
  return (
    ROLE_WORDS.has(head) ||
    PERSON_ROLE_HEADS.has(head) ||
    ORGANISATION_HEADS[head] !== undefined ||
    ORGANISATION_WORDS.has(head) ||
    GROUP_SOURCES.has(head)
  );
}

/** No proper name of its own: "the company's chief", "Clinton's communications director". */
export function isDescription(words: readonly Word[]): boolean {
  const last = words[words.length - 1];
  if (!last || last.capitalised) return false;
  return words.every(
    (w) => !w.capitalised || isPossessive(w.text) || NOT_NAME_WORDS.has(w.lower) || ROLE_WORDS.has(w.lower),
  );
}

/** "Jennifer Palmieri", "the Royal Bank of Scotland Group": a name, not "a Democrat from Ohio". */
function startsWithName(words: readonly Word[]): boolean {
  const first = words[0];
  if (!first) return false;
  if (first.lower === 'the') return !!words[1]?.capitalised && !NOT_NAME_WORDS.has(words[1].lower);
  return first.capitalised && !NOT_NAME_WORDS.has(first.lower) && !ROLE_WORDS.has(first.lower);
}
