// Resolution: the fullest form of a name the article gives for THIS person ("Lavrov" ->
// "Sergey Lavrov"), among the names the registry holds.
import { ROLE_ABBREVIATIONS } from './lexicon.js';
import { isBefore, looksLikeOrganisation, type Mention, type Registry } from './registry.js';

/** The mention nearest before a position, else the first after it. */
function nearest(list: readonly Mention[], para: number, index: number): Mention | undefined {
  let best: Mention | undefined;
  for (const m of list) if (isBefore(m, para, index)) best = m;
  return best ?? list[0];
}

/**
 * What fullestName asks of a list of mentions, worked out once per list (a registry's lists do not
 * change once built): asking it again for every quotation rescanned every mention, quadratic in a
 * name repeated thousands of times (2.5-4.3 s for one file, issue 17).
 */
interface ListSummary {
  /** The mentions, in text order, that win on count: the names mentioned most often, and of those
   * the ones the article gives a title, when any has one. */
  leaders: Mention[];
  /** Lowercase first token -> the first mention with the most tokens among those starting with it. */
  longestByFirst: Map<string, Mention>;
  /** How many different names the list holds. */
  distinctNames: number;
}

/**
 * The list of a name no mention has: one shared list, so its summary is worked out once (a fresh
 * empty list per question was a new entry in the summaries' WeakMap each time, work for the
 * garbage collector at every pronoun and quotation). Its summary is empty whatever the registry.
 */
const NO_MENTIONS: readonly Mention[] = Object.freeze([]);

const summaries = new WeakMap<readonly Mention[], ListSummary>();
/** The role-filtered pools of a list ("Speaker Pelosi"), by the role words, once per list and words. */
const rolePools = new WeakMap<readonly Mention[], Map<string, Mention[]>>();

function summaryOf(list: readonly Mention[], registry: Registry): ListSummary {
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
  const most = list.filter((m) => counts.get(m.name.toLowerCase()) === top);
  // Ties: one the article gives a title ("President Donald Trump", not "his daughter, Ivanka
  // Trump") beats one without, wherever it stands.
  const titled = most.filter((m) => registry.roleByName.has(m.name.toLowerCase()));
  const summary: ListSummary = {
    leaders: titled.length ? titled : most,
    longestByFirst,
    distinctNames: counts.size,
  };
  summaries.set(list, summary);
  return summary;
}

/**
 * The person a bare surname names when several share it ("Trump" after "Donald Trump" and
 * "Ivanka Trump"): one whose role the phrase repeats ("Speaker Pelosi"), else the one mentioned
 * most often, the one the text keeps in focus; among equals the titled one, then the one the text
 * last put in focus before the position (a binary search in the list's summary).
 */
function mostMentioned(
  list: readonly Mention[],
  registry: Registry,
  para: number,
  index: number,
  roleWords: readonly string[],
): Mention | undefined {
  let pool = list;
  if (roleWords.length) {
    const key = roleWords.join(' ').toLowerCase();
    let pools = rolePools.get(list);
    if (!pools) {
      pools = new Map();
      rolePools.set(list, pools);
    }
    let same = pools.get(key);
    if (!same) {
      same = list.filter((m) => roleOverlaps(registry.roleByName.get(m.name.toLowerCase()), roleWords));
      pools.set(key, same);
    }
    if (same.length) pool = same;
  }
  const leaders = summaryOf(pool, registry).leaders;
  let lo = 0;
  let hi = leaders.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(leaders[mid] as Mention, para, index)) lo = mid + 1;
    else hi = mid;
  }
  return leaders[lo - 1] ?? leaders[0] ?? nearest(pool, para, index);
}

function roleOverlaps(role: string | undefined, words: readonly string[]): boolean {
  if (!role) return false;
  const have = role
    .toLowerCase()
    .split(/\s+/)
    .map((w) => ROLE_ABBREVIATIONS[w] ?? w);
  return words.some((w) => have.includes(w.toLowerCase()));
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
  roleWords: readonly string[] = [],
): Speaker {
  const asWritten = tokens.join(' ');
  const last = (tokens[tokens.length - 1] ?? '').toLowerCase();
  let chosen: Mention | undefined;
  const sameLast = registry.fullNamesByLast.get(last) ?? NO_MENTIONS;
  // "Cal Fire", "HRW": a short form the article defined in brackets, else initials it can stand for
  const acronym =
    registry.shortForms.get(asWritten) ??
    (tokens.length === 1 ? registry.byInitials.get(tokens[0] ?? '') : undefined);
  if (acronym) {
    // "IFS" after "the Institute for Fiscal Studies": the name the initials stand for.
    chosen = acronym;
  } else if (tokens.length === 1) {
    chosen = mostMentioned(sameLast, registry, para, index, roleWords);
    if (!chosen) {
      const byFirst = registry.fullNamesByFirst.get(last) ?? NO_MENTIONS;
      if (byFirst.length && summaryOf(byFirst, registry).distinctNames === 1) chosen = byFirst[0];
    }
  } else {
    // "Sergey Lavrov" may also appear as "Sergey V. Lavrov": take the longest with the same ends.
    const longest = summaryOf(sameLast, registry).longestByFirst.get((tokens[0] ?? '').toLowerCase());
    if (longest && longest.tokens.length > tokens.length) chosen = longest;
    // "US Court" cut from "the US Court of Appeals for the District of Columbia Circuit"
    else chosen = bodyStartingWith(tokens, registry);
  }
  // The initials as the article wrote them stay with the name ("Institute for Fiscal Studies
  // (IFS)"): a reader, and a search for "IFS", knows it either way.
  const name = chosen ? (acronym ? `${chosen.name} (${asWritten})` : chosen.name) : asWritten;
  const role =
    registry.roleByName.get((chosen?.name ?? name).toLowerCase()) ??
    registry.roleByName.get(asWritten.toLowerCase()) ??
    null;
  return { name, role };
}

/**
 * The longest body's name that starts with all of `tokens` ("US Court" -> "US Court of Appeals for
 * the District of Columbia Circuit"): a source phrase cut at "of" or "for" keeps only the start of
 * a name the article wrote in full. Not when the article writes those tokens as a body by
 * themselves ("White House", and elsewhere "White House Office of Legislative Affairs").
 */
function bodyStartingWith(tokens: readonly string[], registry: Registry): Mention | undefined {
  const lower = tokens.map((t) => t.toLowerCase());
  // "Paul Hickey" of "Paul Hickey of Bespoke Investment Group" is a person, not the body
  if (!looksLikeOrganisation(tokens)) return undefined;
  const bodies = bodiesByFirst(registry).get(lower[0] ?? '') ?? NO_MENTIONS;
  // "White House" written by itself, of any kind, is a name of its own, not "White House Office of …"
  const key = lower.join(' ');
  const sameLast = registry.fullNamesByLast.get(lower[lower.length - 1] ?? '') ?? NO_MENTIONS;
  if (sameLast.some((m) => m.tokens.join(' ').toLowerCase() === key)) return undefined;
  let best: Mention | undefined;
  for (const m of bodies) {
    if (m.tokens.length <= tokens.length) continue;
    if (!lower.every((t, i) => (m.tokens[i] ?? '').toLowerCase() === t)) continue;
    if (!best || m.tokens.length > best.tokens.length) best = m;
  }
  return best;
}

/**
 * Lowercase first token -> the organisations of two or more tokens, once per registry: the first
 * mention of each distinct name only (bodyStartingWith keeps the first of equal names anyway), so
 * a name repeated thousands of times costs one entry, not one per mention (linear, not quadratic).
 */
const bodyIndexes = new WeakMap<Registry, Map<string, Mention[]>>();

function bodiesByFirst(registry: Registry): Map<string, Mention[]> {
  const known = bodyIndexes.get(registry);
  if (known) return known;
  const out = new Map<string, Mention[]>();
  const seen = new Set<string>();
  for (const m of registry.mentions) {
    if (m.kind !== 'organisation' || m.tokens.length < 2) continue;
    const key = m.tokens.join(' ').toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const first = (m.tokens[0] ?? '').toLowerCase();
    const list = out.get(first) ?? [];
    list.push(m);
    out.set(first, list);
  }
  bodyIndexes.set(registry, out);
  return out;
}
