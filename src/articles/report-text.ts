// File names and values from the articles folder, made safe to put in a report line: a file name
// may hold a newline (forging a report line), an escape sequence or a bidi override. Each such
// character is shown as an escape (`\n`, `\u001b`, `\u202e`), so the line says what the name is.

/**
 * Characters that change a line rather than show in it: C0 and C1 controls, DEL, the line and
 * paragraph separators, and the bidi controls (embeddings, overrides, isolates, marks).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `text` with every control, separator and bidi character written as an escape. */
export function reportText(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** How much of a contributor's value a report quotes (a date, a key): enough to find it. */
export const REPORT_VALUE_MAX_CHARS = 60;

/** A value from a file, quoted for a report: escaped (reportText) and cut at REPORT_VALUE_MAX_CHARS. */
export function reportValue(value: string): string {
  const cut = value.length > REPORT_VALUE_MAX_CHARS ? `${value.slice(0, REPORT_VALUE_MAX_CHARS)}…` : value;
  return `"${reportText(cut)}"`;
}
