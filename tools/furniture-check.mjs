#!/usr/bin/env node
// Counts the page furniture that still reaches readers: summaries, passages (every sentence that
// can be a "Best match") and quotation speakers that are captions, credits, video-player text,
// promotions, related links, update notes, datelines or editor's notes. It loads the folder with
// the built code (dist/, as `newsbot` does: run `npm run build` first) and judges with its own
// markers below, which are deliberately NOT the parser's rules (src/articles/furniture/): plain
// strings that mark furniture on the pages of the corpora we test on, so the two disagree where
// either is wrong. A marker can also sit in real text (a story about Getty Images): read the
// examples before believing a count.
//
//   npm run furniture:check -- --seeds DIR [--examples 5] [--dist DIR] [--blocks]
//
// --blocks also prints how many blocks were set aside per kind, with examples (to read them: on
// clean newswire nearly none should be). Exit code 0 always (a report, not a test).
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const seeds = option('seeds', process.env.SEEDS_DIR ?? './seeds');
const examples = Number(option('examples', '5'));
const dist = path.resolve(option('dist', 'dist'));
const showBlocks = args.includes('--blocks');

const { loadFolder } = await import(pathToFileURL(path.join(dist, 'articles/load.js')).href);
const { articleSentences } = await import(pathToFileURL(path.join(dist, 'library/passage.js')).href);

/** Furniture markers: [name, pattern]. Strings seen on real pages, not the parser's signals. */
const MARKERS = [
  ['photo credit', /\b(?:Getty Images|Shutterstock)\b|\/(?:AP|Reuters|AFP|EPA|Bloomberg)\b|\(Photo by\b/],
  ['video player', /Video Ad Feedback|\b\d{1,2}:\d{2} - Source:|\(Click here to view\)/],
  ['gallery', /\bPrev Next\b|\bHide Caption\b|^Photos:|^In pictures:/],
  ['promotion', /\bSign up\b|\bsign up (?:right )?here\b|\bnewsletter\b.{0,80}\bsign up\b|\bsign up\b.{0,80}\bnewsletter\b|\bSubscribe to\b|\bin your inbox\b/],
  ['related link', /^(?:READ|RELATED|READ MORE|WATCH|Read more|Related)\s*:/],
  ['contributors', /contributed to this (?:report|story)|contributed reporting|^\(?(?:Additional reporting|Reporting) by\b/],
  ['update note', /\bThis (?:story|article) has been updated\b|\bAn earlier version of this (?:story|article)\b/],
  ['dateline', /^\((?:CNN|Reuters|AP|AFP)[^)]*\)|^[^.]{0,40}\bCNN —/],
  ['editor note', /^Editor[’']s [Nn]ote:|\bThe (?:views|opinions) expressed in this commentary\b/],
];

function markerOf(text) {
  for (const [name, re] of MARKERS) if (re.test(text)) return name;
  return null;
}

/** Words of a speaker's name that the article's body never uses: a name found only in furniture. */
const CREDIT_WORDS = /\b(?:Getty|Shutterstock)\b|\//;
function speakerProblem(speaker, body) {
  if (!speaker) return null;
  if (CREDIT_WORDS.test(speaker)) return 'credit words in the name';
  const words = speaker.replace(/['’]s\b/g, '').match(/\p{Lu}[\p{L}'’-]+/gu) ?? [];
  const missing = words.filter((w) => !body.includes(w));
  return missing.length ? `"${missing.join(' ')}" is not in the body` : null;
}

const loaded = await loadFolder(path.resolve(seeds), { maxBytes: 1 << 20 });
const found = { summaries: [], passages: [], speakers: [] };
const blocks = new Map();
for (const article of loaded.articles) {
  const marker = markerOf(article.summary);
  if (marker) found.summaries.push({ id: article.id, marker, text: article.summary });
  for (const { text } of articleSentences(article)) {
    const m = markerOf(text);
    if (m) found.passages.push({ id: article.id, marker: m, text });
  }
  const body = [article.title, article.standfirst ?? '', ...article.headings, ...article.paragraphs].join('\n');
  const bySpeaker = new Map();
  for (const q of article.quotes) {
    const problem = speakerProblem(q.speaker, body);
    if (problem) bySpeaker.set(q.speaker, { id: article.id, marker: problem, text: `${q.speaker}: “${q.text}”` });
  }
  found.speakers.push(...bySpeaker.values());
  for (const f of article.furniture ?? []) {
    if (!blocks.has(f.kind)) blocks.set(f.kind, []);
    blocks.get(f.kind).push({ id: article.id, text: f.text });
  }
}

const cut = (s, n = 160) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
console.log(`${loaded.articles.length} articles from ${path.resolve(seeds)}`);
for (const [what, list] of Object.entries(found)) {
  const byMarker = {};
  for (const x of list) byMarker[x.marker.startsWith('"') ? 'name not in the body' : x.marker] = (byMarker[x.marker.startsWith('"') ? 'name not in the body' : x.marker] ?? 0) + 1;
  const detail = Object.entries(byMarker).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`\n${what} that are furniture: ${list.length}${detail ? ` (${detail})` : ''}`);
  for (const x of list.slice(0, examples)) console.log(`  ${x.id} [${x.marker}] ${cut(x.text)}`);
}
if (showBlocks) {
  const total = [...blocks.values()].reduce((n, l) => n + l.length, 0);
  console.log(`\nblocks set aside as furniture: ${total}`);
  for (const [kind, list] of blocks) {
    console.log(`  ${kind}: ${list.length}`);
    for (const x of list.slice(0, examples)) console.log(`    ${x.id}: ${cut(x.text, 140)}`);
  }
}
const total = found.summaries.length + found.passages.length + found.speakers.length;
console.log(
  `\nfurniture-check: summaries=${found.summaries.length} passages=${found.passages.length} speakers=${found.speakers.length} total=${total}`,
);
