import type { Article } from '../articles/types.js';

/**
 * Articles in a search's answer travel between threads as references: both sides hold the same
 * articles (the main thread its live snapshot, the worker its copy), so the worker sends an
 * article's id and the main thread puts its own Article back. A /search answer names up to 50
 * articles and their stories' other reports, several megabytes as copies: copying them back would
 * cost the main thread more than the search saves it.
 */
const REF = '\u0000article';

type Ref = { [REF]: string };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** `value` with every article of the snapshot (`isArticle`) replaced by a reference. */
export function toRefs(value: unknown, isArticle: (value: Record<string, unknown>) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => toRefs(v, isArticle));
  if (!isPlainObject(value)) return value;
  if (isArticle(value)) return { [REF]: value.id as string } satisfies Ref;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = toRefs(v, isArticle);
  return out;
}

/** A reference to an article the main thread's snapshot does not have (removed by a reload the workers have not caught up with). */
export class UnknownArticle extends Error {
  override name = 'UnknownArticle';
}

/** `value` with every reference replaced by `article(id)`; throws UnknownArticle when one is not there. */
export function fromRefs(value: unknown, article: (id: string) => Article | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => fromRefs(v, article));
  if (!isPlainObject(value)) return value;
  if (REF in value) {
    const id = value[REF] as string;
    const found = article(id);
    if (!found) throw new UnknownArticle(`no article ${id} in the live snapshot`);
    return found;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = fromRefs(v, article);
  return out;
}
