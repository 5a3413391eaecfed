// Pronouns and descriptions: the person (or organisation) "he", "she", "they", "the foreign
// minister" or "the newspaper" stands for.
import {
  DOCUMENT_HEADS,
  GENDERED_WORDS,
  ORGANISATION_HEADS,
  PERSON_NOUNS,
  PERSON_ROLE_HEADS,
  ROLE_ABBREVIATIONS,
  ROLE_WORDS,
} from './lexicon.js';
import { isCountry } from './organisations.js';
import {
  clauseAt,
  type EntityKind,
  type Gender,
  isBefore,
  isPersonNoun,
  lastMentionBefore,
  looksLikeOrganisation,
  type Mention,
  type PronounCounts,
  type PronounUse,
  type Registry,
} from './registry.js';
import { fullestName, type Speaker } from './resolution.js';
import {
  DESCRIPTION_REACH_MENTIONS,
  DOCUMENT_REACH_PARAGRAPHS,
  GENDER_MAJORITY,
  GROUP_PRONOUN_REACH_PARAGRAPHS,
  HONORIFIC_VOTES,
  PRONOUN_CHAIN_LINKS,
  PRONOUN_REACH_PARAGRAPHS,
} from './tuning.js';
import { hasDigit, stripPossessive, type Word } from './words.js';

/**
 * The person (or organisation) a pronoun at this position most likely points back to. `links`:
 * how many pronouns back this one was reached through (PRONOUN_CHAIN_LINKS).
 */
export function resolvePronoun(
  kind: 'person' | 'organisation' | 'group',
  registry: Registry,
  para: number,
  index: number,
  gender: Gender | null = null,
  links = 0,
): Speaker {
  const wanted: EntityKind = kind === 'person' ? 'person' : 'organisation';
  // "he/she said" points to a person: a name the article gives as a person's (a full name, a
  // role, an honorific), of the pronoun's gender when the article tells it; never a word that is
  // capitalised only because it opens a sentence ("Rather, she said"), a product or a team.
  const fits = (m: Mention): boolean =>
    !m.quoted &&
    m.kind === wanted &&
    (kind !== 'person' || (isPersonName(m, registry) && !genderConflicts(m, registry, gender)));
  let candidate: Mention | undefined;
  const here = clauseAt(registry, para, index);
  for (let i = lastMentionBefore(registry, para, index); i >= 0; i--) {
    const m = registry.mentions[i];
    if (!m) continue;
    if (para - m.para > PRONOUN_REACH_PARAGRAPHS) break;
    if (kind === 'group' && para - m.para > GROUP_PRONOUN_REACH_PARAGRAPHS) break;
    if (!fits(m)) continue;
    // "Not one of Sunak's proposals would “…,” he said": a possessor in the pronoun's own clause
    // is what the words are about, not who says them.
    if (m.possessive && m.clause === here) continue;
    // The subject of the nearest clause with a name is the usual antecedent of "he said"; a
    // semicolon divides two ("Ida wore red; Ann wore blue. She said …" is Ann).
    candidate = m;
    for (let j = i - 1; j >= 0; j--) {
      const earlier = registry.mentions[j];
      if (!earlier || earlier.clause !== m.clause) break;
      if (fits(earlier) && !earlier.possessive) candidate = earlier;
    }
    break;
  }
  if (!candidate) return { name: null, role: null };
  // "He slammed President Biden…" then "…,” he said": the sentence's subject is the "He" that
  // opens it, not the first name in it; both pronouns stand for the same person, further back.
  const opening = (registry.pronounsBySentence.get(candidate.sentence) ?? [])[0];
  if (
    kind === 'person' &&
    gender &&
    links < PRONOUN_CHAIN_LINKS &&
    opening?.opensSentence &&
    opening.gender === gender &&
    opening.start < candidate.start
  )
    return resolvePronoun(kind, registry, candidate.para, opening.start, gender, links + 1);
  return fullestName(candidate.tokens, registry, candidate.para, candidate.start);
}

/**
 * The mention names a person the way news names people: a first and last name, a role or an
 * honorific, or a surname the article gives in full elsewhere. A lone capitalised word that only
 * ever opens a sentence ("Rather", "Using", "Experts") or that the article never gives in full
 * ("YouTube", "Earth") is not known to be anyone.
 */
export function isPersonName(m: Mention, registry: Registry): boolean {
  if (m.kind !== 'person') return false;
  const first = (m.tokens[0] ?? '').toLowerCase();
  if (m.opensSentence && !registry.namesInside.has(first) && /(ing|ed)$/.test(first)) return false;
  // "Covid-19", "BA.5", "F-35": a name with a digit is a thing's, never a person's.
  if (m.tokens.some(hasDigit)) return false;
  // "Democrats", "Republicans", "White House Democrats": a party or a group, not a person, whatever
  // role words stand before it.
  const head = (m.tokens[m.tokens.length - 1] ?? '').toLowerCase();
  if (
    m.tokens.length === 1 &&
    /s$/.test(head) &&
    (ROLE_WORDS.has(head.replace(/s$/, '')) || PERSON_NOUNS.has(head.replace(/s$/, '')))
  )
    return false;
  // "al Qaeda", "de Gaulle": a lowercase particle is no given name; such a name counts as one word.
  const given = /^\p{Lu}/u.test(m.tokens[0] ?? '');
  if ((m.tokens.length >= 2 && given) || m.gender || (m.role && namesPerson(m.role))) return true;
  if (m.tokens.length >= 2) return registry.speakers.has(m.name.toLowerCase());
  // "Zuckerberg said", "Brink disagreed": a person known by surname alone (not a word that is
  // lowercase elsewhere and capitalised only to open a sentence, "Reporters asked").
  if (registry.speakers.has(first) && !registry.sentenceCapitals.has(first)) return true;
  const full = registry.fullNamesByLast.get(first) ?? [];
  if (full.some((x) => x.kind === 'person')) return true;
  const byFirst = (registry.fullNamesByFirst.get(first) ?? []).filter((x) => x.kind === 'person');
  return new Set(byFirst.map((x) => x.name)).size === 1;
}

/**
 * A role that makes its holder a person: a title or an office ("Sen.", "spokeswoman", "Foreign
 * Minister"), not only the words that may stand before any name ("new", "state", "North").
 */
function namesPerson(role: string): boolean {
  return role
    .toLowerCase()
    .split(/\s+/)
    .some(
      (w) =>
        ROLE_ABBREVIATIONS[w] !== undefined ||
        PERSON_ROLE_HEADS.has(w) ||
        PERSON_NOUNS.has(w) ||
        GENDERED_WORDS[w] !== undefined ||
        RANKS.has(w),
    );
}

/** Ranks and offices before a name that no other list holds ("Lt.", "Detective", "Sheriff"). */
const RANKS: ReadonlySet<string> = new Set(
  'lieutenant sergeant captain admiral colonel major detective constable superintendent inspector commander deputy'.split(
    ' ',
  ),
);

function genderConflicts(m: Mention, registry: Registry, gender: Gender | null): boolean {
  if (!gender) return false;
  const known = genderOf(fullestName(m.tokens, registry, m.para, m.start).name ?? m.name, registry);
  return !!known && known !== gender;
}

const genderCache = new WeakMap<Registry, Map<string, Gender>>();

/**
 * The gender the article gives a person (by the fullest name): an honorific or gendered role
 * ("Ms.", "spokeswoman"), else the pronouns of the sentences where the person is the only one
 * named (that sentence, and the next when it names no one). Null when the article does not tell.
 */
export function genderOf(name: string, registry: Registry): Gender | null {
  let genders = genderCache.get(registry);
  if (!genders) {
    genders = articleGenders(registry);
    genderCache.set(registry, genders);
  }
  return genders.get(name.toLowerCase()) ?? null;
}

function articleGenders(registry: Registry): Map<string, Gender> {
  const votes = new Map<string, PronounCounts>();
  const vote = (key: string, male: number, female: number) => {
    const v = votes.get(key) ?? { male: 0, female: 0 };
    v.male += male;
    v.female += female;
    votes.set(key, v);
  };
  const peopleBySentence = new Map<number, Set<string>>();
  const firstMention = new Map<number, Mention>();
  /** Sentence -> the key of its subject: the first person it names, not as a possessor. */
  const subjects = new Map<number, string>();
  for (const m of registry.mentions) {
    if (m.quoted || m.kind !== 'person') continue;
    const key = (fullestName(m.tokens, registry, m.para, m.start).name ?? m.name).toLowerCase();
    const set = peopleBySentence.get(m.sentence) ?? new Set<string>();
    set.add(key);
    peopleBySentence.set(m.sentence, set);
    if (!firstMention.has(m.sentence)) firstMention.set(m.sentence, m);
    if (!subjects.has(m.sentence) && !m.possessive && isPersonName(m, registry))
      subjects.set(m.sentence, key);
    if (m.gender)
      vote(key, m.gender === 'male' ? HONORIFIC_VOTES : 0, m.gender === 'female' ? HONORIFIC_VOTES : 0);
  }
  const count = (uses: readonly PronounUse[]) => ({
    male: uses.filter((u) => u.gender === 'male').length,
    female: uses.filter((u) => u.gender === 'female').length,
  });
  for (const [sentence, people] of peopleBySentence) {
    if (people.size !== 1) {
      // "Ann Roe met with Bob Dale. She asked him…": a pronoun opening the next sentence, which
      // names no one, continues the subject of the sentence before.
      const subject = subjects.get(sentence);
      if (!subject || peopleBySentence.has(sentence + 1)) continue;
      const opening = (registry.pronounsBySentence.get(sentence + 1) ?? [])[0];
      if (opening?.opensSentence)
        vote(subject, opening.gender === 'male' ? 1 : 0, opening.gender === 'female' ? 1 : 0);
      continue;
    }
    const key = [...people][0] as string;
    const from = firstMention.get(sentence)?.start ?? 0;
    // "Ann Roe said her…": pronouns after the name in its sentence; "She said that…, to which Roe
    // replied" says nothing of Roe. In the next sentence, only one that opens it ("Roe spoke. He…").
    const here = count((registry.pronounsBySentence.get(sentence) ?? []).filter((u) => u.start > from));
    vote(key, here.male, here.female);
    if (!peopleBySentence.has(sentence + 1)) {
      const next = count(
        (registry.pronounsBySentence.get(sentence + 1) ?? []).filter((u) => u.opensSentence),
      );
      vote(key, next.male, next.female);
    }
  }
  const out = new Map<string, Gender>();
  for (const [key, v] of votes) {
    if (v.male > v.female * GENDER_MAJORITY) out.set(key, 'male');
    else if (v.female > v.male * GENDER_MAJORITY) out.set(key, 'female');
  }
  return out;
}

/**
 * Where a description ("the company", "the foreign minister") looks for its name, worked out once
 * per registry: the indexes (into Registry.mentions, in text order) of the organisations not
 * quoted, and of the persons with a role, by each role head word; and, for "the company said", the
 * organisation named most often up to each organisation mention. A scan of every earlier mention
 * for every quotation was quadratic in an article of thousands of names (issue 17).
 */
interface DescriptionIndex {
  organisations: number[];
  byRoleHead: Map<string, number[]>;
  /** Mention indexes of the organisations that count for mainOrganisation, in text order. */
  counted: number[];
  /** The organisation named most often up to and including counted[k] (ties: the later). */
  mainUpTo: string[];
}

const descriptionIndexes = new WeakMap<Registry, DescriptionIndex>();

function descriptionIndex(registry: Registry): DescriptionIndex {
  const known = descriptionIndexes.get(registry);
  if (known) return known;
  const index: DescriptionIndex = { organisations: [], byRoleHead: new Map(), counted: [], mainUpTo: [] };
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  const places = new Set(
    registry.mentions.filter((m) => m.kind === 'place').map((m) => m.name.toLowerCase()),
  );
  registry.mentions.forEach((m, i) => {
    if (m.kind === 'organisation' && !m.quoted) {
      index.organisations.push(i);
      // Only a body by its name's words ("… Agency", "USGS") or one that speaks in the article;
      // not a place or a thing written with "the" ("the United States", "the Highway").
      if (
        (looksLikeOrganisation(m.tokens) || registry.speakers.has(m.name.toLowerCase())) &&
        // a country is not the article's main organisation (organisations.ts)
        !isCountry(m, registry.byInitials, places)
      ) {
        const name = organisationName(m, registry);
        const c = (counts.get(name) ?? 0) + 1;
        counts.set(name, c);
        if (c >= bestCount) {
          best = name;
          bestCount = c;
        }
        index.counted.push(i);
        index.mainUpTo.push(best);
      }
    }
    if (m.kind !== 'person' || !m.role) return;
    const heads = new Set(
      m.role
        .toLowerCase()
        .split(/\s+/)
        .map((w) => ROLE_ABBREVIATIONS[w] ?? w),
    );
    for (const word of heads) {
      if (!PERSON_ROLE_HEADS.has(word)) continue;
      const list = index.byRoleHead.get(word) ?? [];
      list.push(i);
      index.byRoleHead.set(word, list);
    }
  });
  descriptionIndexes.set(registry, index);
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
  definite = false,
): Speaker {
  const head = stripPossessive(words[words.length - 1]?.lower ?? '');
  const description = words.map((w) => w.text).join(' ');
  if (DOCUMENT_HEADS.has(head)) return documentIssuer(head, description, registry, para, index);
  const orgKeys = ORGANISATION_HEADS[head];
  // "the observatory", "the command": an organisation named earlier with that word in its name.
  const named =
    head.length > 3 ? nearestOrganisation(registry, para, index, (m) => hasToken(m, [head])) : null;
  if (named) return { name: organisationName(named, registry), role: null };
  if (orgKeys) {
    const keyed = orgKeys.length
      ? nearestOrganisation(registry, para, index, (m) => hasToken(m, orgKeys))
      : null;
    if (keyed) return { name: organisationName(keyed, registry), role: null };
    // "the company said", "the firm said": the organisation the article is about, the one it has
    // named most so far. Not for a body of a kind the text names by its words ("the ministry",
    // "the agency": none named so far is one), nor for a document ("the statement said": its
    // issuer is whoever issued it).
    const main = orgKeys.length && head !== 'agency' ? null : mainOrganisation(registry, para, index);
    if (main) return { name: main, role: null };
    return { name: null, role: description };
  }
  if (PERSON_ROLE_HEADS.has(head)) {
    // A person whose role, as the article gave it, has the same head word ("Foreign Minister").
    const modifiers = words.slice(0, -1).map((w) => w.lower);
    let best: Mention | undefined;
    let bestScore = 0;
    // the persons whose role has this head word, nearest first, at most DESCRIPTION_REACH_MENTIONS
    const withHead = descriptionIndex(registry).byRoleHead.get(head) ?? [];
    const from = lastBefore(withHead, registry, para, index);
    for (let k = from; k >= 0 && from - k < DESCRIPTION_REACH_MENTIONS; k--) {
      const m = registry.mentions[withHead[k] as number];
      if (m?.kind !== 'person' || !m.role) continue;
      const roleWords = m.role
        .toLowerCase()
        .split(/\s+/)
        .map((w) => ROLE_ABBREVIATIONS[w] ?? w);
      if (!roleWords.includes(head)) continue;
      // "the CEO" is the one in office: not "former CEO Bob Iger", unless it says "the former CEO".
      if (roleWords.some((w) => PAST_ROLE_WORDS.has(w)) && !modifiers.some((w) => PAST_ROLE_WORDS.has(w)))
        continue;
      const score = 1 + modifiers.filter((x) => roleWords.includes(x)).length;
      if (score > bestScore) {
        best = m;
        bestScore = score;
        // none further back can beat a score that every modifier counts in
        if (score === 1 + modifiers.length) break;
      }
    }
    if (best) {
      const found = fullestName(best.tokens, registry, best.para, best.start);
      return { name: found.name, role: found.role ?? best.role };
    }
  }
  // "the 23-time champion", "the Estonian", "the singer": a person the article has in focus,
  // as "he" or "she" would be; a possessive description ("her father") is someone else.
  const last = words[words.length - 1];
  if (definite && last && isPersonNoun(last)) {
    const gender = GENDERED_WORDS[head] ?? null;
    const focus = resolvePronoun('person', registry, para, index, gender);
    if (focus.name) return { name: focus.name, role: description };
  }
  return { name: null, role: description };
}

/** Words that put a role in the past ("former CEO", "the late senator"). */
const PAST_ROLE_WORDS: ReadonlySet<string> = new Set(['former', 'then', 'onetime', 'erstwhile', 'late']);

/**
 * "the statement said": whoever the text last named as issuing one ("Speaker Roe said in a
 * statement", "a statement provided by Dale Holdings"), in this paragraph or the one before; else
 * no one.
 */
function documentIssuer(
  head: string,
  description: string,
  registry: Registry,
  para: number,
  index: number,
): Speaker {
  for (let i = lastMentionBefore(registry, para, index); i >= 0; i--) {
    const m = registry.mentions[i] as Mention;
    if (para - m.para > DOCUMENT_REACH_PARAGRAPHS) break;
    if (m.quoted || m.kind === 'place' || !m.near.includes(head)) continue;
    if (m.kind === 'organisation') return { name: organisationName(m, registry), role: null };
    // "Speaker Pelosi said in a statement": the role picks the family member, as it does for a source
    const roleWords = (m.role ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return fullestName(
      m.tokens,
      registry,
      m.para,
      m.start,
      roleWords.map((w) => ROLE_ABBREVIATIONS[w] ?? w),
    );
  }
  return { name: null, role: description };
}

function hasToken(m: Mention, keys: readonly string[]): boolean {
  return m.tokens.some((t) => keys.includes(t.toLowerCase()));
}

/** The nearest organisation before the position that passes `test`. */
function nearestOrganisation(
  registry: Registry,
  para: number,
  index: number,
  test: (m: Mention) => boolean,
): Mention | null {
  const organisations = descriptionIndex(registry).organisations;
  const from = lastBefore(organisations, registry, para, index);
  for (let k = from; k >= 0 && from - k < DESCRIPTION_REACH_MENTIONS; k--) {
    const m = registry.mentions[organisations[k] as number];
    if (m && test(m)) return m;
  }
  return null;
}

function organisationName(m: Mention, registry: Registry): string {
  const fuller = fullestName(m.tokens, registry, m.para, m.start).name ?? m.name;
  return fuller.split(' ').length > m.name.split(' ').length ? fuller : m.name;
}

/** The organisation named most often before the position (ties: the later), by its fullest name. */
function mainOrganisation(registry: Registry, para: number, index: number): string | null {
  const { counted, mainUpTo } = descriptionIndex(registry);
  return mainUpTo[lastBefore(counted, registry, para, index)] ?? null;
}
