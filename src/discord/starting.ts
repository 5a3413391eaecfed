import type { KeyObject } from 'node:crypto';
import {
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
} from 'discord-api-types/v10';
import type { Progress, ProgressState } from '../library/progress.js';
import { checkInteraction, type HttpAnswer, type InteractionHeaders } from './http.js';

// Discord's HTTP interactions while the bot is starting (issue 23): the starting face
// (web/starting.ts) holds WEB_PORT before the articles are read, and a 503 there makes Discord
// show "The application did not respond" and fail its endpoint check. Instead each interaction
// gets an answer of its own kind, after the same checks as the full server's (http.ts).

const count = (n: number) => n.toLocaleString('en-US');

/** What a user is told while the bot starts: how far along it is, and to ask again. */
export function startingNote(s: ProgressState): string {
  const again = 'Try again in a minute.';
  if (s.phase === 'reading') return `Starting: ${count(s.read)} of ${count(s.files)} articles read. ${again}`;
  if (s.phase === 'indexing articles' || s.phase === 'indexing quotations')
    return `Starting: ${count(s.files)} articles read, ${s.phase} ${count(s.indexed)} of ${count(s.toIndex)}. ${again}`;
  if (s.phase === 'restoring') return `Starting: restoring the index of ${count(s.files)} articles. ${again}`;
  return `Starting: ${count(s.files)} articles read and indexed, almost ready. ${again}`;
}

export interface StartingInteractionsOptions {
  publicKey: KeyObject;
  /** The start's progress, read on each interaction. */
  progress: Progress;
  now?: () => number;
}

/**
 * POST /interactions while starting: PING gets PONG, autocomplete an empty choice list, and a
 * command, a component press or a modal an ephemeral note of how far the start is (no mentions).
 * A bad signature is 401, exactly as once the bot answers.
 */
export function startingInteractions(options: StartingInteractionsOptions) {
  const now = options.now ?? Date.now;
  return async (raw: Buffer, headers: InteractionHeaders): Promise<HttpAnswer> => {
    const checked = checkInteraction(options.publicKey, raw, headers, now());
    if ('answer' in checked) return checked.answer;
    if (checked.interaction.type === InteractionType.ApplicationCommandAutocomplete) {
      const choices: APIInteractionResponse = {
        type: InteractionResponseType.ApplicationCommandAutocompleteResult,
        data: { choices: [] },
      };
      return { status: 200, body: choices };
    }
    const note: APIInteractionResponse = {
      type: InteractionResponseType.ChannelMessageWithSource,
      data: {
        content: startingNote(options.progress.state),
        flags: MessageFlags.Ephemeral,
        allowed_mentions: { parse: [] },
      },
    };
    return { status: 200, body: note };
  };
}
