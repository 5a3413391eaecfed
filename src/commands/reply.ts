import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  MessageFlags,
} from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import type { Article } from '../articles/types.js';
import { displayText, oneLine } from '../shown-text.js';
import { LIMITS } from './limits.js';
import type { CommandContext, ReplyPayload } from './types.js';

/**
 * Every reply: nothing the bot posts may ping anyone (withMention is the one way to allow a ping),
 * and no text in it carries control or bidi characters (displayText: the one place Discord text
 * passes through, whoever built it).
 */
export function reply(payload: Omit<ReplyPayload, 'allowed_mentions'>, ephemeral = false): ReplyPayload {
  const out: ReplyPayload = { ...shownPayload(payload), allowed_mentions: { parse: [] } };
  if (out.content !== undefined) out.content = truncateAtWord(out.content, LIMITS.content);
  if (ephemeral) out.flags = (out.flags ?? 0) | MessageFlags.Ephemeral;
  return out;
}

/** The payload with displayText applied to every text Discord shows: content, embeds, labels. */
function shownPayload<T extends Omit<ReplyPayload, 'allowed_mentions'>>(payload: T): T {
  const out: T = { ...payload };
  if (out.content !== undefined) out.content = displayText(out.content);
  if (out.embeds)
    out.embeds = out.embeds.map((embed) => {
      const e: APIEmbed = { ...embed };
      if (e.title !== undefined) e.title = displayText(e.title);
      if (e.description !== undefined) e.description = displayText(e.description);
      if (e.footer) e.footer = { ...e.footer, text: displayText(e.footer.text) };
      if (e.author) e.author = { ...e.author, name: displayText(e.author.name) };
      if (e.fields)
        e.fields = e.fields.map((f) => ({ ...f, name: displayText(f.name), value: displayText(f.value) }));
      return e;
    });
  if (out.components)
    out.components = out.components.map((row) => ({
      ...row,
      components: row.components.map((c) =>
        'label' in c && typeof c.label === 'string' ? { ...c, label: displayText(c.label) } : c,
      ),
    }));
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
 * The base for links to articles that have no url of their own: ARTICLE_BASE_URL, else the bot's
 * own article pages (PUBLIC_URL/articles) while its web server runs, else none.
 */
export function linkBase(context: Pick<CommandContext, 'articleBaseUrl' | 'publicUrl'>): string | null {
  if (context.articleBaseUrl) return context.articleBaseUrl;
  return context.publicUrl ? `${context.publicUrl}/articles` : null;
}

/** Rows of Read buttons: all a message may have but one, which is kept for the paging buttons. */
const READ_BUTTON_ROWS = LIMITS.rowsPerMessage - 1;
/** Of the 80 characters a label may have: a short title fragment keeps a row of five readable. */
const READ_LABEL_TITLE_CHARS = 40;

/**
 * A "Read" link button for each article shown (one per distinct link, in order), in rows of five,
 * leaving a row free for the paging buttons. Articles with no link get no button.
 */
export function readButtons(
  articles: readonly Article[],
  base: string | null,
): APIActionRowComponent<APIButtonComponent>[] {
  const buttons: APIButtonComponent[] = [];
  const seen = new Set<string>();
  for (const article of articles) {
    const url = articleLink(article, base);
    if (!url || url.length > LIMITS.buttonUrl || seen.has(url)) continue;
    seen.add(url);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      url,
      label: `Read: ${truncateAtWord(article.title, READ_LABEL_TITLE_CHARS)}`,
    });
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  const perRow = LIMITS.buttonsPerRow;
  for (let i = 0; i < buttons.length && rows.length < READ_BUTTON_ROWS; i += perRow)
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + perRow) });
  return rows;
}

/** The Read link buttons of the articles shown, as a payload's components (no buttons: no key). */
export function readRows(
  articles: readonly Article[],
  base: string | null,
): Pick<ReplyPayload, 'components'> {
  const rows = readButtons(articles, base);
  return rows.length ? { components: rows } : {};
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

/** Text that reads as an address (`https://…`, `www.…`): never shown as the text of a link to elsewhere. */
const LOOKS_LIKE_URL = /\b[a-z][a-z\d+.-]*:\/\/|\bwww\.[^\s.]/i;

/**
 * Whether a title may be the text of a link (an embed's title, a list item): not when it reads as
 * an address, which would show one address and lead to another.
 */
export function linkableTitle(title: string): boolean {
  return !LOOKS_LIKE_URL.test(title);
}

/**
 * Up to `n` titles as a bulleted list, for "did you mean" and "no results" replies: each title
 * escaped (escapeMarkdown), linked to its article. A title that reads as an address is not made
 * the text of a link (it would show one address and lead to another): it is listed with its link
 * after it, shown as what it is.
 */
export function titleList(articles: readonly Article[], articleBaseUrl: string | null): string {
  return articles
    .map((a) => {
      const title = escapeMarkdown(truncateAtWord(a.title, 120));
      const link = articleLink(a, articleBaseUrl);
      const date = a.date ? ` (${a.date})` : '';
      if (!link) return `• ${title}${date}`;
      if (!linkableTitle(a.title)) return `• ${title}${date}: <${link}>`;
      return `• [${title}](<${link}>)${date}`;
    })
    .join('\n');
}

/**
 * A name (a file, an id) as inline code in Discord markdown: on one line (oneLine) and with no
 * backtick to end the code early (shown as ˋ, U+02CB).
 */
export function codeName(name: string): string {
  return `\`${oneLine(name).replace(/`/g, 'ˋ')}\``;
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
