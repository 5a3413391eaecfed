import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import type { QuoteHit } from '../library/quote-index.js';
import { dateRange, SINCE_OPTION, UNTIL_OPTION } from './date-range.js';
import { fitEmbeds, LIMITS } from './limits.js';
import { articleLink, errorReply, MENTION_OPTION, reply } from './reply.js';
import type {
  Choice,
  Command,
  CommandContext,
  CommandOptions,
  CommandResult,
  ReplyPayload,
} from './types.js';

export const QUOTE_COLOR = 0x805ad5;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;
/** Long quotations are trimmed at a word: a reply of ten must stay readable. */
export const QUOTE_MAX_CHARS = 500;
const MAX_HITS = 50;

/** One /quote result as machine readers get it (`--json`). */
export interface QuoteResult {
  text: string;
  speaker: string | null;
  articleId: string;
  title: string;
  date: string | null;
  url: string | null;
}

export const definition = {
  name: 'quote',
  description: 'What was said, by whom, in which article',
  type: ApplicationCommandType.ChatInput,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'A topic or a person the quotations are about',
      max_length: 300,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'speaker',
      description: 'Only what this person or organisation said',
      max_length: 100,
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      description: `How many quotations to show (1-${MAX_LIMIT}, default ${DEFAULT_LIMIT})`,
      min_value: 1,
      max_value: MAX_LIMIT,
    },
    SINCE_OPTION,
    UNTIL_OPTION,
    { type: ApplicationCommandOptionType.Boolean, name: 'hide', description: 'Show the reply to you only' },
    MENTION_OPTION,
  ],
} satisfies Command['definition'];

export function quoteResult(hit: QuoteHit, articleBaseUrl: string | null): QuoteResult {
  return {
    text: hit.quote.text,
    speaker: hit.quote.speaker,
    articleId: hit.article.id,
    title: hit.article.title,
    date: hit.article.date,
    url: articleLink(hit.article, articleBaseUrl),
  };
}

/** One article's quotations, in the order they ranked. */
export interface ArticleQuotes {
  article: QuoteHit['article'];
  hits: QuoteHit[];
}

/** Groups hits by article, in the order each article first appears: one result per article. */
export function groupByArticle(hits: readonly QuoteHit[]): ArticleQuotes[] {
  const groups = new Map<string, ArticleQuotes>();
  for (const hit of hits) {
    let group = groups.get(hit.article.id);
    if (!group) {
      group = { article: hit.article, hits: [] };
      groups.set(hit.article.id, group);
    }
    group.hits.push(hit);
  }
  return [...groups.values()];
}

/** Who said it, as a field name: "Sergey Lavrov · Russian Foreign Minister", or "Unattributed". */
function speakerLine(hit: QuoteHit): string {
  const who = hit.quote.speaker ?? 'Unattributed';
  return truncateAtWord(hit.quote.role ? `${who} · ${hit.quote.role}` : who, LIMITS.fieldName);
}

/** One embed per article: its title (linked) and date, and a field per quotation with its speaker. */
export function articleQuotesEmbed(group: ArticleQuotes, articleBaseUrl: string | null): APIEmbed {
  const { article } = group;
  const link = articleLink(article, articleBaseUrl);
  const embed: APIEmbed = {
    title: truncateAtWord(article.title, LIMITS.embedTitle),
    color: QUOTE_COLOR,
    fields: group.hits.slice(0, LIMITS.embedFields).map((hit) => ({
      name: speakerLine(hit),
      value: `“${escapeMarkdown(truncateAtWord(hit.quote.text, QUOTE_MAX_CHARS))}”`,
    })),
    footer: { text: [article.date ?? 'undated', article.section].filter(Boolean).join(' · ') },
  };
  if (link) embed.url = link;
  return embed;
}

function describeAsk(
  query: string,
  speaker: string | null,
  since: string | null,
  until: string | null,
): string {
  const parts: string[] = [];
  if (query) parts.push(`about “${escapeMarkdown(truncateAtWord(query, 100))}”`);
  if (speaker) parts.push(`by ${escapeMarkdown(truncateAtWord(speaker, 100))}`);
  if (since && until) parts.push(`from ${since} to ${until}`);
  else if (since) parts.push(`since ${since}`);
  else if (until) parts.push(`until ${until}`);
  return parts.join(' ');
}

function pageReply(
  hits: readonly QuoteHit[],
  n: number,
  limit: number,
  heading: string,
  hide: boolean,
  base: string | null,
): ReplyPayload {
  const shown = hits.slice(n * limit, n * limit + limit);
  const range =
    hits.length > shown.length ? ` (${n * limit + 1}-${n * limit + shown.length} of ${hits.length})` : '';
  const embeds = groupByArticle(shown).map((group) => articleQuotesEmbed(group, base));
  return reply({ content: `${heading}${range}`, embeds: fitEmbeds(embeds) }, hide);
}

export function run(context: CommandContext, options: CommandOptions): CommandResult {
  const query = String(options.query ?? '').trim();
  const speaker = options.speaker === undefined ? null : String(options.speaker).trim() || null;
  const limit = typeof options.limit === 'number' ? options.limit : DEFAULT_LIMIT;
  const hide = options.hide === true;
  const range = dateRange(options);
  if ('error' in range) return { reply: errorReply(range.error), results: [] };
  const { since, until } = range;
  const { library, articleBaseUrl } = context;
  if (!library.quotes.size) {
    return {
      reply: errorReply('No quotations are known yet: none of the loaded articles quotes anyone.'),
      results: [],
    };
  }
  const hits = library.quotes.search(query, { speaker, max: MAX_HITS, since, until });
  if (!hits.length) {
    const lines = [`No quotation ${describeAsk(query, speaker, since, until)}.`];
    const known = library.quotes.speakers(speaker ?? '', 5);
    const suggest = known.length ? known : library.quotes.speakers('', 5);
    if (suggest.length)
      lines.push(
        '',
        `${known.length ? 'Speakers with a similar name' : 'Most quoted'}: ${suggest.map((s) => `${escapeMarkdown(s.name)} (${s.count})`).join(', ')}`,
      );
    return { reply: reply({ content: lines.join('\n') }, hide), results: [] };
  }
  const what = describeAsk(query, speaker, since, until);
  const heading = what
    ? `💬 ${hits.length}${hits.length >= MAX_HITS ? '+' : ''} quotation${hits.length === 1 ? '' : 's'} ${what}`
    : `💬 Quotations from the newest article: ${escapeMarkdown(truncateAtWord(hits[0]!.article.title, 150))}`;
  const result: CommandResult = {
    reply: pageReply(hits, 0, limit, heading, hide, articleBaseUrl),
    results: hits.slice(0, limit).map((h) => quoteResult(h, articleBaseUrl)),
  };
  const count = Math.ceil(hits.length / limit);
  if (count > 1)
    result.pages = { count, page: (n) => pageReply(hits, n, limit, heading, hide, articleBaseUrl) };
  return result;
}

/** Speaker suggestions with their quote counts; the value is the name, so picking one filters exactly. */
export function autocomplete(context: CommandContext, option: string, value: string): Choice[] {
  if (option !== 'speaker') return [];
  return context.library.quotes.speakers(value, 25).map((s) => ({
    name: `${truncateAtWord(s.name, 80)} (${s.count} quote${s.count === 1 ? '' : 's'})`,
    value: s.name.slice(0, 100),
  }));
}

export const quote: Command = { definition, run, autocomplete };
