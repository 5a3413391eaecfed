import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { cutText, escapeMarkdown, truncateAtWord } from '../articles/text.js';
import type { Article } from '../articles/types.js';
import { termsOf } from '../library/analyzer.js';
import { highlightTerms } from '../library/highlight.js';
import type { Library, SearchHit } from '../library/library.js';
import type { DateWindow } from '../library/ranking.js';
import { formatDay, RECENT_DAYS } from '../library/time-words.js';
import { type NewsAnswer, type NewsQuestion, readNewsQuestion } from '../queries/news.js';
import { AUTOCOMPLETE_TIMEOUT_MS, type Searcher } from '../search-pool/searcher.js';
import { LIMITS } from './limits.js';
import { dateRangeOptions, SINCE_OPTION, UNTIL_OPTION } from './options.js';
import {
  ANYWHERE,
  countOf,
  DEFAULT_LIMIT,
  HIDE_OPTION,
  limitOption,
  MAX_HITS,
  noneWhenBusy,
  type OptionsOf,
  pagedHits,
  searcherOf,
  slashCommand,
  slashDefinition,
  windowResult,
} from './parts.js';
import {
  articleLink,
  errorReply,
  linkableTitle,
  linkBase,
  linkLines,
  MENTION_OPTION,
  reply,
  titleList,
} from './reply.js';
import type { Choice, CommandContext, CommandResult } from './types.js';

export const NEWS_COLOR = 0x2b6cb0;
export const QUERY_MAX_CHARS = 300;
/** How many of the links in an article's text its result shows (its own link is the title's). */
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
  /** With days asked about: false when this result is from other days. */
  inWindow?: boolean;
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
    ...(hit.inWindow === null ? {} : { inWindow: hit.inWindow }),
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

/** A related report's headline, shortened, as a link text (no brackets to break the link). */
const RELATED_TITLE_CHARS = 80;

/**
 * The other reports of a result's story, by date, each with its headline: "Also: 12 Sep: NASA
 * scrubs launch · 3 Oct: …", linked when it can be. What does not fit keeps the dates.
 */
export function relatedLine(hit: SearchHit, articleBaseUrl: string | null): string | null {
  if (!hit.related.length) return null;
  const ownYear = hit.article.date?.slice(0, 4) ?? null;
  const titled = (a: Article) =>
    `${relatedDay(a.date, ownYear)}: ${escapeMarkdown(truncateAtWord(a.title, RELATED_TITLE_CHARS)).replace(/[[\]]/g, '')}`;
  const more = Math.max(0, hit.related.length - MAX_RELATED);
  const tail = more > 0 ? `\nand ${more} more` : '';
  const shown = hit.related.slice(0, MAX_RELATED);
  const linked = shown.map((a) => {
    const link = articleLink(a, articleBaseUrl);
    return link ? `[${titled(a)}](<${link}>)` : titled(a);
  });
  // links are long: drop them, then the headlines, rather than cut the field mid-link
  for (const lines of [linked, shown.map(titled)]) {
    const line = lines.join('\n') + tail;
    if (line.length <= LIMITS.fieldValue) return line;
  }
  return truncateAtWord(hit.related.map((a) => relatedDay(a.date, ownYear)).join(' · '), LIMITS.fieldValue);
}

/** The days a result is from, when it is outside those asked about: "from 12 Jun, not the days asked about". */
export function outsideNote(hit: SearchHit): string | null {
  return hit.inWindow === false ? 'outside the days asked about' : null;
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
    title: escapeMarkdown(truncateAtWord(article.title, LIMITS.embedTitle)),
    color: NEWS_COLOR,
    description: highlightTerms(summary, terms),
    fields: [],
    footer: {
      text: [article.date ?? 'undated', outsideNote(hit), article.section, article.author]
        .filter(Boolean)
        .join(' · '),
    },
  };
  // a title that reads as an address does not link elsewhere: the Links field and Read button do
  if (link && linkableTitle(article.title)) embed.url = link;
  if (passage && !passageInSummary)
    embed.fields!.push({ name: 'Best match', value: highlightTerms(passage, terms) });
  const related = relatedLine(hit, articleBaseUrl);
  if (related) embed.fields!.push({ name: 'Also', value: related });
  // the article's own link is the title's and the Read button's, so it is not listed again (unless
  // the title cannot carry it: then Links shows where the story is); a photo's source or licence
  // is not a link to the story: the article's own page shows the credit
  const credited = new Set((article.credits ?? []).flatMap((c) => c.links));
  const own = (l: string) => l === link || l === article.url;
  const untitled = embed.url === undefined && link ? [link] : [];
  const links = linkLines(
    [...untitled, ...article.links.filter((l) => !credited.has(l) && !own(l))],
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
  const outside = window.label && window.answered ? hits.filter((h) => h.inWindow === false).length : 0;
  const marked = outside ? ` (${outside} from other days, marked)` : '';
  const heading = `🔎 ${countOf(hits.length, 'article')} for “${escapeMarkdown(truncateAtWord(request.query, 120))}”${when}${marked}`;
  return pagedHits(
    hits,
    { heading, limit: request.limit, hide: request.hide, articleBaseUrl },
    (items) => items.map((h) => resultEmbed(h, articleBaseUrl)),
    (h) => newsResult(h, articleBaseUrl),
  );
}

/** What is wrong with the request before any search, or null. */
export function check(context: CommandContext, options: NewsOptions): string | null {
  const request = newsRequest(options);
  if ('error' in request) return request.error;
  if (!context.library.size) return NOTHING_LOADED;
  return null;
}

const NOTHING_LOADED = 'No articles are loaded yet. An admin can add files to the seeds folder and /reload.';

/**
 * What to search, and within which days: the query layer's reading (src/queries/news.ts): the
 * question without its time words and ways of asking, read relative to the moment of asking;
 * explicit since/until win over time words.
 */
export function newsSearchOf(
  request: NewsRequest,
  now: Date,
): { query: string; window: DateWindow | null; label: string | null } {
  const read = readNewsQuestion(request, now);
  return { query: read.searched, window: read.hard ? null : read.window, label: read.label };
}

/** The query layer's answer as the hits replies render: each result's articles from the snapshot. */
export function shownHits(library: Library, answer: NewsAnswer): SearchHit[] {
  const out: SearchHit[] = [];
  for (const r of answer.results) {
    const article = library.get(r.id);
    if (!article) continue;
    out.push({
      article,
      score: r.score,
      passage: r.passage === null ? null : { text: r.passage, coverage: 0 },
      terms: r.terms,
      related: r.related.flatMap((a) => library.get(a.id) ?? []),
      inWindow: r.inWindow,
    });
  }
  return out;
}

/** The days a reply names, from the query layer's window. */
export function replyWindow(answer: NewsAnswer): NewsWindow {
  return { label: answer.window?.label ?? null, answered: answer.window?.matched ?? true };
}

/** What the query layer is asked for a request: its words and days, and the results a reply may page through. */
export function newsQuestion(request: Pick<NewsRequest, 'query' | 'since' | 'until'>): NewsQuestion {
  return { query: request.query, since: request.since, until: request.until, max: MAX_HITS };
}

/**
 * The articles that answer a request as of `now`, best first, and the days the reply names:
 * /news and the web search page both ask the query layer (src/queries/news.ts).
 */
export async function searchArticles(
  searcher: Searcher,
  request: NewsRequest,
  now: Date,
  library: Library,
): Promise<{ hits: SearchHit[]; window: NewsWindow; answer: NewsAnswer }> {
  const answer = await searcher.run('answerNews', { question: newsQuestion(request), now });
  return { hits: shownHits(library, answer), window: replyWindow(answer), answer };
}

/** What a search that found nothing says, as plain text (the web page escapes it). */
export function nothingLine(answer: NewsAnswer): string {
  const nothing = answer.nothing;
  const quoted = (words: readonly string[]) => words.map((w) => `“${w}”`).join(' and ');
  const parts: string[] = [];
  if (nothing?.missing.length) parts.push(`No article mentions ${quoted(nothing.missing)}.`);
  else if (nothing?.together.length) parts.push(`No article mentions ${quoted(nothing.together)} together.`);
  else parts.push('No article matches.');
  if (nothing?.didYouMean.length) parts.push(`Did you mean ${quoted(nothing.didYouMean)}?`);
  else parts.push('Try other words, a name, or fewer words.');
  return parts.join(' ');
}

/** The reply when nothing answers: which words matched nothing, what is near, the newest titles. */
export function nothingReply(
  library: Library,
  request: NewsRequest,
  answer: NewsAnswer,
  articleBaseUrl: string | null,
): CommandResult {
  const nothing = answer.nothing;
  const asked = escapeMarkdown(truncateAtWord(request.query, 120));
  const quoted = (words: readonly string[]) => words.map((w) => `“${escapeMarkdown(w)}”`).join(' and ');
  const dated = answer.window?.hard ? ` ${answer.window.label}` : '';
  const lines: string[] = [];
  if (nothing?.missing.length)
    lines.push(`No article${dated} mentions ${quoted(nothing.missing)}, so nothing answers “${asked}”.`);
  else if (nothing?.together.length)
    lines.push(
      `No article${dated} mentions ${quoted(nothing.together)} together, so nothing answers “${asked}”.`,
    );
  else lines.push(`No article matches “${asked}”${dated}.`);
  if (nothing?.didYouMean.length) lines.push(`Did you mean ${quoted(nothing.didYouMean)}?`);
  else lines.push('Try other words, a name, or fewer words.');
  const newest = (nothing?.newest ?? []).flatMap((a) => library.get(a.id) ?? []);
  if (newest.length) lines.push('', 'Newest articles:', titleList(newest, articleBaseUrl));
  return {
    reply: reply({ content: lines.join('\n') }, request.hide),
    results: [],
    window: windowResult(answer),
  };
}

export async function run(context: CommandContext, options: NewsOptions): Promise<CommandResult> {
  const request = newsRequest(options);
  if ('error' in request) return { reply: errorReply(request.error), results: [] };
  if (!context.library.size) return { reply: errorReply(NOTHING_LOADED), results: [] };
  const { library, now } = context;
  const articleBaseUrl = linkBase(context);
  const { hits, window, answer } = await searchArticles(searcherOf(context), request, now, library);
  if (!hits.length) return nothingReply(library, request, answer, articleBaseUrl);
  return { ...newsReply(hits, request, articleBaseUrl, window), window: windowResult(answer) };
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
  const titles = await noneWhenBusy(
    typed.length >= 2
      ? searcher.run('suggestTitles', { query: typed, max: 24 }, limit)
      : searcher.run('newest', { max: 24 }, limit),
  );
  const choices: Choice[] = titles.map((a) => ({
    name: a.title,
    value: cutText(a.title, LIMITS.choiceValue),
  }));
  if (typed) choices.unshift({ name: typed, value: cutText(typed, LIMITS.choiceValue) });
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
