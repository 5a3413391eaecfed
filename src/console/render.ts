import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import type { ReplyPayload } from '../commands/types.js';
import { terminalText } from '../shown-text.js';

export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
  link: (s: string) => string;
}

export const PLAIN: TextStyle = { bold: (s) => s, dim: (s) => s, link: (s) => s };
export const ANSI: TextStyle = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  link: (s) => `\x1b[4m${s}\x1b[24m`,
};

/**
 * Discord markdown as a terminal shows it: bold kept as style, escapes and link syntax removed (an
 * escaped `\[` is text, not a link). The text is made safe for the terminal first (terminalText):
 * an article's escape sequences never reach it, only this function's own styles.
 */
export function markdownToText(markdown: string, style: TextStyle = PLAIN): string {
  return terminalText(markdown)
    .replace(
      /(?<!\\)\[((?:\\.|[^\]\\])+)\]\(<?([^)>\s]+)>?\)/g,
      (_m, label: string, url: string) => `${label} (${style.link(url)})`,
    )
    .replace(/(?<!\\)<(https?:\/\/[^>\s]+)>/g, (_m, url: string) => style.link(url))
    .replace(/\*\*(.+?)\*\*/g, (_m, s: string) => style.bold(s))
    .replace(/\\([\\*_~`|[\]#><-])/g, '$1');
}

/** A reply payload as readable text: the same content a Discord user sees, laid out for a terminal. */
export function renderReply(payload: ReplyPayload, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  if (payload.flags !== undefined && (payload.flags & MessageFlags.Ephemeral) !== 0) {
    out.push(style.dim('(only you can see this)'));
  }
  if (payload.content) out.push(markdownToText(payload.content, style));
  payload.embeds?.forEach((embed, i) => {
    out.push('');
    const n = payload.embeds!.length > 1 ? `${i + 1}. ` : '';
    if (embed.title) out.push(style.bold(`${n}${markdownToText(embed.title)}`));
    if (embed.author?.name) out.push(`   ${style.bold(`— ${terminalText(embed.author.name)}`)}`);
    if (embed.url) out.push(`   ${style.link(terminalText(embed.url))}`);
    if (embed.footer?.text) out.push(`   ${style.dim(terminalText(embed.footer.text))}`);
    if (embed.description) out.push(indent(markdownToText(embed.description, style)));
    for (const field of embed.fields ?? []) {
      out.push(`   ${style.bold(`${markdownToText(field.name)}:`)}`);
      out.push(indent(markdownToText(field.value, style), 5));
    }
  });
  const buttons = (payload.components ?? []).flatMap((row) => row.components);
  const labels = buttons
    .filter((b) => b.type === ComponentType.Button && b.style !== ButtonStyle.Link)
    .map((b) =>
      'label' in b && b.label
        ? `[${terminalText(b.label)}${'disabled' in b && b.disabled ? ' (disabled)' : ''}]`
        : '',
    )
    .filter(Boolean);
  if (labels.length) out.push('', labels.join(' '));
  return out.join('\n').replace(/^\n+/, '');
}

function indent(text: string, n = 3): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

const ANSI_ESCAPE = /\x1b\[[0-9;]*m/g;

/**
 * Wraps each line at `width` columns between words, continuing at the line's own indentation, so
 * replies read as paragraphs in a terminal. Escape codes take no room; a word longer than the
 * line (a URL) is kept whole.
 */
export function wrapText(text: string, width: number): string {
  if (!Number.isFinite(width) || width < 20) return text;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const pad = /^ */.exec(line)?.[0] ?? '';
    const words = line.slice(pad.length).split(' ');
    let current = pad;
    let visible = pad.length;
    let empty = true;
    for (const word of words) {
      const length = word.replace(ANSI_ESCAPE, '').length;
      if (!empty && visible + 1 + length > width) {
        out.push(current);
        current = pad + word;
        visible = pad.length + length;
      } else {
        current += (empty ? '' : ' ') + word;
        visible += (empty ? 0 : 1) + length;
      }
      empty = false;
    }
    out.push(current);
  }
  return out.join('\n');
}
