import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import { termsOf } from '../library/analyzer.js';
import { highlightTerms } from '../library/highlight.js';
import type { SearchHit } from '../library/library.js';
import { fitEmbeds } from './limits.js';
import { isIsoDate } from './options.js';
import {
  ANYWHERE,
  countOf,
  DEFAULT_LIMIT,
  HIDE_OPTION,
  limitOption,
  MAX_HITS,
  type OptionsOf,
  pagedResult,
  slashCommand,
  slashDefinition,
} from './parts.js';
import { articleLink, errorReply, linkLines, MENTION_OPTION, reply, titleList } from './reply.js';
import type { Choice, CommandContext, CommandResult } from './types.js';

export const NEWS_COLOR = 0x2b6cb0;
export const QUERY_MAX_CHARS = 300;
/** How many of an article's links its result shows: the article's own first, then those in its text. */
const MAX_LINKS = 4;

/** One /news result as machine readers get it (`--json`). */
export interface NewsResult {
  id: string;
  title: string;
  date: string | null;
  url: string | null;
  score: number;
}

export const definition = slashDefinition({
  name: 'news',
  description: 'Find the news articles that answer a question',
  type: ApplicationCommandType.ChatInput,
  ...ANYWHERE,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'query',
      description: 'Your question or the words to look for',
      required: true,
      max_length: QUERY_MAX_CHARS,
      autocomplete: true,
    },
    limitOption('articles'),
    {
      type: ApplicationCommandOptionType.String,
      name: 'since',
      description: 'Only articles from this day on (YYYY-MM-DD)',
      min_length: 10,
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'until',
      description: 'Only articles up to this day (YYYY-MM-DD)',
      min_length: 10,
      max_length: 10,
    },
    HIDE_OPTION,
    MENTION_OPTION,
  ],
});

type NewsOptions = OptionsOf<typeof definition>;

export interface NewsRequest {
  query: string;
  limit: number;
  since: string | null;
  until: string | null;
  hide: boolean;
}

/** The request behind the options, or the message that tells the person what to fix. */
export function newsRequest(options: NewsOptions): NewsRequest | { error: string } {
  const query = options.query.trim();
  const since = options.since ?? null;
  const until = options.until ?? null;
  for (const [name, value] of [
    ['since', since],
    ['until', until],
  ] as const) {
    if (value !== null && !isIsoDate(value))
      return { error: `\`${name}\` must be a date as YYYY-MM-DD, got "${value}".` };
  }
  if (since && until && since > until)
    return { error: `\`since\` (${since}) is after \`until\` (${until}).` };
  if (!termsOf(query).length) {
    return {
      error:
        'That query has no words to look for (only common words like "the" or "what"). Try a name or a topic.',
    };
  }
  return {
    query,
    limit: options.limit ?? DEFAULT_LIMIT,
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
  const links = linkLines([...(link ? [link] : []), ...article.links], MAX_LINKS);
  if (links) embed.fields!.push({ name: 'Links', value: links });
  if (!embed.fields!.length) delete embed.fields;
  return embed;
}

/** /news hits as a reply, a page at a time. */
export function newsReply(
  hits: readonly SearchHit[],
  request: NewsRequest,
  articleBaseUrl: string | null,
): CommandResult {
  const heading = `🔎 ${countOf(hits.length, 'article')} for “${escapeMarkdown(truncateAtWord(request.query, 120))}”`;
  return pagedResult(
    hits,
    request.limit,
    ({ items, range }) =>
      reply(
        {
          content: `${heading}${range}`,
          embeds: fitEmbeds(items.map((h) => resultEmbed(h, articleBaseUrl))),
        },
        request.hide,
      ),
    (h) => newsResult(h, articleBaseUrl),
  );
}

/** What is wrong with the request before any search, or null. */
export function check(context: CommandContext, options: NewsOptions): string | null {
  const request = newsRequest(options);
  if ('error' in request) return request.error;
  if (!context.library.size)
    return 'No articles are loaded yet. An admin can add files to the seeds folder and /reload.';
  return null;
}

export function run(context: CommandContext, options: NewsOptions): CommandResult {
  const refusal = check(context, options);
  const request = newsRequest(options);
  if (refusal !== null || 'error' in request)
    return { reply: errorReply(refusal ?? 'That request cannot be answered.'), results: [] };
  const { library, articleBaseUrl } = context;
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
  return newsReply(hits, request, articleBaseUrl);
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

// a search's time grows with the library: the Discord transport acknowledges it before it runs
export const news = slashCommand({
  definition,
  check,
  run,
  autocomplete,
  slow: true,
  examples: [
    '/news query:What did Lavrov say about Macron?',
    '/news query:Witkoff Kushner talks limit:5 since:2026-01-01',
  ],
});
