// Resolution: the fullest form of a name the article gives for THIS person ("Lavrov" ->
// "Sergey Lavrov"), among the names the registry holds.
import { ROLE_ABBREVIATIONS } from './lexicon.js';
import { isBefore, type Mention, type Registry } from './registry.js';

/** The mention nearest before a position, else the first after it. */
function nearest(list: readonly Mention[], para: number, index: number): Mention | undefined {
  let best: Mention | undefined;
  for (const m of list) if (isBefore(m, para, index)) best = m;
  return best ?? list[0];
}

/**
 * The person a bare surname names when several share it ("Trump" after "Donald Trump" and
 * "Ivanka Trump"): one whose role the phrase repeats ("Speaker Pelosi"), else the one mentioned
 * most often, the one the text keeps in focus (ties below).
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
    const same = list.filter((m) => roleOverlaps(registry.roleByName.get(m.name.toLowerCase()), roleWords));
    if (same.length) pool = same;
  }
  const counts = new Map<string, number>();
  for (const m of pool) counts.set(m.name.toLowerCase(), (counts.get(m.name.toLowerCase()) ?? 0) + 1);
  // Ties: one the article gives a title ("President Donald Trump", not "his daughter, Ivanka
  // Trump"), else the one the text last put in focus, nearest before the position.
  const titled = (m: Mention) => (registry.roleByName.has(m.name.toLowerCase()) ? 1 : 0);
  let best: Mention | undefined;
  let bestCount = 0;
  for (const m of pool) {
    const c = counts.get(m.name.toLowerCase()) ?? 0;
    const rank = best ? titled(m) - titled(best) : 1;
    if (c > bestCount || (c === bestCount && (rank > 0 || (rank === 0 && isBefore(m, para, index))))) {
      best = m;
      bestCount = c;
    }
  }
  return best ?? nearest(pool, para, index);
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
  const sameLast = registry.fullNamesByLast.get(last) ?? [];
  const acronym = tokens.length === 1 ? registry.byInitials.get(tokens[0] ?? '') : undefined;
  if (acronym) {
    // "IFS" after "the Institute for Fiscal Studies": the name the initials stand for.
    chosen = acronym;
  } else if (tokens.length === 1) {
    chosen = mostMentioned(sameLast, registry, para, index, roleWords);
    if (!chosen) {
      const byFirst = registry.fullNamesByFirst.get(last) ?? [];
      const distinct = new Set(byFirst.map((m) => m.name));
      if (distinct.size === 1) chosen = byFirst[0];
    }
  } else {
    // "Sergey Lavrov" may also appear as "Sergey V. Lavrov": take the longest with the same ends.
    const firstLower = (tokens[0] ?? '').toLowerCase();
    for (const m of sameLast) {
      if (
        (m.tokens[0] ?? '').toLowerCase() === firstLower &&
        m.tokens.length > (chosen?.tokens.length ?? tokens.length)
      )
        chosen = m;
    }
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
