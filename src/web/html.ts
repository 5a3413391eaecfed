import { displayText } from '../shown-text.js';

/**
 * HTML built from templates whose every interpolated value is escaped unless it is itself Html:
 * a page cannot carry markup from an article, a query or a file name by mistake.
 */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text as it must appear in HTML content or a quoted attribute: control and bidi characters
 * removed (displayText), markup characters escaped.
 */
export function escapeHtml(text: string): string {
  return displayText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

/** The tagged template: html`<p>${text}</p>` escapes `text`; nested html`` and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}
