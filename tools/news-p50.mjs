#!/usr/bin/env node
// Times /news one question at a time, in this process, on one warm library, as the console asks
// it: the bench's questions (npm run bench's measure phase, without everything else it does), for
// any build of newsbot, so two commits can be compared on the same scaled folder, alternated.
//
//   node tools/news-p50.mjs BUILD_DIR SEEDS_DIR CACHE_DIR [--rounds 3] [--profile FILE] [--per-question]
//
// BUILD_DIR is a built checkout (its dist/ is imported); SEEDS_DIR the articles (the bench's scaled
// copy, e.g. the BBC corpus copied 10 times); CACHE_DIR that build's own warm cache (the cache is
// per code version: two builds sharing one rebuild it in turn). The first run builds the cache and
// is not a measurement. Prints one JSON line: /news p50 and p99 on the wall clock (handler,
// JSON and console rendering, as the bench counts it), the CPU time p50 (process.cpuUsage: less
// moved by other jobs on a shared machine), and the first round's p50 (articles not yet analysed).
// --profile writes a CPU profile of the timed questions only (not the load). --per-question adds
// each question's median CPU time over the rounds (`perQuestionCpu`), to see which questions cost more.
import { writeFileSync } from 'node:fs';
import inspector from 'node:inspector/promises';
import path from 'node:path';

/** The bench's questions, from this checkout's build (whatever build is timed): one list for both. */
const { NEWS_QUERIES, WARMUP_QUERIES } = await import(
  new URL('../build/bench/news-queries.js', import.meta.url).href
);
/** As the bench: articles up to 1 MiB, 5 results per question. */
const MAX_ARTICLE_BYTES = 1024 * 1024;
const LIMIT = 5;

const [build, seeds, cache, ...flags] = process.argv.slice(2);
if (!build || !seeds || !cache) {
  console.error('usage: node tools/news-p50.mjs BUILD_DIR SEEDS_DIR CACHE_DIR [--rounds 3] [--profile FILE]');
  process.exit(2);
}
const flag = (name, fallback) => {
  const i = flags.indexOf(name);
  return i >= 0 ? flags[i + 1] : fallback;
};
const rounds = Number(flag('--rounds', '3'));
const profileFile = flag('--profile', null);
const perQuestion = flags.includes('--per-question');

const dist = (file) => import(path.join(path.resolve(build), 'dist', file));
const { LiveLibrary } = await dist('library/live.js');
const { runCommand } = await dist('commands/dispatch.js');
const { COMMANDS, findCommand } = await dist('commands/index.js');
const { renderReply } = await dist('console/render.js');

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const opened = performance.now();
const live = await LiveLibrary.open({
  seedsDir: path.resolve(seeds),
  maxArticleBytes: MAX_ARTICLE_BYTES,
  cacheDir: path.resolve(cache),
});
const openMs = performance.now() - opened;
if (!live.fromCache) await live.saveCache();
const news = findCommand('news');

/** One /news as the bench's measure phase times it: the snapshot taken per question, the reply rendered. */
async function ask(query) {
  const cpu = cpuMs();
  const started = performance.now();
  const context = {
    library: live.current,
    who: { userId: '1', username: 'bench', isAdmin: false },
    articleBaseUrl: null,
    commands: COMMANDS,
    now: new Date(),
  };
  const result = await runCommand(news, { query, limit: LIMIT }, context);
  JSON.stringify(result.reply);
  renderReply(result.reply);
  return { wall: performance.now() - started, cpu: cpuMs() - cpu };
}

for (const query of WARMUP_QUERIES) await ask(query);
let session = null;
if (profileFile) {
  session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const wall = [];
const cpu = [];
const firstRound = [];
/** Each question's CPU times, one per round. */
const cpuOf = new Map(NEWS_QUERIES.map((query) => [query, []]));
for (let r = 0; r < rounds; r++) {
  for (const query of NEWS_QUERIES) {
    const t = await ask(query);
    wall.push(t.wall);
    cpu.push(t.cpu);
    cpuOf.get(query).push(t.cpu);
    if (r === 0) firstRound.push(t.wall);
  }
}
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(profileFile, JSON.stringify(profile));
}

/** The bench's percentile: the sample at floor(p% of n) of the sorted samples. */
const percentile = (samples, p) => {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify({
    build,
    articles: live.current.size,
    fromCache: live.fromCache,
    openMs: Math.round(openMs),
    newsP50: ms(percentile(wall, 50)),
    newsP99: ms(percentile(wall, 99)),
    cpuP50: ms(percentile(cpu, 50)),
    firstRoundP50: ms(percentile(firstRound, 50)),
    ...(perQuestion && {
      perQuestionCpu: Object.fromEntries([...cpuOf].map(([query, times]) => [query, ms(percentile(times, 50))])),
    }),
  }),
);
process.exit(0);
