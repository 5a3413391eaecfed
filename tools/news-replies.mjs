#!/usr/bin/env node
// Dumps the full answers to /news questions from one build, one JSON line per question, so two
// builds can be compared byte for byte (a speed-up must not change any answer, issue 18):
//
//   node tools/news-replies.mjs BUILD_DIR SEEDS_DIR CACHE_DIR [--questions FILE.jsonl] [--now DAY] > out.jsonl
//   cmp before.jsonl after.jsonl
//
// For each question it writes both what the search answers (queries/news.js `answerNews`, all
// results kept for paging, each with its passage, terms and other reports) and the reply the
// /news command renders (limit 5, and limit 2 for the paging buttons), then the same with the
// asking day moved to LATE_NOW (as the retrieval eval's --now none: every article exists). Without --questions the questions are the bench's (build/bench/news-queries.js
// of this checkout, as tools/news-p50.mjs); with it, a JSON-lines file of objects with `question`
// and, when --now is `question`, `question_date` (YYYY/MM/DD: the retrieval eval's format),
// read at run time (nothing of it is kept in the repository). --now DAY (YYYY-MM-DD, default
// 2005-06-01 for the bench's 2004-2005 BBC questions) is the day of asking for every question.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const MAX_ARTICLE_BYTES = 1024 * 1024;
/** The day of asking for the bench's questions: after the BBC corpus's articles (2004-2005). */
const DEFAULT_NOW = '2005-06-01';
/** The second day of asking for every question: after every corpus's articles, as asking today. */
const LATE_NOW = '2030-01-01';

const [build, seeds, cache, ...flags] = process.argv.slice(2);
if (!build || !seeds || !cache) {
  console.error(
    'usage: node tools/news-replies.mjs BUILD_DIR SEEDS_DIR CACHE_DIR [--questions FILE.jsonl] [--now DAY|question]',
  );
  process.exit(2);
}
const flag = (name, fallback) => {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : fallback;
};
const questionsFile = flag('--questions', null);
const nowFlag = flag('--now', DEFAULT_NOW);

const dist = (file) => import(path.join(path.resolve(build), 'dist', file));
const { LiveLibrary } = await dist('library/live.js');
const { answerNews } = await dist('queries/news.js');
const { runCommand } = await dist('commands/dispatch.js');
const { COMMANDS, findCommand } = await dist('commands/index.js');

/** [question, day of asking (YYYY-MM-DD)] pairs. */
let asked;
if (questionsFile) {
  asked = readFileSync(questionsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line))
    .map((q) => [
      q.question.replace(/\s+/g, ' ').trim(),
      nowFlag === 'question' ? q.question_date.replace(/\//g, '-') : nowFlag,
    ]);
} else {
  const { NEWS_QUERIES, WARMUP_QUERIES } = await import(
    new URL('../build/bench/news-queries.js', import.meta.url).href
  );
  asked = [...WARMUP_QUERIES, ...NEWS_QUERIES].map((q) => [q, nowFlag]);
}

const live = await LiveLibrary.open({
  seedsDir: path.resolve(seeds),
  maxArticleBytes: MAX_ARTICLE_BYTES,
  cacheDir: path.resolve(cache),
});
if (!live.fromCache) await live.saveCache();
const news = findCommand('news');

for (const [query, day] of asked) {
  for (const on of [day, LATE_NOW]) {
    const now = new Date(`${on}T12:00:00Z`);
    const library = live.current;
    const answer = answerNews(library, { query, since: null, until: null }, now);
    const context = {
      library,
      who: { userId: '1', username: 'compare', isAdmin: false },
      articleBaseUrl: null,
      commands: COMMANDS,
      now,
    };
    const replies = [];
    for (const limit of [5, 2]) replies.push((await runCommand(news, { query, limit }, context)).reply);
    console.log(JSON.stringify({ query, now: on, answer, replies }));
  }
}
process.exit(0);
