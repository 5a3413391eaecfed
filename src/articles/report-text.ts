// Values from the articles folder, quoted in a report line: a value may hold a newline (forging a
// report line), an escape sequence or a bidi override; shown-text.ts's oneLine writes each as an escape.
import { oneLine } from '../shown-text.js';
import { cutText } from './text.js';

/** How much of a contributor's value a report quotes (a date, a key): enough to find it. */
export const REPORT_VALUE_MAX_CHARS = 60;

/** A value from a file, quoted for a report: escaped (oneLine) and cut at REPORT_VALUE_MAX_CHARS. */
export function reportValue(value: string): string {
  const cut = value.length > REPORT_VALUE_MAX_CHARS ? `${cutText(value, REPORT_VALUE_MAX_CHARS)}…` : value;
  return `"${oneLine(cut)}"`;
}
