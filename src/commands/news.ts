import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import { termsOf } from '../library/analyzer.js';
import { highlightTerms } from '../library/highlight.js';
import type { SearchHit } from '../library/library.js';
import { dateRange, SINCE_OPTION, UNTIL_OPTION } from './date-range.js';
import { fitEmbeds } from './limits.js';
import { articleLink, errorReply, MENTION_OPTION, reply, titleList } from './reply.js';
import type { Choice, Command, CommandContext, CommandOptions, CommandResult } from './types.js';

export const NEWS_COLOR = 0x2b6cb0;
export const QUERY_MAX_CHARS = 300;
export const DEFAULT_LIMIT = 3;
export const MAX_LIMIT = 10;
/** How many hits a search keeps for paging. */
export const MAX_HITS = 50;

/** One /news result as machine readers get it (`--json`). */
export interface NewsResult {
  id: string;
  title: string;
  date: string | null;
  url: string | null;
  score: number;
}

export const definition = {
  name: 'news',
  description: 'Find the news articles that answer a question',
  type: ApplicationCommandType.ChatInput,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'Your question or the words to look for',
      required: true,
      max_length: QUERY_MAX_CHARS,
      autocomplete: true,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      description: `How many articles to show (1-${MAX_LIMIT}, default ${DEFAULT_LIMIT})`,
      min_value: 1,
      max_value: MAX_LIMIT,
    },
    SINCE_OPTION,
    UNTIL_OPTION,
    { type: ApplicationCommandOptionType.Boolean, name: 'hide', description: 'Show the reply to you only' },
    MENTION_OPTION,
  ],
} satisfies Command['definition'];

export interface NewsRequest {
  query: string;
  limit: number;
  since: string | null;
  until: string | null;
  hide: boolean;
}

/** The request behind the options, or the message that tells the person what to fix. */
export function newsRequest(options: CommandOptions): NewsRequest | { error: string } {
  const query = String(options.query ?? '').trim();
  const range = dateRange(options);
  if ('error' in range) return range;
  const { since, until } = range;
  if (!termsOf(query).length) {
    return {
      error:
        'That query has no words to look for (only common words like "the" or "what"). Try a name or a topic.',
    };
  }
  return {
    query,
    limit: typeof options.limit === 'number' ? options.limit : DEFAULT_LIMIT,
    since,
    until,
    hide: options.hide === true,
  };
}

export function newsResult(hit: SearchHit, articleBaseUrl: string | null): NewsResult {
  return {
    id: hit.article.id,
    title: hit.article.title,
    date: hit.article.date,
    url: articleLink(hit.article, articleBaseUrl),
    score: Math.round(hit.score * 1000) / 1000,
  };
}

export function resultEmbed(hit: SearchHit, articleBaseUrl: string | null): APIEmbed {
  const { article } = hit;
  const terms = new Set(hit.terms);
  const link = articleLink(article, articleBaseUrl);
  const summary = article.summary;
  const passage = hit.passage?.text ?? null;
  // a passage the summary already shows is not said twice; the query's words are bold in both
  const passageInSummary = passage !== null && summary.includes(passage.replace(/…$/, ''));
  const embed: APIEmbed = {
    title: truncateAtWord(article.title, 256),
    color: NEWS_COLOR,
    description: highlightTerms(summary, terms),
    fields: [],
    footer: {
      text: [article.date ?? 'undated', article.section, article.author].filter(Boolean).join(' · '),
    },
  };
  if (link) embed.url = link;
  if (passage && !passageInSummary)
    embed.fields!.push({ name: 'Best match', value: highlightTerms(passage, terms) });
  const links = [...(link ? [link] : []), ...article.links.filter((l) => l !== link)].slice(0, 4);
  if (links.length) embed.fields!.push({ name: 'Links', value: links.map((l) => `<${l}>`).join('\n') });
  if (!embed.fields!.length) delete embed.fields;
  return embed;
}

/** One page of /news hits as a reply. */
export function newsPageReply(
  hits: readonly SearchHit[],
  request: NewsRequest,
  page: number,
  articleBaseUrl: string | null,
): CommandResult {
  const start = page * request.limit;
  const shown = hits.slice(start, start + request.limit);
  const range = hits.length > shown.length ? ` (${start + 1}-${start + shown.length} of ${hits.length})` : '';
  const noun = hits.length === 1 ? 'article' : 'articles';
  const content = `🔎 ${hits.length}${hits.length >= MAX_HITS ? '+' : ''} ${noun} for “${escapeMarkdown(truncateAtWord(request.query, 120))}”${range}`;
  return {
    reply: reply(
      { content, embeds: fitEmbeds(shown.map((h) => resultEmbed(h, articleBaseUrl))) },
      request.hide,
    ),
    results: shown.map((h) => newsResult(h, articleBaseUrl)),
  };
}

export function run(context: CommandContext, options: CommandOptions): CommandResult {
  const request = newsRequest(options);
  if ('error' in request) return { reply: errorReply(request.error), results: [] };
  const { library, articleBaseUrl } = context;
  if (!library.size) {
    return {
      reply: errorReply(
        'No articles are loaded yet. An admin can add files to the seeds folder and /reload.',
      ),
      results: [],
    };
  }
  const hits = library.search(request.query, { max: MAX_HITS, since: request.since, until: request.until });
  if (!hits.length) {
    const dated = request.since || request.until;
    const closest = library.suggestTitles(request.query, 5);
    const lines = [
      `No article matches “${escapeMarkdown(truncateAtWord(request.query, 120))}”${dated ? ' in that date range' : ''}.`,
    ];
    lines.push('Try other words, a name, or fewer words.');
    if (closest.length) lines.push('', 'Closest titles:', titleList(closest, articleBaseUrl));
    else lines.push('', 'Newest articles:', titleList(library.newest(3), articleBaseUrl));
    return { reply: reply({ content: lines.join('\n') }, request.hide), results: [] };
  }
  const first = newsPageReply(hits, request, 0, articleBaseUrl);
  const count = Math.ceil(hits.length / request.limit);
  if (count > 1) first.pages = { count, page: (n) => newsPageReply(hits, request, n, articleBaseUrl).reply };
  return first;
}

/**
 * Suggestions while typing the query: what was typed (so Enter searches it as it is), then the
 * titles it most looks like. Picking a title searches for that title.
 */
export function autocomplete(context: CommandContext, option: string, value: string): Choice[] {
  if (option !== 'query') return [];
  const typed = value.replace(/\s+/g, ' ').trim();
  const titles = typed.length >= 2 ? context.library.suggestTitles(typed, 24) : context.library.newest(24);
  const choices: Choice[] = titles.map((a) => ({ name: a.title, value: a.title.slice(0, 100) }));
  if (typed) choices.unshift({ name: typed, value: typed.slice(0, 100) });
  return choices;
}

export const news: Command = { definition, run, autocomplete };
