// The shape of what loading a file makes, checked where it comes from outside this thread's own
// code path (issue 17): a file record read back from the warm-start cache (library/cache.ts), and a
// parse worker's outcome (parse-pool.ts). The cache's digests catch damage, not intent, and a
// worker's message is rebuilt from pieces (outcome-pieces.ts), so each is checked field by field
// before it is used: a record that is not exactly what loading a file makes (a problem without its
// file, a title that is not a string, a quotation pointing past the paragraphs) sends the start back
// to the files, or the file to this thread's parse, instead of failing the start or reaching a reply.
import type { FileOutcome } from './parse-pool.js';
import type { Problem } from './types.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown) => v === null || typeof v === 'string';
const isStrings = (v: unknown) => Array.isArray(v) && v.every(isString);
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Whether `value` is a Problem as loading makes them: the file it names (a path under the seeds
 * folder, never empty), the reason (never empty) and the severity. `check` and /reload print the
 * first two of every problem (issue 17: one without its file made `check` throw).
 */
export function isProblem(value: unknown): value is Problem {
  return (
    isObject(value) &&
    isString(value.file) &&
    value.file !== '' &&
    isString(value.reason) &&
    value.reason !== '' &&
    (value.severity === 'skipped' || value.severity === 'warning')
  );
}

const isHash = (v: unknown) => isString(v) && /^[0-9a-f]{40}$/.test(v);

/** Why `article` is not an article as parse.ts makes them (for the file `file`), or null. */
function invalidArticleReason(article: unknown, file: string): string | null {
  if (!isObject(article)) return 'an article is not an object';
  const a = article;
  // parse.ts writes the path with "/" for each "\" ("a\b.txt" -> "a/b.txt"), as in its id
  if (a.file !== file.split(/[\\/]+/).join('/')) return 'an article of another file';
  for (const key of ['id', 'title', 'summary'] as const)
    if (!isString(a[key])) return `the ${key} of ${file}`;
  for (const key of ['section', 'date', 'url', 'author', 'standfirst'] as const)
    if (!isNullableString(a[key])) return `the ${key} of ${file}`;
  if (a.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(a.date as string)) return `the date of ${file}`;
  for (const key of ['tags', 'headings', 'paragraphs', 'links'] as const)
    if (!isStrings(a[key])) return `the ${key} of ${file}`;
  const paragraphs = (a.paragraphs as string[]).length;
  if (a.headingBefore !== undefined) {
    const before = a.headingBefore;
    if (!Array.isArray(before) || !before.every((n) => isCount(n) && n <= paragraphs))
      return `the headings of ${file}`;
  }
  if (a.credits !== undefined) {
    const credits = a.credits;
    if (
      !Array.isArray(credits) ||
      !credits.every((c) => isObject(c) && isString(c.text) && isStrings(c.links))
    )
      return `the photo credits of ${file}`;
  }
  // furniture is read by the index (captions), the pages and `check --json`: an entry without its
  // text or its place would fail them, so it is checked as the rest
  if (a.furniture !== undefined) {
    const furniture = a.furniture;
    if (
      !Array.isArray(furniture) ||
      !furniture.every(
        (f) =>
          isObject(f) &&
          isString(f.kind) &&
          isString(f.text) &&
          isCount(f.before) &&
          (f.before as number) <= paragraphs,
      )
    )
      return `the furniture of ${file}`;
  }
  if (!Array.isArray(a.quotes)) return `the quotations of ${file}`;
  for (const q of a.quotes as unknown[]) {
    if (
      !isObject(q) ||
      !isString(q.text) ||
      !isNullableString(q.speaker) ||
      !isNullableString(q.role) ||
      !isNullableString(q.rule) ||
      !isCount(q.paragraph) ||
      (q.paragraph as number) >= Math.max(1, paragraphs)
    )
      return `the quotations of ${file}`;
  }
  return null;
}

/** Why `record` is not a file record as load.ts makes them, or null when it is one. */
export function invalidRecordReason(record: unknown): string | null {
  if (!isObject(record)) return 'a record is not an object';
  const r = record;
  if (!isString(r.file) || !r.file) return 'a record without a file';
  if (!isCount(r.size) || typeof r.mtimeMs !== 'number' || !Number.isFinite(r.mtimeMs))
    return `the size or time of ${r.file}`;
  if (r.hash !== null && !isHash(r.hash)) return `the hash of ${r.file}`;
  if (!Array.isArray(r.problems) || !r.problems.every(isProblem)) return `the problems of ${r.file}`;
  if (r.article === null) return null;
  if (r.hash === null) return `an article without a hash in ${r.file}`;
  return invalidArticleReason(r.article, r.file);
}

/**
 * Why `outcome` is not a FileOutcome as parse-pool.ts's readAndParse makes them for `file`, or null
 * when it is one: a parse worker's outcome, rebuilt on this thread from its pieces, before it
 * becomes the file's record. A parsed file's problems all name `file`, as parseArticle makes them.
 */
export function invalidOutcomeReason(outcome: unknown, file: string): string | null {
  if (!isObject(outcome)) return 'an outcome is not an object';
  const o = outcome as Partial<
    Record<keyof FileOutcome | 'reason' | 'hash' | 'parsed' | 'analysis', unknown>
  >;
  if (!isCount(o.size) || typeof o.mtimeMs !== 'number' || !Number.isFinite(o.mtimeMs))
    return `the size or time of ${file}`;
  switch (o.kind) {
    case 'refused':
      return isString(o.reason) && o.reason !== '' ? null : `the reason ${file} was refused`;
    case 'unchanged':
      return isHash(o.hash) ? null : `the hash of ${file}`;
    case 'parsed': {
      if (!isHash(o.hash)) return `the hash of ${file}`;
      // a parse worker's index analysis is text (see AnalyseArticle), read again on this side
      if (o.analysis !== undefined && o.analysis !== null && typeof o.analysis !== 'string')
        return `the index analysis of ${file}`;
      const parsed = o.parsed;
      if (!isObject(parsed) || !Array.isArray(parsed.problems)) return `the problems of ${file}`;
      if (!parsed.problems.every((p) => isProblem(p) && p.file === file)) return `the problems of ${file}`;
      return parsed.article === null ? null : invalidArticleReason(parsed.article, file);
    }
    default:
      return `the kind of outcome of ${file}`;
  }
}
