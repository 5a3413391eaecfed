// Reading a /quote question and searching the quotations, for every transport (the /quote command,
// the console through it, the web's /quotes). Time words in the topic are read as /news reads them
// ("biden this week": Biden, in the days of this week), not searched. Plain data in and out.

import type { Library } from '../library/library.js';
import type { QuoteHit } from '../library/quote-index.js';
import { describeWindow, readTimeWords, utcDay } from '../library/time-words.js';
import type { ArticleRef, NewsWindow } from './news.js';

export interface QuoteQuestion {
  query: string;
  speaker: string | null;
  since: string | null;
  until: string | null;
  max?: number;
}

/** One quotation, and the article it is in. */
export interface QuoteItem {
  text: string;
  speaker: string | null;
  role: string | null;
  /** Index into the article's paragraphs where it starts. */
  paragraph: number;
  article: ArticleRef;
}

/** The days a quotation search used: the same as /news's (`matched`: some quotation of those days answers). */
export type QuoteWindow = NewsWindow;

export interface QuoteAnswer {
  /** The topic searched: the query without its time words. */
  searched: string;
  window: QuoteWindow | null;
  results: QuoteItem[];
}

const MAX_RESULTS = 50;

function item(hit: QuoteHit): QuoteItem {
  const { quote, article } = hit;
  return {
    text: quote.text,
    speaker: quote.speaker,
    role: quote.role,
    paragraph: quote.paragraph,
    article: { id: article.id, title: article.title, date: article.date, url: article.url ?? null },
  };
}

/**
 * The quotations that answer a question as of `now`, best first. Since/until are hard limits; the
 * topic's time words name days whose quotations are searched first, and when none of those days
 * has one, the others (the window says so: matched false).
 */
export function answerQuotes(library: Library, question: QuoteQuestion, now: Date): QuoteAnswer {
  const words = readTimeWords(question.query, now);
  const timeless = words.query.replace(/\s+/g, ' ').trim();
  const searched = timeless || (words.window ? '' : question.query);
  const base = {
    speaker: question.speaker,
    max: question.max ?? MAX_RESULTS,
    notAfter: utcDay(now),
  };
  if (question.since || question.until || !words.window || !words.label) {
    const hits = library.quotes.search(searched, { ...base, since: question.since, until: question.until });
    const hard = question.since || question.until;
    return {
      searched,
      window: hard
        ? {
            since: question.since,
            until: question.until,
            label: describeWindow({ since: question.since, until: question.until }),
            hard: true,
            matched: hits.length > 0,
          }
        : null,
      results: hits.map(item),
    };
  }
  const { since, until } = words.window;
  const inside = library.quotes.search(searched, { ...base, since, until });
  const hits = inside.length ? inside : library.quotes.search(searched, base);
  return {
    searched,
    window: { since, until, label: words.label, hard: false, matched: inside.length > 0 },
    results: hits.map(item),
  };
}

/** answerQuotes for transports that wait (a worker pool may run it elsewhere). */
export async function askQuotes(library: Library, question: QuoteQuestion, now: Date): Promise<QuoteAnswer> {
  return answerQuotes(library, question, now);
}
