// YAML front matter, read as a hostile contributor may write it: bounded in size, duplicate keys
// found in one pass, the parser's warnings kept in the problem report (never printed), and every
// field checked for its type, so a map, a list, Infinity or true never becomes a title, a date or a
// link ("[object Object]", "Infinity").
import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { reportValue } from './report-text.js';
import type { Problem } from './types.js';

/**
 * The longest front matter read (characters between the `---` lines); longer is refused and the
 * file skipped. The fields read (title, date, url, author, tags) take a few hundred characters: in
 * the dev corpus with front matter (RealTime QA, 1,980 files) the longest is 572 characters. The
 * YAML parser costs about 2 µs a character even on simple input, so without a bound a 1 MiB
 * header would hold a reload for seconds; at this size the worst header measured (16 KB of keys,
 * of nesting, of aliases) parses in under 100 ms of CPU on a loaded machine.
 */
export const FRONT_MATTER_MAX_CHARS = 16_384;

type Yaml = typeof import('yaml');
let yamlModule: Yaml | null = null;
/**
 * The YAML parser, loaded at its first use: most headers are read by plainFrontMatter, and a folder
 * without front matter (the BBC's) never needs it, while loading it costs each thread that parses
 * about 70 ms of CPU (measured). Synchronous, as parsing is: the package's CommonJS build.
 */
function yaml(): Yaml {
  yamlModule ??= createRequire(import.meta.url)('yaml') as Yaml;
  return yamlModule;
}

/** The header fields of a front matter, each checked for its type (null: absent or refused). */
export interface FrontMatter {
  title: string | null;
  /** A string, a number or a Date as YAML gave it, for normalizeDate; null when absent or refused. */
  date: unknown;
  url: string | null;
  author: string | null;
  tags: string[];
}

/** What a YAML value is, in words, for a message: "a map", "a list", "true", "Infinity". */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a timestamp';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'Infinity';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') return 'a map';
  return typeof value;
}

const isText = (v: unknown): v is string | number =>
  typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The first line of a YAML error or warning (the rest is the front-matter line it points at, which
 * stays out of reports and logs).
 */
const firstLine = (message: string) => message.split('\n')[0]?.replace(/:$/, '') ?? '';

/**
 * A line of the simplest front matter: a plain key, a colon, spaces and a one-line value (most
 * headers are nothing else: "title: Mercedes Eqe Amg", "url: https://…").
 */
const PLAIN_LINE = /^([A-Za-z][A-Za-z0-9_]*): +(\S(?:.*\S)?)$/;

/**
 * Values that YAML (1.2, the core schema `parseDocument` uses) might read as something other than
 * the same text: a first character that opens a quotation, a flow list or map, an anchor, alias,
 * tag, block scalar, comment, directive or list entry ("-", "?", ":" too), or that may begin a
 * number, null or infinity ("+1", ".5", "~"); a " #" comment or a ": " map inside; a colon at the
 * end; a tab, a control character, a line or paragraph separator, a byte-order mark or a
 * surrogate (left to the parser, which knows what it allows).
 */
const NOT_PLAIN_TEXT =
  /^[-?:,[\]{}#&*!|>'"%@`+.~0-9]| #|: |:$|[\t\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]/;

/** Words YAML's core schema reads as true, false or null rather than text. */
const YAML_WORDS = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE|[Nn]ull|NULL)$/;

/** A date written YYYY-MM-DD: text in YAML's core schema (no timestamps there), and safe to read so. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The front matter as `{ key: text }` when every line is `key: value` with a plain value that YAML
 * reads as that same text and no key comes twice; null for anything else, which the YAML parser
 * reads. The same fields as the parser gives (tests/unit/articles/front-matter.test.ts compares
 * them), for a fraction of its cost: the parser was most of reading a CNN page's header.
 */
export function plainFrontMatter(source: string): Record<string, string> | null {
  const fields: Record<string, string> = Object.create(null);
  for (const line of source.split('\n')) {
    const m = PLAIN_LINE.exec(line);
    if (!m) return null;
    const [, key, value] = m as unknown as [string, string, string];
    if (Object.hasOwn(fields, key) || YAML_WORDS.test(value)) return null;
    if (NOT_PLAIN_TEXT.test(value) && !PLAIN_DATE.test(value)) return null;
    fields[key] = value;
  }
  return fields;
}

/**
 * Reads the YAML between the `---` lines. Null (with a skipped problem) when it is too long, not
 * YAML, or gives a key twice in one map; each field of another type than its own is left out with a
 * warning naming the field and what it was.
 */
export function readFrontMatter(file: string, source: string, problems: Problem[]): FrontMatter | null {
  const skip = (reason: string) => {
    problems.push({ file, reason, severity: 'skipped' });
    return null;
  };
  if (source.length > FRONT_MATTER_MAX_CHARS)
    return skip(
      `front matter too long (${source.length} characters; at most ${FRONT_MATTER_MAX_CHARS.toLocaleString('en-US')})`,
    );
  const plain = plainFrontMatter(source);
  let meta: unknown = plain;
  if (!plain) {
    const { LineCounter, parseDocument } = yaml();
    const lineCounter = new LineCounter();
    try {
      // uniqueKeys: the parser's own check compares each key with every earlier one (quadratic:
      // 62,000 keys took over a minute); duplicateKey below does it in one pass
      const doc = parseDocument(source, { uniqueKeys: false, lineCounter });
      const error = doc.errors[0];
      if (error) return skip(`invalid YAML front matter: ${firstLine(error.message)}`);
      const duplicate = duplicateKey(doc, lineCounter);
      if (duplicate) return skip(`invalid YAML front matter: ${duplicate}`);
      for (const warning of doc.warnings)
        problems.push({
          file,
          reason: `YAML front matter: ${firstLine(warning.message)}`,
          severity: 'warning',
        });
      meta = doc.toJS();
    } catch (error) {
      // toJS: an alias to nothing, too many aliases; the parser: nesting deeper than the stack
      const detail = error instanceof Error ? firstLine(error.message) : String(error);
      return skip(`invalid YAML front matter: ${detail}`);
    }
  }
  const fields = (meta && typeof meta === 'object' && !Array.isArray(meta) ? meta : {}) as Record<
    string,
    unknown
  >;
  const refuse = (name: string, value: unknown, what: string) => {
    problems.push({
      file,
      reason: `front-matter ${name} is ${describe(value)}, not ${what}; left out`,
      severity: 'warning',
    });
  };
  /** A text field: a string or a finite number; `lists` joins a list of those ("authors"). */
  const text = (name: string, value: unknown, lists = false): string | null => {
    if (value === null || value === undefined) return null;
    if (isText(value)) return String(value).trim() || null;
    if (lists && Array.isArray(value) && value.every(isText))
      return value.map(String).join(', ').trim() || null;
    refuse(name, value, 'text');
    return null;
  };
  const dateValue = fields.date;
  let date: unknown = null;
  if (isText(dateValue) || (dateValue instanceof Date && !Number.isNaN(dateValue.getTime())))
    date = dateValue;
  else if (dateValue !== null && dateValue !== undefined) refuse('date', dateValue, 'a date');
  const urlName = fields.url !== undefined && fields.url !== null ? 'url' : 'link';
  const authorName = fields.author !== undefined && fields.author !== null ? 'author' : 'authors';
  return {
    title: text('title', fields.title),
    date,
    url: text(urlName, fields[urlName]),
    author: text(authorName, fields[authorName], true),
    tags: tagsOf(fields.tags, refuse),
  };
}

/** Tags: a list of words or a comma-separated string; anything else in them is left out. */
function tagsOf(value: unknown, refuse: (name: string, value: unknown, what: string) => void): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string')
    return value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  if (!Array.isArray(value)) {
    refuse('tags', value, 'a list of words');
    return [];
  }
  const odd = value.find((t) => !isText(t));
  if (odd !== undefined) refuse('tags entry', odd, 'a word');
  return value
    .filter(isText)
    .map((t) => String(t).trim())
    .filter(Boolean);
}

/** "Map keys must be unique: "k" at line 3" for the first key given twice in one map, else null. */
function duplicateKey(doc: Document.Parsed, lines: LineCounter): string | null {
  const { isScalar, visit } = yaml();
  let found: string | null = null;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        // scalar keys by value (a complex key, a map or a list as a key, is left to the parser)
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) {
          const line = pair.key.range ? lines.linePos(pair.key.range[0]).line : null;
          found = `Map keys must be unique: ${reportValue(String(key))}${line ? ` at line ${line}` : ''}`;
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}
