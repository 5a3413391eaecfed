import { type APIEmbed, ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { escapeMarkdown, truncateAtWord } from '../articles/text.js';
import type { QuoteHit } from '../library/quote-index.js';
import { utcDay } from '../library/time-words.js';
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
import { articleLink, errorReply, linkBase, MENTION_OPTION, readRows, reply } from './reply.js';
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
export function searchQuotes(searcher: Searcher, request: QuoteRequest, now: Date): Promise<QuoteHit[]> {
  const { query, speaker, since, until } = request;
  return searcher.run('quotes', {
    query,
    options: { speaker, max: MAX_HITS, since, until, notAfter: utcDay(now) },
  });
}

/** What is wrong before any search, or null. */
export function check(context: CommandContext, options: OptionsOf<typeof definition>): string | null {
  const range = dateRangeOptions(options);
  if ('error' in range) return range.error;
  return context.library.quotes.size
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
  const { query, speaker, since, until } = request;
  const searcher = searcherOf(context);
  const articleBaseUrl = linkBase(context);
  const hits = await searchQuotes(searcher, request, context.now);
  if (!hits.length) {
    const lines = [`No quotation ${describeAsk(query, speaker, since, until)}.`];
    const known = await searcher.run('speakers', { typed: speaker ?? '', max: 5 });
    const suggest = known.length ? known : await searcher.run('speakers', { typed: '', max: 5 });
    if (suggest.length)
      lines.push(
        '',
        `${known.length ? 'Speakers with a similar name' : 'Most quoted'}: ${suggest.map((s) => `${escapeMarkdown(s.name)} (${s.count})`).join(', ')}`,
      );
    return { reply: reply({ content: lines.join('\n') }, hide), results: [] };
  }
  const what = describeAsk(query, speaker, since, until);
  const heading = what
    ? `💬 ${countOf(hits.length, 'quotation')} ${what}`
    : `💬 Quotations from the newest article: ${escapeMarkdown(truncateAtWord(hits[0]!.article.title, 150))}`;
  return pagedResult(
    hits,
    limit,
    ({ items, range }) =>
      reply(
        {
          content: `${heading}${range}`,
          embeds: fitEmbeds(groupByArticle(items).map((group) => articleQuotesEmbed(group, articleBaseUrl))),
          ...readRows(
            items.map((h) => h.article),
            articleBaseUrl,
          ),
        },
        hide,
      ),
    (h) => quoteResult(h, articleBaseUrl),
  );
}

/** Speaker suggestions with their quote counts; the value is the name, so picking one filters exactly. */
export async function autocomplete(
  context: CommandContext,
  option: string,
  value: string,
): Promise<Choice[]> {
  if (option !== 'speaker') return [];
  const speakers = await searcherOf(context)
    .run('speakers', { typed: value, max: 25 }, { timeoutMs: AUTOCOMPLETE_TIMEOUT_MS })
    .catch((error: unknown) => {
      // too busy to look within Discord's time: no suggestions this keystroke
      if (isSearchBusy(error)) return [];
      throw error;
    });
  return speakers.map((s) => ({
    name: `${truncateAtWord(s.name, 80)} (${s.count} quote${s.count === 1 ? '' : 's'})`,
    value: s.name.slice(0, 100),
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
