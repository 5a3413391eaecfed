// Source phrases: how the words naming a quotation's source ("Sen. Bernie Sanders", "the
// foreign minister", "he", "Trump's campaign", "a spokesman for Ann Roe") resolve to a speaker.
// The registry of names is registry.ts, the fullest form of a name resolution.ts, pronouns and
// descriptions pronouns.ts; this module re-exports what the rules use from them.
import {
  DETERMINERS,
  DOCUMENT_HEADS,
  DOCUMENT_LINKS,
  GROUP_SOURCES,
  HEAD_BREAKERS,
  INDEFINITES,
  NAME_PARTICLES,
  NOT_NAME_WORDS,
  ORGANISATION_HEADS,
  ORGANISATION_WORDS,
  PERSON_ROLE_HEADS,
  PRONOUN_GENDERS,
  PROXY_ADJECTIVES,
  PROXY_HEADS,
  PROXY_LINKS,
  ROLE_ABBREVIATIONS,
  ROLE_WORDS,
  SPEAKER_PRONOUNS,
  SPEECH_VERBS,
} from './lexicon.js';
import {
  bodyByKindWords,
  bodyByPlaceAndKind,
  type DescribedBody,
  describedBodyFor,
} from './organisations.js';
import { resolveDescription, resolvePronoun } from './pronouns.js';
import {
  isBefore,
  isPersonNoun,
  lastMentionBefore,
  type Mention,
  type Registry,
  splitRole,
} from './registry.js';
import { fullestName, type Speaker } from './resolution.js';
import {
  MAX_APPOSITION_ROLE_WORDS,
  MAX_OWNED_WORDS,
  MAX_ROLE_WORDS,
  MAX_SOURCE_PHRASE_WORDS,
} from './tuning.js';
import { isNameWord, isPossessive, stripPossessive, type Word } from './words.js';

export { resolveDescription, resolvePronoun } from './pronouns.js';
export {
  buildRegistry,
  type EntityKind,
  isBefore,
  type Mention,
  type Registry,
  splitRole,
} from './registry.js';
export { fullestName, type Speaker } from './resolution.js';

/**
 * Resolves a source phrase ("Sen. Bernie Sanders", "the foreign minister", "he", "Trump's
 * campaign") to a speaker.
 */
export function resolveSourcePhrase(
  phrase: readonly Word[],
  registry: Registry,
  para: number,
  at: number,
): Speaker | null {
  // A pronoun or description looks back from where it is written, when that is before the
  // quotation ("The senator said Democrats “…”" is not about Democrats).
  const index = Math.min(at, phrase[0]?.start ?? at);
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
    // "a report by the Crisis Group", "an advisory from the state Transportation Department": the
    // issuer speaks; a document whose issuer is not named speaks for no one.
    if (linksDocument(words.slice(0, cut), words[cut] as Word)) {
      const issuer = resolveSourcePhrase(words.slice(cut + 1), registry, para, index);
      return issuer?.name ? issuer : { name: null, role: words.map((w) => w.text).join(' ') };
    }
    const proxy = proxySpeaker(words, cut, registry, para, index);
    if (proxy) return proxy;
    // "the National Weather Service in Dale said": the body's office in that place
    const office = words[cut]?.lower === 'in' ? locatedBodyAt(words.slice(0, cut), registry, para) : null;
    if (office) return { name: office, role: null };
    words = words.slice(0, cut);
  }
  if (!words.length || words.length > MAX_SOURCE_PHRASE_WORDS) return null;
  // "Clinton's communications director, Jennifer Palmieri", "NatWest's corporate parent, the Royal
  // Bank of Scotland Group": a description first and the name in apposition; the name speaks.
  if (apposition.length && isDescription(words) && startsWithName(apposition)) {
    const named = resolveSourcePhrase(apposition, registry, para, index);
    if (named?.name) return { name: named.name, role: named.role ?? words.map((w) => w.text).join(' ') };
  }
  // "the Dale health department", "the Dale office": a body named by place and kind
  const body = bodyByPlaceAndKind(
    words,
    registry.mentions,
    registry.locatedBodies,
    (m) => isBefore(m, para, index),
    (w) => DOCUMENT_HEADS.has(w),
    (w) => DETERMINERS.has(w) || INDEFINITES.has(w),
  );
  if (body) return { name: body, role: null };
  // "the ratings agency", "a federal appeals court": the body those words name
  const kindOf = bodyByKindWords(
    words,
    registry.mentions,
    para,
    lastMentionBefore(registry, para, index),
    (w) => ORGANISATION_WORDS.has(w),
  );
  if (kindOf) return { name: kindOf, role: null };
  const first = words[0] as Word;
  const pronoun = SPEAKER_PRONOUNS[first.lower];
  if (words.length === 1 && pronoun)
    return resolvePronoun(pronoun, registry, para, index, PRONOUN_GENDERS[first.lower] ?? null);

  // "the Grammy-nominated singer", "the Texas-born coach": a hyphenated modifier is no name.
  const tail = words[words.length - 1] as Word;
  if (
    first.lower === 'the' &&
    !tail.capitalised &&
    isPersonNoun(tail) &&
    words.slice(1, -1).every((w) => !w.capitalised || w.text.includes('-'))
  )
    return resolveDescription(words.slice(1), registry, para, index, true);

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
      // "US Indo-Pacific Command": capitals are a name's initials, not the pronoun "us".
      if (NOT_NAME_WORDS.has(prev.lower) && prev.lower !== 'the' && !/^\p{Lu}{2,}$/u.test(prev.text)) break;
      // "BofA's Haas", "Google's Ann Roe": the possessor is the employer, not part of the name.
      // Not inside a body's name ("the Dale County Sheriff's Office").
      if (isPossessive(prev.text) && !ORGANISATION_WORDS.has(stripPossessive(words[end]?.lower ?? ''))) break;
      start--;
    }
    const run = words.slice(start, end + 1).filter((w) => w.lower !== 'the');
    // "the Kentucky Republican", "El Salvador's President", "the CEO": a title or a person noun
    // with no name after it describes someone named elsewhere.
    const head = run[run.length - 1] as Word;
    if (
      isPersonNoun(head, first.lower === 'the') &&
      (run.length === 1 || first.lower === 'the' || isPossessive(run[run.length - 2]?.text ?? ''))
    ) {
      const owner = run.slice(0, -1).map((w) => ({ ...w, lower: stripPossessive(w.lower) }));
      // "the former CEO": the lowercase words before the title qualify it too
      const qualifiers = first.lower === 'the' ? words.slice(1, start).filter((w) => !w.capitalised) : [];
      return resolveDescription(
        [...qualifiers, ...owner, head],
        registry,
        para,
        index,
        first.lower === 'the',
      );
    }
    const { role, name } = splitRole(run);
    if (name.length) {
      const tokens = name.map((w) => stripPossessive(w.text));
      const found = fullestName(
        tokens,
        registry,
        para,
        index,
        role.map((w) => ROLE_ABBREVIATIONS[w.lower] ?? w.lower),
      );
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
  // "the ministry" after "Russia's foreign ministry", "the program's website"
  if (first.lower === 'the') {
    const described = describedBodyFor(words.slice(1), registry.describedBodies, (m) =>
      isBefore(m, para, index),
    );
    if (described && !namedBodyNearer(described, registry, para, index)) {
      const owner = described.possessive
        ? `${fullestName(described.owner.tokens, registry, described.owner.para, described.owner.start).name}'s`
        : described.owner.name;
      return { name: `${owner} ${described.words.join(' ')}`, role: null };
    }
  }
  // No name: a description, definite ("the foreign minister") or not ("a spokesman").
  if (DETERMINERS.has(first.lower))
    return resolveDescription(words.slice(1), registry, para, index, first.lower === 'the');
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

/** `w` links the document that `before` ends with to its issuer ("a report" + "by"). */
export function linksDocument(before: readonly Word[], w: Word): boolean {
  if (!DOCUMENT_LINKS.has(w.lower)) return false;
  // "the statement released by Fox News", "a report issued by the agency"
  const issued = ISSUING_VERBS.has(before[before.length - 1]?.lower ?? '') ? 2 : 1;
  const head = before[before.length - issued];
  return !!head && !head.capitalised && DOCUMENT_HEADS.has(head.lower);
}

/** Verbs between a document and its issuer that say who issued it ("released by"), not who passed it on. */
const ISSUING_VERBS: ReadonlySet<string> = new Set(['released', 'issued', 'published', 'signed', 'written']);

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

/** The organisation placed with "in" whose name the words hold ("the Weather Service" of "the
 * Weather Service in Dale"), as "Weather Service in Dale"; else null. */
function locatedBodyAt(words: readonly Word[], registry: Registry, para: number): string | null {
  const from = words[0]?.start ?? 0;
  const to = words[words.length - 1]?.start ?? -1;
  for (const l of registry.locatedBodies)
    if (l.body.para === para && l.body.start >= from && l.body.start <= to)
      return `${l.body.name} in ${l.place.name}`;
  return null;
}

/** An organisation named with the described body's noun ("the Dale Ministry") stands between the
 * described body and the position: "the ministry" is that one (pronouns.ts). */
function namedBodyNearer(
  described: DescribedBody<Mention>,
  registry: Registry,
  para: number,
  index: number,
): boolean {
  const head = described.words[described.words.length - 1] ?? '';
  for (let i = lastMentionBefore(registry, para, index); i >= 0; i--) {
    const m = registry.mentions[i] as Mention;
    if (m === described.owner) return false;
    if (m.kind === 'organisation' && m.tokens.some((t) => t.toLowerCase() === head)) return true;
  }
  return false;
}
