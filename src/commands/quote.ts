import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { cutText, escapeMarkdown, truncateAtWord } from '../articles/text.js';
import type { Library } from '../library/library.js';
import type { QuoteHit } from '../library/quote-index.js';
import type { QuoteAnswer } from '../queries/quotes.js';
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
import { articleLink, errorReply, linkableTitle, linkBase, MENTION_OPTION, reply } from './reply.js';
import type { Choice, CommandContext, CommandResult } from './types.js';

export const QUOTE_COLOR = 0x805ad5;
/** Long quotations are trimmed at a word: a reply of ten must stay readable. */
export const QUOTE_MAX_CHARS = 500;

/** One /quote result as machine readers get it (`--json`). */
export interface QuoteResult {
  text: string;
  speaker: string | null;
  articleId: string;
  title: string;
  date: string | null;
  url: string | null;
}

export const definition = slashDefinition({
  name: 'quote',
  description: 'What was said, by whom, in which article',
  type: ApplicationCommandType.ChatInput,
  ...ANYWHERE,
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
    limitOption('quotations'),
    SINCE_OPTION,
    UNTIL_OPTION,
    HIDE_OPTION,
    MENTION_OPTION,
  ],
});

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
  return escapeMarkdown(
    truncateAtWord(hit.quote.role ? `${who} · ${hit.quote.role}` : who, LIMITS.fieldName),
  );
}

/** One embed per article: its title (linked) and date, and a field per quotation with its speaker. */
export function articleQuotesEmbed(group: ArticleQuotes, articleBaseUrl: string | null): APIEmbed {
  const { article } = group;
  const link = articleLink(article, articleBaseUrl);
  const embed: APIEmbed = {
    title: escapeMarkdown(truncateAtWord(article.title, LIMITS.embedTitle)),
    color: QUOTE_COLOR,
    fields: group.hits.slice(0, LIMITS.embedFields).map((hit) => ({
      name: speakerLine(hit),
      value: `“${escapeMarkdown(truncateAtWord(hit.quote.text, QUOTE_MAX_CHARS))}”`,
    })),
    footer: { text: [article.date ?? 'undated', article.section].filter(Boolean).join(' · ') },
  };
  // a title that reads as an address does not link elsewhere: the Links field and Read button do
  if (link && linkableTitle(article.title)) embed.url = link;
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

/** What /quote asks for: a topic and a speaker, either may be empty, and the days to look in. */
export interface QuoteRequest {
  query: string;
  speaker: string | null;
  since: string | null;
  until: string | null;
}

export function quoteRequest(options: OptionsOf<typeof definition>): QuoteRequest | { error: string } {
  const range = dateRangeOptions(options);
  if ('error' in range) return range;
  return { query: (options.query ?? '').trim(), speaker: options.speaker?.trim() || null, ...range };
}

/**
 * The quotations that answer a request as of `now`, best first (none asked: the newest article's):
 * /quote and the web page both ask this. Articles dated after now's day are not answers.
 */
export async function searchQuotes(
  searcher: Searcher,
  request: QuoteRequest,
  now: Date,
  library: Library,
): Promise<QuoteHit[]> {
  return quoteHitsOf(library, await answerOf(searcher, request, now));
}

/** The query layer's answer to a request (src/queries/quotes.ts), from wherever the searches run. */
export function answerOf(searcher: Searcher, request: QuoteRequest, now: Date): Promise<QuoteAnswer> {
  return searcher.run('answerQuotes', { question: { ...request, max: MAX_HITS }, now });
}

/** The query layer's quotations as the hits replies render: each with its article from the snapshot. */
export function quoteHitsOf(library: Library, answer: QuoteAnswer): QuoteHit[] {
  return answer.results.flatMap((r, i) => {
    const article = library.get(r.article.id);
    const quote = article?.quotes.find((q) => q.text === r.text && q.paragraph === r.paragraph);
    return article && quote ? [{ article, quote, score: answer.results.length - i }] : [];
  });
}

/** How a reply names the days its time words asked about: "from the week of 26 Sep 2022". */
function windowWords(answer: QuoteAnswer): string {
  const w = answer.window;
  if (!w || w.hard) return '';
  return w.matched ? ` ${w.label}` : `: none ${w.label}, so these are from other dates`;
}

/** What is wrong before any search, or null. */
export function check(context: CommandContext, options: OptionsOf<typeof definition>): string | null {
  const range = dateRangeOptions(options);
  if ('error' in range) return range.error;
  return context.library.quotationCount
    ? null
    : 'No quotations are known yet: none of the loaded articles quotes anyone.';
}

export async function run(
  context: CommandContext,
  options: OptionsOf<typeof definition>,
): Promise<CommandResult> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const hide = options.hide === true;
  const refusal = check(context, options);
  const request = quoteRequest(options);
  if (refusal !== null || 'error' in request)
    return { reply: errorReply(refusal ?? 'That request cannot be answered.'), results: [] };
  const { speaker, since, until } = request;
  const { library } = context;
  const articleBaseUrl = linkBase(context);
  const searcher = searcherOf(context);
  const answer = await answerOf(searcher, request, context.now);
  const hits = quoteHitsOf(library, answer);
  const window = windowResult(answer);
  if (!hits.length) {
    const lines = [
      `No quotation ${describeAsk(answer.searched, speaker, since, until)}${answer.window && !answer.window.hard ? ` ${answer.window.label}` : ''}.`,
    ];
    const known = await searcher.run('speakers', { typed: speaker ?? '', max: 5 });
    const suggest = known.length ? known : await searcher.run('speakers', { typed: '', max: 5 });
    if (suggest.length)
      lines.push(
        '',
        `${known.length ? 'Speakers with a similar name' : 'Most quoted'}: ${suggest.map((s) => `${escapeMarkdown(s.name)} (${s.count})`).join(', ')}`,
      );
    return { reply: reply({ content: lines.join('\n') }, hide), results: [], window };
  }
  const what = describeAsk(answer.searched, speaker, since, until) + windowWords(answer);
  const heading = what
    ? `💬 ${countOf(hits.length, 'quotation')} ${what}`
    : `💬 Quotations from the newest article: ${escapeMarkdown(truncateAtWord(hits[0]!.article.title, 150))}`;
  const result = pagedHits(
    hits,
    { heading, limit, hide, articleBaseUrl },
    (items) => groupByArticle(items).map((group) => articleQuotesEmbed(group, articleBaseUrl)),
    (h) => quoteResult(h, articleBaseUrl),
  );
  return { ...result, window };
}

/** Speaker suggestions with their quote counts; the value is the name, so picking one filters exactly. */
export async function autocomplete(
  context: CommandContext,
  option: string,
  value: string,
): Promise<Choice[]> {
  if (option !== 'speaker') return [];
  // too busy to look within Discord's time: no suggestions this keystroke
  const speakers = await noneWhenBusy(
    searcherOf(context).run('speakers', { typed: value, max: 25 }, { timeoutMs: AUTOCOMPLETE_TIMEOUT_MS }),
  );
  return speakers.map((s) => ({
    name: `${truncateAtWord(s.name, 80)} (${s.count} quote${s.count === 1 ? '' : 's'})`,
    value: cutText(s.name, LIMITS.choiceValue),
  }));
}

// a search's time grows with the library: the Discord transport acknowledges it before it runs
export const quote = slashCommand({
  definition,
  check,
  run,
  autocomplete,
  slow: true,
  examples: ['/quote query:Macron', '/quote speaker:Lavrov'],
});
