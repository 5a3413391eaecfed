import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { truncateAtWord } from '../articles/text.js';
import type { Article } from '../articles/types.js';
import { LIMITS } from './limits.js';
import type { ReplyPayload } from './types.js';

/** Every reply: nothing the bot posts may ping anyone (withMention is the one way to allow a ping). */
export function reply(payload: Omit<ReplyPayload, 'allowed_mentions'>, ephemeral = false): ReplyPayload {
  const out: ReplyPayload = { ...payload, allowed_mentions: { parse: [] } };
  if (out.content !== undefined) out.content = truncateAtWord(out.content, LIMITS.content);
  if (ephemeral) out.flags = (out.flags ?? 0) | MessageFlags.Ephemeral;
  return out;
}

/** A problem with what the person asked: shown to them only, and nothing else happens. */
export function errorReply(message: string): ReplyPayload {
  return reply({ content: `⚠️ ${message}` }, true);
}

/** Whitespace, control characters, and the marks that end a link in Discord markdown (`<url>`, `[t](<url>)`). */
const NOT_IN_URL = /[\s\p{Cc}<>]/u;

/**
 * A URL Discord accepts in a payload, or null: http or https, a host, no user name or password,
 * nothing a link cannot hold, and at most LIMITS.url characters once normalised (WHATWG URL: the
 * host in punycode, other characters percent-encoded). Every URL a reply carries goes through this.
 */
export function safeUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim();
  if (!text || text.length > LIMITS.url || NOT_IN_URL.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || url.username || url.password) return null;
  return url.href.length <= LIMITS.url ? url.href : null;
}

/**
 * The link a reader follows for an article: its own url, else ARTICLE_BASE_URL/<id>, else none;
 * a url Discord would refuse (safeUrl) counts as none.
 */
export function articleLink(article: Article, articleBaseUrl: string | null): string | null {
  const own = safeUrl(article.url);
  if (own) return own;
  if (articleBaseUrl)
    return safeUrl(`${articleBaseUrl}/${article.id.split('/').map(encodeURIComponent).join('/')}`);
  return null;
}

/**
 * Links as the lines of an embed field, `<url>` each: at most `count` distinct links safeUrl
 * accepts, and only whole ones; a link that does not fit in `chars` characters is left out, never cut.
 */
export function linkLines(
  links: readonly string[],
  count: number,
  chars: number = LIMITS.fieldValue,
): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  let length = 0;
  for (const link of links) {
    if (lines.length >= count) break;
    const url = safeUrl(link);
    if (!url || seen.has(url)) continue;
    const line = `<${url}>`;
    const added = (lines.length ? 1 : 0) + line.length;
    if (length + added > chars) continue;
    seen.add(url);
    lines.push(line);
    length += added;
  }
  return lines.join('\n');
}

/** Up to `n` titles as a bulleted list, for "did you mean" and "no results" replies. */
export function titleList(articles: readonly Article[], articleBaseUrl: string | null): string {
  return articles
    .map((a) => {
      const title = truncateAtWord(a.title, 120).replace(/[[\]]/g, '');
      const link = articleLink(a, articleBaseUrl);
      const date = a.date ? ` (${a.date})` : '';
      return link ? `• [${title}](<${link}>)${date}` : `• ${title}${date}`;
    })
    .join('\n');
}

/** The `mention` option of the answering commands: point a reply at someone, the one ping allowed. */
export const MENTION_OPTION = {
  type: ApplicationCommandOptionType.User,
  name: 'mention',
  description: 'Point the reply at this member (they get a notification)',
} as const;

/**
 * Prefixes the reply with a mention of `userId` and allows exactly that one ping. An ephemeral reply
 * is seen by the asker only, so it mentions no one.
 */
export function withMention(payload: ReplyPayload, userId: string): ReplyPayload {
  if (!/^\d{17,20}$/.test(userId) || ((payload.flags ?? 0) & MessageFlags.Ephemeral) !== 0) return payload;
  const content = `<@${userId}> ${payload.content ?? ''}`.trim();
  return {
    ...payload,
    content: truncateAtWord(content, LIMITS.content),
    allowed_mentions: { parse: [], users: [userId] },
  };
}
