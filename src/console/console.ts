import { createInterface } from 'node:readline';
import { runCommand } from '../commands/dispatch.js';
import { ALL_COMMANDS, COMMANDS } from '../commands/index.js';
import { parseCommandLine } from '../commands/options.js';
import { errorReply } from '../commands/reply.js';
import type { CommandContext, Invoker, ReplyObserver, ReplyPayload } from '../commands/types.js';
import type { LiveLibrary, ReloadReport } from '../library/live.js';
import { utcDay } from '../library/time-words.js';
import { BUSY_MESSAGE, isSearchBusy, type Searcher } from '../search-pool/searcher.js';
import { terminalJson } from '../shown-text.js';
import { ANSI, PLAIN, renderReply, wrapText } from './render.js';

/** The person at the terminal runs the bot on their own machine, so they may do what an admin may. */
export const CONSOLE_USER: Invoker = { userId: '0', username: 'console', isAdmin: true };

export interface ConsoleReply {
  command: string | null;
  options: Record<string, unknown>;
  /** The day of `--now` (YYYY-MM-DD), or null when the console runs on the clock. */
  now: string | null;
  reply: ReplyPayload;
  results: unknown[];
  /** The days the search used and whether any of them answers (/news, /quote with time words). */
  window?: { since: string | null; until: string | null; matched: boolean } | null;
}

export interface ConsoleEnv {
  live: LiveLibrary;
  articleBaseUrl: string | null;
  /** The web pages' address while the web server runs (links point there). */
  publicUrl?: string | null;
  observe?: ReplyObserver;
  /** The moment every command is asked at (`--now`); absent or null: the clock when each is asked. */
  now?: Date | null;
  /** Where searches run (the worker pool); absent: in this thread. */
  searcher?: Searcher;
  /** /reload; absent: the live library's own. */
  reload?: () => Promise<ReloadReport> | null;
}

/** Answers one command line exactly as the Discord transport would answer the same command. */
export async function answerLine(line: string, env: ConsoleEnv): Promise<ConsoleReply> {
  const now = env.now ?? null;
  const echo = now && utcDay(now);
  const parsed = parseCommandLine(
    line,
    COMMANDS.map((c) => c.definition),
  );
  if (!parsed) {
    return {
      command: null,
      options: {},
      now: echo,
      reply: errorReply('Type a command, like `/news query:Lavrov talks` or `/help`.'),
      results: [],
    };
  }
  if ('error' in parsed)
    return { command: null, options: {}, now: echo, reply: errorReply(parsed.error), results: [] };
  const command = COMMANDS.find((c) => c.definition.name === parsed.name)!;
  const context: CommandContext = {
    library: env.live.current,
    who: CONSOLE_USER,
    now: now ?? new Date(),
    articleBaseUrl: env.articleBaseUrl,
    publicUrl: env.publicUrl ?? null,
    ...(env.observe ? { observe: env.observe } : {}),
    ...(env.searcher ? { searcher: env.searcher } : {}),
    // /help describes the message commands too, though only Discord has messages to use them on
    commands: ALL_COMMANDS,
    reload: env.reload ?? (() => env.live.reload()),
  };
  try {
    const result = await runCommand(command, parsed.raw, context);
    return {
      command: parsed.name,
      options: result.options,
      now: echo,
      reply: result.reply,
      results: result.results ?? [],
      ...(result.window !== undefined ? { window: result.window } : {}),
    };
  } catch (error) {
    if (isSearchBusy(error))
      return {
        command: parsed.name,
        options: parsed.raw,
        now: echo,
        reply: errorReply(BUSY_MESSAGE),
        results: [],
      };
    process.stderr.write(
      `error in /${parsed.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return {
      command: parsed.name,
      options: parsed.raw,
      now: echo,
      reply: errorReply('Something went wrong while answering; it has been logged.'),
      results: [],
    };
  }
}

/** One reply as a JSON line, or as text (styled and wrapped to the terminal's width when there is one). */
export function formatConsoleReply(reply: ConsoleReply, json: boolean, color: boolean): string {
  if (json) return terminalJson(reply);
  const text = renderReply(reply.reply, color ? ANSI : PLAIN);
  return process.stdout.isTTY ? wrapText(text, process.stdout.columns ?? 100) : text;
}

/** A person at a terminal (prompt and banner), rather than a program on a pipe (replies only). */
export function isInteractive(json: boolean): boolean {
  return process.stdin.isTTY === true && !json;
}

/**
 * Reads command lines from stdin and writes one reply for each, in order. With a terminal it shows
 * a prompt; with a pipe it is silent but for the replies, so other programs can drive it.
 */
export async function runConsole(
  env: ConsoleEnv,
  options: { json: boolean; banner?: string },
): Promise<void> {
  const interactive = isInteractive(options.json);
  const color = interactive && process.stdout.isTTY === true && !process.env.NO_COLOR;
  if (options.banner && interactive) process.stdout.write(`${options.banner}\n`);
  // a terminal gets a prompt, echo and line editing; a pipe gets nothing but the replies
  const rl = createInterface({
    input: process.stdin,
    terminal: interactive,
    ...(interactive ? { output: process.stdout, prompt: 'newsbot> ', historySize: 100 } : {}),
  });
  if (interactive) rl.prompt();
  for await (const line of rl) {
    const trimmed = line.trim();
    if (!trimmed) {
      if (interactive) rl.prompt();
      continue;
    }
    if (interactive && /^(exit|quit|\.exit)$/i.test(trimmed)) break;
    const reply = await answerLine(trimmed, env);
    process.stdout.write(`${formatConsoleReply(reply, options.json, color)}\n${options.json ? '' : '\n'}`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
