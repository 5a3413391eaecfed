// Resolution: the fullest form of a name the article gives for THIS person ("Lavrov" ->
// "Sergey Lavrov"), among the names the registry holds.
import { isBefore, type Mention, type Registry } from './registry.js';

/** The mention nearest before a position, else the first after it. */
function nearest(list: readonly Mention[], para: number, index: number): Mention | undefined {
  let best: Mention | undefined;
  for (const m of list) if (isBefore(m, para, index)) best = m;
  return best ?? list[0];
}

/** The name mentioned most often in the list (ties: the nearest before the position). */
function mostMentioned(list: readonly Mention[], para: number, index: number): Mention | undefined {
  const counts = new Map<string, number>();
  for (const m of list) counts.set(m.name.toLowerCase(), (counts.get(m.name.toLowerCase()) ?? 0) + 1);
  let best: Mention | undefined;
  let bestCount = 0;
  for (const m of list) {
    const c = counts.get(m.name.toLowerCase()) ?? 0;
    if (c > bestCount || (c === bestCount && isBefore(m, para, index))) {
      best = m;
      bestCount = c;
    }
  }
  return best ?? nearest(list, para, index);
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
  const acronym = tokens.length === 1 ? registry.byInitials.get(tokens[0] ?? '') : undefined;
  if (acronym) {
    // "IFS" after "the Institute for Fiscal Studies": the name the initials stand for.
    chosen = acronym;
  } else if (tokens.length === 1) {
    chosen = mostMentioned(sameLast, para, index);
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
  const name = chosen ? chosen.name : asWritten;
  const role =
    registry.roleByName.get(name.toLowerCase()) ?? registry.roleByName.get(asWritten.toLowerCase()) ?? null;
  return { name, role };
}
