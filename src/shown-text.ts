// Text from articles, file names and questions, made safe for where it is shown. Contributors write
// the articles and name the files, so their text may carry characters that act instead of showing:
// control characters and terminal escape sequences (clear the screen, set the window title, hide a
// link behind other text with OSC 8), and bidi controls that reorder what follows (`gnp.exe` shown
// as `exe.png`). One helper per destination; each destination calls its own, once, where text
// lands (web pages: escapeHtml; Discord: reply() and the autocomplete choices; the terminal:
// renderReply, `check` and the JSON lines).

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): the characters that
 * reorder the text after them, the "Trojan Source" set (CVE-2021-42574; Rust's
 * text_direction_codepoint lints). The marks (LRM, RLM, ALM) stay: they only nudge neutral
 * characters and right-to-left text needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;

/** C0 controls but tab and newline, DEL, and the C1 controls (U+0080–U+009F: U+009B is a CSI). */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Any character displayText removes (an escape sequence starts with one: ESC or a C1 control). */
const UNSHOWN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/**
 * Terminal escape sequences (ECMA-48), removed whole so none of their text is left behind: CSI
 * (`ESC [` or U+009B, parameters, a final byte: colours, cursor moves, clear screen); the string
 * commands OSC, DCS, SOS, PM, APC (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` or their C1 forms)
 * up to their terminator (BEL or ST) or the end of the text (window title, OSC 8 links); and the
 * other two- or three-byte `ESC` sequences.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[ -/]*[0-~]/g;

/**
 * Text for a web page or a Discord message, which show characters rather than obey them: escape
 * sequences removed whole (no `[2J` left behind), then the other control characters (but tab and
 * newline) and the bidi controls.
 */
export function displayText(text: string): string {
  // most text has none of them: one scan, no copies
  if (!UNSHOWN.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '').replace(BIDI_CONTROL, '');
}

/**
 * Text for the operator's terminal (`console`, `ask`, `check`), which would obey what the others
 * only show: the same rule as displayText, named for where it is called.
 */
export const terminalText: (text: string) => string = displayText;

const NOT_ON_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A name (a file name, an id) on one line, as written: every control character, line break and bidi
 * control shown as an escape (`\n`, `\x1b`, `\u202e`), so a name cannot forge a report line or
 * reorder one, and the person can still tell which file it is.
 */
export function oneLine(name: string): string {
  return name.replace(NOT_ON_ONE_LINE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

const JSON_UNSAFE = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON for a terminal or a log line: JSON.stringify escapes the C0 controls but writes DEL, the C1
 * controls (a terminal may read U+009B as CSI), the line separators and bidi controls as they are.
 * They can only stand inside strings, where `\uXXXX` means the same character: the value is the same.
 */
export function terminalJson(value: unknown): string {
  return jsonForTerminal(JSON.stringify(value));
}

/** JSON text (a log line pino wrote, say) with the characters terminalJson escapes escaped. */
export function jsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
