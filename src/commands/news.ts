import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import { termsOf } from '../library/analyzer.js';
import { highlightTerms } from '../library/highlight.js';
import type { SearchHit } from '../library/library.js';
import type { DateWindow } from '../library/ranking.js';
import { describeWindow, formatDay, RECENT_DAYS, readTimeWords } from '../library/time-words.js';
import { AUTOCOMPLETE_TIMEOUT_MS, isSearchBusy, type Searcher } from '../search-pool/searcher.js';
import { fitEmbeds, LIMITS } from './limits.js';
import { dateRangeOptions, SINCE_OPTION, UNTIL_OPTION } from './options.js';
import {
  ANYWHERE,
  countOf,
  DEFAULT_LIMIT,
  HIDE_OPTION,
  limitOption,
  MAX_HITS,
  type OptionsOf,
  pagedResult,
  searcherOf,
  slashCommand,
  slashDefinition,
} from './parts.js';
import {
  articleLink,
  errorReply,
  linkBase,
  linkLines,
  MENTION_OPTION,
  readRows,
  reply,
  titleList,
} from './reply.js';
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
  /** Other reports of the same story, listed under this one (ids, oldest first). */
  related: string[];
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
    SINCE_OPTION,
    UNTIL_OPTION,
    HIDE_OPTION,
    MENTION_OPTION,
  ],
});

export type NewsOptions = OptionsOf<typeof definition>;

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
  const range = dateRangeOptions(options);
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
    related: hit.related.map((a) => a.id),
  };
}

/** At most this many other reports are listed under a result; the rest are counted. */
export const MAX_RELATED = 8;

/** "12 Sep" (with the year when it is not the result's own), linked when the article has a link. */
export function relatedDay(date: string | null, ownYear: string | null): string {
  if (!date) return 'undated';
  const [day, month, year] = formatDay(date).split(' ');
  return year === ownYear ? `${day} ${month}` : `${day} ${month} ${year}`;
}

/** The other reports of a result's story, by date: "Also: 12 Sep · 3 Oct", each linked when it can be. */
export function relatedLine(hit: SearchHit, articleBaseUrl: string | null): string | null {
  if (!hit.related.length) return null;
  const ownYear = hit.article.date?.slice(0, 4) ?? null;
  const items = hit.related.slice(0, MAX_RELATED).map((a) => {
    const label = relatedDay(a.date, ownYear);
    const link = articleLink(a, articleBaseUrl);
    return link ? `[${label}](<${link}>)` : label;
  });
  const more = hit.related.length - items.length;
  let line = items.join(' · ') + (more > 0 ? ` · and ${more} more` : '');
  // links are long: drop them rather than cut the field mid-link
  if (line.length > LIMITS.fieldValue) line = hit.related.map((a) => relatedDay(a.date, ownYear)).join(' · ');
  return truncateAtWord(line, LIMITS.fieldValue);
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
  const related = relatedLine(hit, articleBaseUrl);
  if (related) embed.fields!.push({ name: 'Also', value: related });
  // a photo's source or licence is not a link to the story: the article's own page shows the credit
  const credited = new Set((article.credits ?? []).flatMap((c) => c.links));
  const links = linkLines(
    [...(link ? [link] : []), ...article.links.filter((l) => !credited.has(l))],
    MAX_LINKS,
  );
  if (links) embed.fields!.push({ name: 'Links', value: links });
  if (!embed.fields!.length) delete embed.fields;
  return embed;
}

/** The days a search was limited or led by, as the reply names them. */
export interface NewsWindow {
  /** "from the week of 26 Sep 2022", "since 1 Mar 2022"; null when the search named no time. */
  label: string | null;
  /** False when the question's time words named days none of whose articles answer: the hits are from other dates. */
  answered: boolean;
}

/** /news hits as a reply, a page at a time. */
export function newsReply(
  hits: readonly SearchHit[],
  request: NewsRequest,
  articleBaseUrl: string | null,
  window: NewsWindow = { label: null, answered: true },
): CommandResult {
  const when = !window.label
    ? ''
    : window.answered
      ? ` ${window.label}`
      : `: none ${window.label} answers, so these are the closest from other dates`;
  const heading = `🔎 ${countOf(hits.length, 'article')} for “${escapeMarkdown(truncateAtWord(request.query, 120))}”${when}`;
  return pagedResult(
    hits,
    request.limit,
    ({ items, range }) =>
      reply(
        {
          content: `${heading}${range}`,
          embeds: fitEmbeds(items.map((h) => resultEmbed(h, articleBaseUrl))),
          ...readRows(
            items.map((h) => h.article),
            articleBaseUrl,
          ),
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

/**
 * What to search, and within which days: the question without its time words, read relative to
 * the moment of asking; explicit since/until win over time words (and are hard limits, where the
 * words' window only ranks its articles first).
 */
export function newsSearchOf(
  request: NewsRequest,
  now: Date,
): { query: string; window: DateWindow | null; label: string | null } {
  const words = readTimeWords(request.query, now);
  // a question of nothing but time words is searched as it is
  const query = termsOf(words.query).length ? words.query : request.query;
  if (request.since || request.until)
    return { query, window: null, label: describeWindow({ since: request.since, until: request.until }) };
  return { query, window: words.window, label: words.label };
}

/**
 * The articles that answer a request as of `now`, best first, and the days the reply names:
 * /news and the web search page both ask this.
 */
export async function searchArticles(
  searcher: Searcher,
  request: NewsRequest,
  now: Date,
): Promise<{ hits: SearchHit[]; window: NewsWindow }> {
  const search = newsSearchOf(request, now);
  const hits = await searcher.run('search', {
    query: search.query,
    options: { max: MAX_HITS, since: request.since, until: request.until, now, window: search.window },
  });
  return { hits, window: { label: search.label, answered: hits[0]?.inWindow !== false } };
}

export async function run(context: CommandContext, options: NewsOptions): Promise<CommandResult> {
  const refusal = check(context, options);
  const request = newsRequest(options);
  if (refusal !== null || 'error' in request)
    return { reply: errorReply(refusal ?? 'That request cannot be answered.'), results: [] };
  const { now } = context;
  const searcher = searcherOf(context);
  const articleBaseUrl = linkBase(context);
  const { hits, window } = await searchArticles(searcher, request, now);
  if (!hits.length) {
    const dated = request.since || request.until;
    const closest = await searcher.run('suggestTitles', { query: request.query, max: 5 });
    const lines = [
      `No article matches “${escapeMarkdown(truncateAtWord(request.query, 120))}”${dated ? ` ${window.label}` : ''}.`,
    ];
    lines.push('Try other words, a name, or fewer words.');
    if (closest.length) lines.push('', 'Closest titles:', titleList(closest, articleBaseUrl));
    else
      lines.push('', 'Newest articles:', titleList(await searcher.run('newest', { max: 3 }), articleBaseUrl));
    return { reply: reply({ content: lines.join('\n') }, request.hide), results: [] };
  }
  return newsReply(hits, request, articleBaseUrl, window);
}

/**
 * Suggestions while typing the query: what was typed (so Enter searches it as it is), then the
 * titles it most looks like. Picking a title searches for that title.
 */
export async function autocomplete(
  context: CommandContext,
  option: string,
  value: string,
): Promise<Choice[]> {
  if (option !== 'query') return [];
  const typed = value.replace(/\s+/g, ' ').trim();
  const searcher = searcherOf(context);
  const limit = { timeoutMs: AUTOCOMPLETE_TIMEOUT_MS };
  // too busy to look within Discord's time: what was typed is still a choice
  const titles = await (typed.length >= 2
    ? searcher.run('suggestTitles', { query: typed, max: 24 }, limit)
    : searcher.run('newest', { max: 24 }, limit)
  ).catch((error: unknown) => {
    if (isSearchBusy(error)) return [];
    throw error;
  });
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
    '/news query:Witkoff Kushner talks limit:5 since:2026-01',
    '/news query:What did Lavrov say about Macron in January?',
  ],
  notes:
    'Time words count from when you ask: "today", "this week", "last month", "in June", "on Monday", ' +
    `"since March", "over the weekend", "recently" (${RECENT_DAYS} days), "in 2022". Weeks start on Monday; days are UTC. ` +
    'Articles from those days come first, else the closest from other dates (the reply says so). ' +
    'Other reports of the same story are listed under "Also". since/until: a day, 2022-06 or 2022.',
});
