// Pronouns and descriptions: the person (or organisation) "he", "she", "they", "the foreign
// minister" or "the newspaper" stands for.
import { ORGANISATION_HEADS, PERSON_ROLE_HEADS } from './lexicon.js';
import { type EntityKind, lastMentionBefore, type Mention, type Registry } from './registry.js';
import { fullestName, type Speaker } from './resolution.js';
import { GROUP_PRONOUN_REACH_PARAGRAPHS, PRONOUN_REACH_PARAGRAPHS } from './tuning.js';
import { stripPossessive, type Word } from './words.js';

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
    if (!m || m.quoted || m.kind !== wanted) continue;
    if (para - m.para > PRONOUN_REACH_PARAGRAPHS) break;
    if (kind === 'group' && para - m.para > GROUP_PRONOUN_REACH_PARAGRAPHS) break;
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
    for (let i = lastMentionBefore(registry, para, index); i >= 0; i--) {
      const m = registry.mentions[i];
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
    for (let i = lastMentionBefore(registry, para, index); i >= 0; i--) {
      const m = registry.mentions[i];
      if (m?.kind !== 'person' || !m.role) continue;
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
