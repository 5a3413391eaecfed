#!/usr/bin/env node
import path from 'node:path';
import dotenv from 'dotenv';
import { listArticleFiles, SeedsFolderError } from './articles/load.js';
import { reloadReply } from './commands/reload.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { answerLine, formatConsoleReply, isInteractive, runConsole } from './console/console.js';
import { PLAIN, renderReply } from './console/render.js';
import {
  archiveNeedsMoreHeap,
  heapLimitBytes,
  heapPlan,
  memoryBytes,
  OutOfMemoryError,
  relaunchWithHeap,
  wasRelaunched,
} from './heap.js';
import { LiveLibrary, openOptionsOf, type ReloadReport, textAsideAfterSave } from './library/live.js';
import { Progress, reportProgress } from './library/progress.js';
import { parseMoment } from './library/time-words.js';
import { createLogger } from './logger.js';
import { type RunningPool, reloadAndSwitch, startSearchPool } from './search-pool/start.js';
import { oneLine, terminalJson } from './shown-text.js';
import type { StartingWeb } from './web/starting.js';

const USAGE = `newsbot: answers questions about a folder of news articles, in Discord or in a terminal.

Usage:
  newsbot start   [--seeds DIR]            answer Discord: HTTP interactions (DISCORD_PUBLIC_KEY) or
                                           the gateway (DISCORD_TOKEN); neither: run the console
  newsbot console [--seeds DIR] [--json] [--now DAY]   read command lines from stdin, one reply each
  newsbot ask     [--seeds DIR] [--json] [--now DAY] "/news query:Lavrov talks limit:5"
  newsbot check   [--seeds DIR] [--json]   load and index the articles; exit 1 if none loads
  newsbot deploy  [--clear]                register the slash commands with Discord (or remove them)

--now asks as of a moment (YYYY-MM-DD, or an ISO time like 2022-09-02T15:04:05Z) instead of
the clock: later articles are left out and "this week" is that moment's week. --now none: the clock.

Settings come from the environment or a .env file; see .env.example.`;

interface Args {
  command: string;
  seeds: string | null;
  json: boolean;
  clear: boolean;
  /** `--now`: the moment commands are asked at; null: the clock. */
  now: Date | null;
  rest: string[];
}

function parseArgs(argv: string[]): Args | { error: string } {
  const args: Args = { command: 'start', seeds: null, json: false, clear: false, now: null, rest: [] };
  let commandSeen = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--clear') args.clear = true;
    else if (a === '--seeds' || a.startsWith('--seeds=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!value) return { error: '--seeds needs a folder' };
      args.seeds = value;
    } else if (a === '--now' || a.startsWith('--now=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value === undefined) return { error: '--now needs a day (YYYY-MM-DD), an ISO time or none' };
      const moment = parseMoment(value);
      if ('error' in moment) return { error: moment.error };
      args.now = moment.now;
    } else if (a === '--help' || a === '-h') args.command = 'help';
    else if (a.startsWith('--')) return { error: `unknown option ${a}` };
    else if (!commandSeen) {
      args.command = a;
      commandSeen = true;
    } else args.rest.push(a);
  }
  return args;
}

/**
 * Opens the library from the warm cache when it matches the folder, and refreshes the cache when it
 * did not. `serving`: the process goes on answering (console, start), so a snapshot it built leaves
 * its text in the cache once saved (textAsideAfterSave); a one-shot command (check, ask) ends first.
 */
async function openLibrary(
  config: Config,
  progress = new Progress('start'),
  serving = false,
): Promise<LiveLibrary> {
  // how far the start is: a bar redrawn in place at a terminal, else a line every few seconds
  const stopReporting = reportProgress(progress, (text) => process.stderr.write(text), {
    bar: process.stderr.isTTY === true,
  });
  let live: LiveLibrary;
  try {
    live = await LiveLibrary.open(openOptionsOf(config, progress));
  } finally {
    stopReporting();
  }
  // a damaged cache only costs time, but the operator should know why the start was slow
  if (live.cacheNote?.damaged)
    process.stderr.write(
      `newsbot: index cache not used (${oneLine(live.cacheNote.reason)}); built from the files\n`,
    );
  if (live.current.size > 0) {
    await live.saveCache().catch((error: unknown) => {
      process.stderr.write(
        `newsbot: could not save the index cache: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    });
    if (serving) await textAsideAfterSave(live);
  }
  return live;
}

/** How many article files the seeds folder holds (0 when it cannot be read: the start says why). */
async function countFiles(config: Config): Promise<number> {
  const listing = await listArticleFiles(config.seedsDir, { followLinks: config.seedsFollowLinks }).catch(
    () => null,
  );
  return listing?.files.length ?? 0;
}

function describeLoad(live: LiveLibrary, seedsDir: string): string {
  const lib = live.current;
  const skipped = lib.problems.filter((p) => p.severity === 'skipped').length;
  const warnings = lib.problems.length - skipped;
  return `${lib.size} article${lib.size === 1 ? '' : 's'} from ${oneLine(path.resolve(seedsDir))}${skipped ? `, ${skipped} file(s) skipped` : ''}${warnings ? `, ${warnings} warning(s)` : ''}`;
}

async function check(config: Config, json: boolean): Promise<number> {
  const live = await openLibrary(config);
  const lib = live.current;
  if (json) {
    const doc = {
      articles: lib.articles.map((a) => ({
        id: a.id,
        title: a.title,
        date: a.date,
        url: a.url,
        summary: a.summary,
        quotes: a.quotes.map((q) => ({ text: q.text, speaker: q.speaker, rule: q.rule })),
        // what parsing set aside as the page's furniture, so a wrong call is visible
        furniture: (a.furniture ?? []).map(({ kind, text }) => ({ kind, text })),
      })),
      problems: lib.problems.map(({ file, reason }) => ({ file, reason })),
    };
    // JSON escapes the C0 controls; terminalJson also the C1 and bidi controls a terminal would obey
    process.stdout.write(`${terminalJson(doc)}\n`);
  } else {
    process.stdout.write(`Loaded ${describeLoad(live, config.seedsDir)}.\n`);
    // a file's name and what it holds are the contributor's: one line each, nothing the terminal obeys
    for (const p of lib.problems)
      process.stdout.write(
        `  ${p.severity === 'skipped' ? 'skipped' : 'warning'}: ${oneLine(p.file)}: ${oneLine(p.reason)}\n`,
      );
  }
  return lib.size > 0 ? 0 : 1;
}

function webLine(server: { publicUrl: string; address: string }): string {
  return `Web pages: ${server.publicUrl}/  (listening on ${server.address})`;
}

/**
 * The console's web pages when WEB_PORT is set: their address is in the banner at a terminal, on
 * stderr for a program (stdout is for replies); SIGINT/SIGTERM close the server before the exit.
 */
async function startConsoleWeb(
  config: Config,
  live: LiveLibrary,
  json: boolean,
  now: Date | null,
  search: RunningPool | null,
  starting: StartingWeb | null,
) {
  if (config.webPort === null) return null;
  const { startConfiguredWeb } = await import('./web/server.js');
  // the terminal is for replies: the web server's routine info lines would land between them
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  // the pages answer as of the same moment as the console (`--now`)
  const web = await startConfiguredWeb(config, live, logger, undefined, { askedAt: now, search, starting });
  if (!web) return null;
  // at a terminal the banner says it, after what was loaded; a program reads it on stderr
  if (!isInteractive(json)) process.stderr.write(`${webLine(web.server)}\n`);
  const shutdown = () => {
    web.server.close().finally(() => process.exit(process.exitCode ?? 0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return web;
}

async function reloadOnSignal(reload: () => Promise<ReloadReport> | null): Promise<void> {
  const running = reload();
  if (!running) {
    process.stderr.write('newsbot: a reload is already running; SIGHUP ignored\n');
    return;
  }
  process.stderr.write('newsbot: SIGHUP: reloading the articles\n');
  const text = renderReply(reloadReply(await running).reply, PLAIN);
  process.stderr.write(`newsbot: ${text}\n`);
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if ('error' in args) {
    process.stderr.write(`newsbot: ${args.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env, args.seeds ? { seedsDir: args.seeds } : {});
  if (['check', 'ask', 'console', 'start'].includes(args.command)) {
    // a heap that fits the machine (see heap.ts): the same command again, with the limit set
    const plan = heapPlan({
      setting: config.heapLimitMb ?? 'auto',
      nodeOptions: process.env.NODE_OPTIONS,
      execArgv: process.execArgv,
      relaunched: wasRelaunched(),
      memoryBytes: memoryBytes(),
      currentLimitBytes: heapLimitBytes(),
    });
    // only for an archive that may need it: a relaunch doubles the start-up of a small folder
    if (
      plan.relaunch &&
      (config.heapLimitMb !== 'auto' || archiveNeedsMoreHeap(await countFiles(config), heapLimitBytes()))
    )
      return relaunchWithHeap(plan.mb);
  }

  switch (args.command) {
    case 'check':
      return check(config, args.json);
    case 'ask': {
      const line = args.rest.join(' ').trim();
      if (!line) {
        process.stderr.write(
          'newsbot ask: give a command line, e.g. newsbot ask "/news query:Lavrov talks"\n',
        );
        return 2;
      }
      const live = await openLibrary(config);
      const reply = await answerLine(line, { live, articleBaseUrl: config.articleBaseUrl, now: args.now });
      process.stdout.write(
        `${formatConsoleReply(reply, args.json, process.stdout.isTTY === true && !process.env.NO_COLOR)}\n`,
      );
      return 0;
    }
    case 'console':
    case 'start': {
      if (args.command === 'start' && (config.discordToken || config.discordPublicKey)) {
        const { startDiscord } = await import('./discord/bot.js');
        const code = await startDiscord(config);
        // the shutdown is complete, so the process ends now, as the console's does, rather than
        // when the last handle lets go: LiveLibrary.reload settles without waiting for a reload it
        // abandoned. That once kept the process alive on Node 24 (an abandoned load started its
        // parse pool after it had failed: fixed in loadFolder, and process.test.ts "SIGTERM during
        // a long reload" passes without this exit, 4 of 4 on Node 24); this exit stays so that no
        // such leftover can hold a stopped bot up. Logs to stderr are written synchronously.
        process.exit(code);
      }
      // with WEB_PORT, /healthz, /readyz (with the progress) and /metrics answer during the start
      const progress = new Progress('start');
      const starting =
        config.webPort === null
          ? null
          : await (await import('./web/starting.js')).startConfiguredStartingWeb(config, progress);
      const live = await openLibrary(config, progress, true).catch(async (error: unknown) => {
        await starting?.close();
        throw error;
      });
      const searching = await startSearchPool(config, live, {
        onProblem: (message) => process.stderr.write(`newsbot: ${message}\n`),
      }).catch((error: unknown) => {
        process.stderr.write(
          `newsbot: search workers could not start (${error instanceof Error ? error.message : String(error)}); searching in the main thread\n`,
        );
        return null;
      });
      // workers still loading keep the process alive: a start that fails ends them
      const web = await startConsoleWeb(config, live, args.json, args.now, searching, starting).catch(
        async (error: unknown) => {
          await searching?.close();
          await starting?.close();
          throw error;
        },
      );
      const banner =
        (args.command === 'start'
          ? 'No DISCORD_TOKEN or DISCORD_PUBLIC_KEY set: running the local console instead of Discord.\n'
          : '') +
        `Loaded ${describeLoad(live, config.seedsDir)}.\n` +
        (web ? `${webLine(web.server)}\n` : '') +
        'Type /help, or ask: /news What did Lavrov say about Macron?  (Ctrl-D or "exit" to quit)';
      // as in Discord, `kill -HUP <pid>` reloads; the report goes to stderr, away from the replies
      const reload = reloadAndSwitch(live, searching?.pool ?? null);
      process.on('SIGHUP', () => void reloadOnSignal(reload));
      await runConsole(
        {
          live,
          articleBaseUrl: config.articleBaseUrl,
          now: args.now,
          publicUrl: web?.server.publicUrl ?? null,
          ...(web ? { observe: web.metrics.observe } : {}),
          reload,
          ...(searching ? { searcher: searching.searcher } : {}),
        },
        { json: args.json, banner },
      );
      await web?.server.close();
      await searching?.close();
      return 0;
    }
    case 'deploy': {
      const { deployCommands } = await import('./discord/deploy.js');
      return deployCommands(config, { clear: args.clear });
    }
    default:
      process.stderr.write(`newsbot: unknown command "${args.command}"\n\n${USAGE}\n`);
      return 2;
  }
}

// `newsbot check | head` closes the pipe early: that is the reader's choice, not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof ConfigError ||
      error instanceof SeedsFolderError ||
      error instanceof OutOfMemoryError ||
      (error instanceof Error && error.name === 'WebServerError')
    ) {
      process.stderr.write(`newsbot: ${error.message}\n`);
    } else {
      process.stderr.write(
        `newsbot: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = 1;
    // out of memory: exit now. Letting the event loop wind down (workers, timers, open handles)
    // still allocates, and with the heap this full V8 could abort after the line above (seen in
    // heap-process.test.ts in 1 of 2 CI runs). The cache's parts written so far are on disk already.
    if (error instanceof OutOfMemoryError) process.exit(1);
  },
);
