import { truncateAtWord } from '../articles/text.js';
import { reply } from './reply.js';
import type { CommandResult } from './types.js';

/**
 * The words of a Discord message, as a question: what is not prose is taken out, so a message of
 * only a link or an emoji has nothing left. Masked links keep their label; the rest goes whole.
 */
const NOT_PROSE: [RegExp, string][] = [
  [/```[\s\S]*?(?:```|$)/g, ' '], // code blocks (an unclosed one runs to the end)
  [/`[^`\n]*`/g, ' '], // inline code
  [/\[([^\]\n]*)\]\(<?https?:\/\/[^)\s]*>?\)/gi, '$1'], // masked links: the label is prose
  [/<?\b(?:https?|ftp):\/\/[^\s<>]+>?/gi, ' '], // links
  [/\b(?:www\.)[^\s<>]+/gi, ' '], // bare www. links
  [/<(?:@[!&]?|#)\d{5,25}>/g, ' '], // user, role and channel mentions
  [/<\/[\w -]{1,100}:\d{5,25}>/g, ' '], // slash command mentions
  [/<a?:\w{1,64}:\d{5,25}>/g, ' '], // custom emoji
  [/<t:-?\d{1,15}(?::[tTdDfFR])?>/g, ' '], // timestamps
  [/@(?:everyone|here)\b/g, ' '],
  [/:[a-z][\w+-]{0,63}:/gi, ' '], // emoji shortcodes (":smile:", not the ":30:" of a time)
];

/** The message's prose, whitespace collapsed. */
export function messageWords(content: string): string {
  let text = content;
  for (const [pattern, replacement] of NOT_PROSE) text = text.replace(pattern, replacement);
  return text
    .replace(/[*_~|>#]+/g, ' ') // markdown markers
    .replace(/\s+/g, ' ')
    .trim();
}

/** The message's prose cut to `max` characters at a word, as a search query. */
export function messageQuery(content: string, max: number): string {
  return truncateAtWord(messageWords(content), max, '');
}

/** The answer to a message with no words left: not an error, so no warning sign; `command` to try instead. */
export function noWordsResult(command: '/news' | '/quote'): CommandResult {
  return {
    reply: reply(
      {
        content:
          'That message has no words I can look up (links, mentions, emoji and code are left out). ' +
          `Try \`${command}\` with a few words of your own.`,
      },
      true,
    ),
    results: [],
  };
}
