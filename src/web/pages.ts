import type { Article, PhotoCredit, Quote } from '../articles/types.js';
import { MAX_RELATED, type NewsWindow, relatedDay } from '../commands/news.js';
import { countOf } from '../commands/parts.js';
import { type HighlightStyle, highlightTerms } from '../library/highlight.js';
import type { SearchHit } from '../library/library.js';
import type { QuoteHit } from '../library/quote-index.js';
import { escapeHtml, Html, html } from './html.js';

/** Where the pages live under PUBLIC_URL (its path, "" at the root), for links between them. */
export interface PagePaths {
  base: string;
}

/**
 * The longest path the server answers: anything longer gets 414 before any work is done. Every
 * page but an article's has a short fixed path; 2,048 is the length browsers and servers commonly
 * keep to (and Discord's limit on a link, LIMITS.url), so a link to an article works everywhere.
 */
export const MAX_PATH_CHARS = 2048;

/**
 * An article's page: each segment of its id encoded, so `business/001` stays two segments. Null
 * when that path is longer than the server answers (an id of over ~2,040 characters, or fewer
 * non-ASCII ones, which encode to up to 12 each): such an article is listed, not linked to a 414.
 */
export function articlePath(paths: PagePaths, id: string): string | null {
  const path = `${paths.base}/articles/${id.split('/').map(encodeURIComponent).join('/')}`;
  return path.length <= MAX_PATH_CHARS ? path : null;
}

/** `inner` linked to the article's page, or as it is when the page has no address (articlePath). */
function linkTo(paths: PagePaths, article: Article, inner: Html | string, title?: string): Html {
  const href = articlePath(paths, article.id);
  if (href === null) return html`${inner}`;
  return title === undefined
    ? html`<a href="${href}">${inner}</a>`
    : html`<a href="${href}" title="${title}">${inner}</a>`;
}

/** How many articles the home page lists. */
export const HOME_ARTICLES = 20;
/** Bounds the search fields in the forms, as /news and /quote bound their options. */
export const QUERY_MAX_CHARS = 300;
export const SPEAKER_MAX_CHARS = 100;

const HTML_MARK: HighlightStyle = {
  escape: escapeHtml,
  mark: (word) => `<mark>${word}</mark>`,
  join: (marked) => marked.replace(/<\/mark>(\s+)<mark>/g, '$1'),
};

export interface LayoutOptions {
  title: string;
  paths: PagePaths;
  /** Shown in the footer: what the pages are answering from. */
  articles: number;
  main: Html;
}

/** Every page: one h1 (in `main`), a skip link, the site navigation, main and footer landmarks. */
export function layout({ title, paths, articles, main }: LayoutOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · newsbot</title>
<link rel="stylesheet" href="${paths.base}/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header><nav aria-label="Site"><a href="${paths.base}/">newsbot</a> <a href="${paths.base}/search">Search</a> <a href="${paths.base}/quotes">Quotations</a></nav></header>
<main id="main">
${main}
</main>
<footer><p>${articles} article${articles === 1 ? '' : 's'} loaded.</p></footer>
</body>
</html>
`.text;
}

function meta(article: Article): Html {
  const parts: Html[] = [];
  if (article.date) parts.push(html`<time datetime="${article.date}">${article.date}</time>`);
  if (article.section) parts.push(html`${article.section}`);
  if (article.author) parts.push(html`by ${article.author}`);
  return html`<p class="meta">${parts.length ? joinHtml(parts, ' · ') : 'undated'}</p>`;
}

function joinHtml(parts: readonly Html[], separator: string): Html {
  return new Html(parts.map((p) => p.text).join(escapeHtml(separator)));
}

export function searchForm(
  paths: PagePaths,
  values: { q?: string; since?: string; until?: string } = {},
): Html {
  return html`<form role="search" action="${paths.base}/search" method="get">
<p><label for="q">Ask or search the articles</label>
<input id="q" name="q" type="search" maxlength="${QUERY_MAX_CHARS}" value="${values.q ?? ''}" required></p>
<p class="dates"><label for="since">From</label> <input id="since" name="since" type="date" value="${values.since ?? ''}">
<label for="until">to</label> <input id="until" name="until" type="date" value="${values.until ?? ''}"></p>
<p><button type="submit">Search</button></p>
</form>`;
}

/** One article in a list; `level` keeps headings in order (h3 under the home page's "Newest" h2). */
function articleItem(paths: PagePaths, article: Article, level: 2 | 3, extra?: Html): Html {
  const title = linkTo(paths, article, article.title);
  return html`<li>${level === 2 ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
${meta(article)}
<p>${article.summary}</p>${extra ?? ''}</li>`;
}

export function homePage(paths: PagePaths, newest: readonly Article[], total: number): string {
  const list = newest.length
    ? html`<ol class="results">${newest.map((a) => articleItem(paths, a, 3))}</ol>`
    : html`<p>No articles are loaded yet. Add files to the seeds folder and reload.</p>`;
  return layout({
    title: 'News articles',
    paths,
    articles: total,
    main: html`<h1>News articles</h1>
${searchForm(paths)}
<section aria-labelledby="newest"><h2 id="newest">Newest articles</h2>
${list}</section>`,
  });
}

export interface SearchPageInput {
  q: string;
  since: string;
  until: string;
  /** null: nothing asked yet (just the form). */
  hits: readonly SearchHit[] | null;
  /** The days the search used, as /news names them (absent: none named). */
  window?: NewsWindow;
  /** What a search that found nothing says: which words matched nothing, "Did you mean …?". */
  nothing?: string;
  /** Why the question cannot be answered as asked. */
  error?: string;
}

export function searchPage(paths: PagePaths, input: SearchPageInput, total: number): string {
  let body: Html = html``;
  const label = input.window?.label ?? null;
  if (input.error) body = html`<p class="error" role="alert">${input.error}</p>`;
  else if (input.hits && !input.hits.length && input.nothing)
    body = html`<p role="status">${input.nothing}</p>`;
  else if (input.hits && !input.hits.length)
    body = html`<p role="status">No article matches “${input.q}”${input.since || input.until ? ` ${label ?? 'in that date range'}` : ''}. Try other words, a name, or fewer words.</p>`;
  else if (input.hits) {
    // the same words as /news: which days were used, or that none of them had an answer
    const when = !label
      ? ''
      : input.window?.answered !== false
        ? ` ${label}`
        : `: none ${label} answers, so these are the closest from other dates`;
    body = html`<p role="status">${countOf(input.hits.length, 'article')} for “${input.q}”${when}, best first.</p>
<ol class="results">${input.hits.map((hit) => articleItem(paths, hit.article, 2, resultExtra(paths, hit)))}</ol>`;
  }
  return layout({
    title: input.q ? `Search: ${input.q}` : 'Search',
    paths,
    articles: total,
    main: html`<h1>Search the articles</h1>
${searchForm(paths, input)}
${body}`,
  });
}

/** Under a search result: the passage that answers, then the other reports of its story ("Also"). */
function resultExtra(paths: PagePaths, hit: SearchHit): Html | undefined {
  const outside =
    hit.inWindow === false ? html`<p class="outside">Outside the days asked about.</p>` : undefined;
  const parts = [outside, bestMatch(hit), alsoLine(paths, hit)].filter((p): p is Html => p !== undefined);
  return parts.length ? joinHtml(parts, '\n') : undefined;
}

/** The other reports of a result's story, by date, each linked to its page: as /news lists them under "Also". */
function alsoLine(paths: PagePaths, hit: SearchHit): Html | undefined {
  if (!hit.related.length) return undefined;
  const ownYear = hit.article.date?.slice(0, 4) ?? null;
  const shown = hit.related.slice(0, MAX_RELATED);
  // each with its headline, as /news lists them: a bare date says nothing of what the report adds
  const links = shown.map((a) => linkTo(paths, a, html`${relatedDay(a.date, ownYear)}: ${a.title}`));
  const more = hit.related.length - shown.length;
  return html`<p class="also"><strong>Also:</strong> ${joinHtml(links, ' · ')}${more > 0 ? ` · and ${more} more` : ''}</p>`;
}

/** The passage that answers, when the summary does not already show it; the query's words marked. */
function bestMatch(hit: SearchHit): Html | undefined {
  const passage = hit.passage?.text;
  if (!passage || hit.article.summary.includes(passage.replace(/…$/, ''))) return undefined;
  return html`<p class="passage"><strong>Best match:</strong> ${new Html(highlightTerms(passage, new Set(hit.terms), HTML_MARK))}</p>`;
}

export interface QuotesPageInput {
  q: string;
  speaker: string;
  /** The days looked in, as /quote reads since/until (YYYY-MM-DD), or null. */
  since: string | null;
  until: string | null;
  hits: readonly QuoteHit[];
}

function speakerLabel(quote: Quote): string {
  const who = quote.speaker ?? 'Unattributed';
  return quote.role ? `${who}, ${quote.role}` : who;
}

export function quotesPage(paths: PagePaths, input: QuotesPageInput, total: number): string {
  const days =
    input.since && input.until
      ? `from ${input.since} to ${input.until}`
      : input.since
        ? `since ${input.since}`
        : input.until
          ? `until ${input.until}`
          : '';
  const asked = [input.q && `about “${input.q}”`, input.speaker && `by ${input.speaker}`, days]
    .filter(Boolean)
    .join(' ');
  const n = input.hits.length;
  const status = !n
    ? `No quotation ${asked || 'is known yet'}.`
    : asked
      ? `${countOf(n, 'quotation')} ${asked}.`
      : 'Quotations from the newest article.';
  return layout({
    title: asked ? `Quotations ${asked}` : 'Quotations',
    paths,
    articles: total,
    main: html`<h1>Quotations</h1>
<form role="search" action="${paths.base}/quotes" method="get">
<p><label for="q">About (a topic or a person)</label>
<input id="q" name="q" type="search" maxlength="${QUERY_MAX_CHARS}" value="${input.q}"></p>
<p><label for="speaker">Said by</label>
<input id="speaker" name="speaker" type="search" maxlength="${SPEAKER_MAX_CHARS}" value="${input.speaker}"></p>
<p class="dates"><label for="since">From</label> <input id="since" name="since" type="date" value="${input.since ?? ''}">
<label for="until">to</label> <input id="until" name="until" type="date" value="${input.until ?? ''}"></p>
<p><button type="submit">Find quotations</button></p>
</form>
<p role="status">${status}</p>
<ol class="quotes">${input.hits.map(
      ({ quote, article }) => html`<li><figure><blockquote><p>“${quote.text}”</p></blockquote>
<figcaption>— <span class="speaker">${speakerLabel(quote)}</span>, in ${linkTo(paths, article, article.title)}${article.date ? html` (<time datetime="${article.date}">${article.date}</time>)` : ''}</figcaption></figure></li>`,
    )}</ol>`,
  });
}

/** A stretch of a paragraph that is (part of) a quotation, and the quotation it belongs to. */
interface QuoteMark {
  start: number;
  end: number;
  quote: Quote;
  /** The quotation's last stretch: its speaker is shown right after it. */
  last: boolean;
}

/** How many paragraphs after its first a quotation's later pieces are looked for (quotes run over a few). */
const QUOTE_SPAN_PARAGRAPHS = 3;

/**
 * Where each quotation's words stand in the paragraphs: every piece (pieces are joined with " … ")
 * is found in order from the quotation's first paragraph. Pieces not found are left unmarked and
 * marks never overlap, so odd text costs a mark, never the paragraph.
 */
export function quoteMarks(article: Article): QuoteMark[][] {
  const marks: QuoteMark[][] = article.paragraphs.map(() => []);
  for (const quote of article.quotes) {
    let p = quote.paragraph;
    let from = 0;
    const found: { p: number; mark: QuoteMark }[] = [];
    for (const piece of quote.text.split(' … ')) {
      if (!piece.trim()) continue;
      for (
        let q = p;
        q < Math.min(article.paragraphs.length, quote.paragraph + QUOTE_SPAN_PARAGRAPHS + 1);
        q++
      ) {
        const at = article.paragraphs[q]!.indexOf(piece, q === p ? from : 0);
        if (at < 0) continue;
        const mark = { start: at, end: at + piece.length, quote, last: false };
        if (!marks[q]!.some((m) => m.start < mark.end && mark.start < m.end)) {
          marks[q]!.push(mark);
          found.push({ p: q, mark });
        }
        p = q;
        from = mark.end;
        break;
      }
    }
    const lastFound = found.at(-1);
    if (lastFound) lastFound.mark.last = true;
  }
  for (const list of marks) list.sort((a, b) => a.start - b.start);
  return marks;
}

function paragraphHtml(text: string, marks: readonly QuoteMark[]): Html {
  let out = '';
  let at = 0;
  for (const [k, mark] of marks.entries()) {
    out += escapeHtml(text.slice(at, mark.start));
    out += html`<q>${text.slice(mark.start, mark.end)}</q>`.text;
    at = mark.end;
    if (mark.last) {
      // the closing quotation mark and punctuation stay with the words before the speaker tag
      const closing = /^[,.;:!?]?["”’']?[,.;:!?]?/.exec(text.slice(at))?.[0] ?? '';
      out += escapeHtml(closing);
      at += closing.length;
      const named = speakerNamedAfter(text, at, marks[k + 1]?.start ?? text.length, mark.quote);
      if (named) {
        // `"…," Johnson said.`: the attribution already names the speaker; mark that name once
        out += escapeHtml(text.slice(at, named.start));
        out +=
          html`<span class="speaker" title="Speaker of this quotation: ${speakerLabel(mark.quote)}">${text.slice(named.start, named.end)}</span>`
            .text;
        at = named.end;
        continue;
      }
      out +=
        html` <span class="speaker" title="Speaker of this quotation">— ${speakerLabel(mark.quote)}</span>`
          .text;
    }
  }
  return new Html(`${out}${escapeHtml(text.slice(at))}`);
}

/** Characters after a quotation in which its attribution ("…," Boris Johnson said) is looked for. */
const ATTRIBUTION_CHARS = 80;

/**
 * Where the words right after a quotation, up to the end of their sentence, name its speaker
 * (the speaker's surname as a whole word): that name is the quotation's mark, not a second one.
 */
function speakerNamedAfter(
  text: string,
  from: number,
  until: number,
  quote: Quote,
): { start: number; end: number } | null {
  const surname = quote.speaker
    ?.split(/\s+/)
    .at(-1)
    ?.replace(/[’']s$/, '');
  if (!surname || surname.length < 2) return null;
  let end = Math.min(until, from + ATTRIBUTION_CHARS, text.length);
  const stop = /[.!?](\s|$)|["“”]/.exec(text.slice(from, end));
  if (stop) end = from + stop.index;
  const window = text.slice(from, end);
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const hit = new RegExp(`(^|[^\\p{L}])(${escaped})(?![\\p{L}])`, 'u').exec(window);
  if (!hit) return null;
  const start = from + hit.index + (hit[1] ?? '').length;
  // "Boris Johnson said": the whole name, from its first word in the window
  const full = quote.speaker ?? surname;
  const before = text.slice(Math.max(from, start - full.length + surname.length), start + surname.length);
  const wholeStart = before === full ? start - full.length + surname.length : start;
  return { start: wholeStart, end: start + surname.length };
}

/** A licence, by where it points; anything else in a credit is the photo's source. */
function creditLinkLabel(url: string): string {
  return /creativecommons\.org|licen[cs]e|rights/i.test(url) ? 'Photo licence' : 'Photo source';
}

function creditHtml(credit: PhotoCredit): Html {
  let text = credit.text;
  for (const url of credit.links) text = text.split(url).join(' ');
  text = text
    .replace(/\s+([,.;])/g, '$1')
    .replace(/[,;\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const links = credit.links.map(
    (url) =>
      html`<li>${creditLinkLabel(url)}: <a href="${url}" rel="noopener noreferrer">${url.replace(/^https?:\/\//, '')}</a></li>`,
  );
  return html`<p>Photo: ${text || 'no credit given'}</p>${links.length ? html`<ul>${links}</ul>` : ''}`;
}

export function articlePage(
  paths: PagePaths,
  article: Article,
  originalUrl: string | null,
  total: number,
): string {
  const marks = quoteMarks(article);
  const body: Html[] = [];
  const before = article.headingBefore ?? [];
  // a photo's caption is shown where the page had it, as a caption (not as the article's text)
  const captions = (article.furniture ?? []).filter((f) => f.kind === 'caption');
  const captionsBefore = (i: number) =>
    captions.filter((c) => c.before === i).map((c) => html`<p class="caption">${c.text}</p>`);
  article.paragraphs.forEach((text, i) => {
    before.forEach((at, k) => {
      if (at === i && article.headings[k]) body.push(html`<h2>${article.headings[k]}</h2>`);
    });
    body.push(...captionsBefore(i));
    body.push(html`<p>${paragraphHtml(text, marks[i]!)}</p>`);
  });
  body.push(...captionsBefore(article.paragraphs.length));
  const credits = article.credits ?? [];
  return layout({
    title: article.title,
    paths,
    articles: total,
    main: html`<article>
<h1>${article.title}</h1>
${meta(article)}
${article.standfirst ? html`<p class="standfirst">${article.standfirst}</p>` : ''}
${body}
${
  credits.length
    ? html`<section aria-labelledby="credits" class="credits"><h2 id="credits">Photo credit</h2>${credits.map(creditHtml)}</section>`
    : ''
}
${originalUrl ? html`<p class="original">Original article: <a href="${originalUrl}" rel="noopener noreferrer">${originalUrl}</a></p>` : ''}
</article>`,
  });
}

/** Pages for what went wrong: a heading that says it, a line on what to do, a way home. */
export function problemPage(paths: PagePaths, title: string, message: string, total: number): string {
  return layout({
    title,
    paths,
    articles: total,
    main: html`<h1>${title}</h1>
<p>${message}</p>
<p><a href="${paths.base}/">Back to the newest articles</a></p>`,
  });
}

export const STYLESHEET = `:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#4a4a4a;--link:#0b4f9c;--mark:#fff0a8;--quote:#eef2f8;--focus:#b3470b}
@media (prefers-color-scheme:dark){:root{--fg:#ececec;--bg:#16181c;--muted:#c2c2c2;--link:#8cc4ff;--mark:#5a4a00;--quote:#232a36;--focus:#ffb070}}
*{box-sizing:border-box}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:42rem;margin:0 auto;padding:0 1rem}
header nav{display:flex;gap:1.25rem;flex-wrap:wrap;padding:.75rem 0;border-bottom:1px solid var(--muted)}
header nav a:first-child{font-weight:700}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.25rem .5rem}
h1{font-size:1.75rem;line-height:1.25;margin:1.25rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.3;margin:1.5rem 0 .25rem}
.meta{color:var(--muted);margin:.25rem 0}
.standfirst{font-size:1.2rem;font-weight:600}
.results,.quotes{list-style:none;padding:0}
.results li,.quotes li{border-bottom:1px solid var(--muted);padding-bottom:.75rem}
.results h2,.results h3{font-size:1.15rem;line-height:1.3;margin:1.25rem 0 .25rem}
mark{background:var(--mark);color:inherit}
q{background:var(--quote);border-radius:.2rem}
q::before,q::after{content:none}
.speaker{font-size:.9rem;font-weight:600}
blockquote{margin:.75rem 0 .25rem;padding:.25rem .75rem;border-left:4px solid var(--link);background:var(--quote)}
blockquote p{margin:.25rem 0}
figure{margin:0}
figcaption{color:var(--muted)}
.credits{font-size:.95rem;color:var(--muted)}
.caption{font-size:.9rem;color:var(--muted);font-style:italic}
.original{overflow-wrap:anywhere}
form p{margin:.5rem 0}
label{display:block;font-weight:600}
.dates label{display:inline;font-weight:400}
input{font:inherit;padding:.4rem;border:1px solid var(--muted);border-radius:.25rem;color:var(--fg);background:var(--bg)}
input[type=search]{width:100%}
button{font:inherit;padding:.4rem 1rem;border:1px solid var(--link);border-radius:.25rem;background:var(--link);color:var(--bg);cursor:pointer}
.error{border-left:4px solid var(--focus);padding-left:.75rem}
footer{color:var(--muted);font-size:.9rem;margin-top:2rem;border-top:1px solid var(--muted)}
`;
