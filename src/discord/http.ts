import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { REST } from 'discord.js';
import {
  type APIInteraction,
  type APIInteractionResponse,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';
import { handleInteraction, type InteractionDeps } from './interactions.js';
import { InteractionReply } from './respond.js';

// Discord's HTTP interactions: Discord POSTs every interaction to the app's Interactions Endpoint
// URL, signed with the app's Ed25519 key; the HTTP response is the interaction's first answer
// (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint).

/**
 * How far X-Signature-Timestamp may be from this host's clock, either way, in seconds. Discord
 * signs each request when it sends it and drops an interaction not answered within 3 s, so a
 * genuine request is seconds old; the rest of the window is for clock skew between Discord and the
 * host (NTP keeps it under a second; five minutes is the tolerance Stripe and Slack use for their
 * signed webhooks). An older request is a replay, refused before its body is read.
 */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** The application's public key (64 hex characters, from the developer portal) as a key object. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('an Ed25519 public key is 64 hexadecimal characters');
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

export type Verdict = { ok: true } | { ok: false; why: string };

/**
 * Whether a request is Discord's: X-Signature-Ed25519 (hex) must be the app key's signature of
 * X-Signature-Timestamp followed by the raw body, and the timestamp within the window of `nowMs`.
 */
export function verifyInteraction(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs: number,
): Verdict {
  if (!signature || !timestamp) return { ok: false, why: 'missing signature headers' };
  if (!/^[0-9a-f]{128}$/i.test(signature)) return { ok: false, why: 'malformed signature' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, why: 'malformed timestamp' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, why: 'stale timestamp' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  let valid = false;
  try {
    valid = verify(null, signed, key, Buffer.from(signature, 'hex'));
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, why: 'bad signature' };
}

/** What the web server sends back for one POST /interactions. */
export interface HttpAnswer {
  status: number;
  body: unknown;
  /** Called by the web server once the response is written: edits wait for it. */
  sent?: () => void;
}

export interface HttpInteractionsOptions {
  publicKey: KeyObject;
  /** Read per interaction: the web server's address is known only once it listens. */
  deps: () => InteractionDeps;
  /** For the interaction webhooks (edits and follow-ups); needs no bot token. */
  rest: REST;
  /** Told of each interaction's work, so a shutdown can wait for replies in flight; false: refused. */
  track: (work: Promise<void>) => boolean;
  now?: () => number;
}

/** The headers of one POST /interactions, as Node gives them. */
export type InteractionHeaders = Record<string, string | string[] | undefined>;

/**
 * The checks every POST /interactions passes before anything reads it, the same while the bot
 * starts (discord/starting.ts) and once it answers: the signature (401 when it does not verify),
 * then the JSON (400), then PING answered PONG (Discord's endpoint check). Returns the answer when
 * one of them settles the request, else the verified interaction.
 */
export function checkInteraction(
  publicKey: KeyObject,
  raw: Buffer,
  headers: InteractionHeaders,
  nowMs: number,
): { answer: HttpAnswer } | { interaction: APIInteraction } {
  const header = (name: string) => {
    const v = headers[name];
    return typeof v === 'string' ? v : undefined;
  };
  const verdict = verifyInteraction(
    publicKey,
    header('x-signature-ed25519'),
    header('x-signature-timestamp'),
    raw,
    nowMs,
  );
  if (!verdict.ok)
    return { answer: { status: 401, body: { error: `invalid request signature (${verdict.why})` } } };
  let interaction: APIInteraction;
  try {
    interaction = JSON.parse(raw.toString('utf8')) as APIInteraction;
  } catch {
    return { answer: { status: 400, body: { error: 'the body is not JSON' } } };
  }
  if (interaction.type === InteractionType.Ping)
    return { answer: { status: 200, body: { type: InteractionResponseType.Pong } } };
  return { interaction };
}

/**
 * The HTTP transport, a thin adapter: a verified interaction goes to the same handler as the
 * gateway's, and the handler's first answer (a reply, a deferral, an update, choices) becomes the
 * HTTP response; edits and follow-ups then go to the interaction's webhook, as in gateway mode.
 * PING is answered PONG. Nothing is logged of the body: it holds the interaction's token.
 */
export function httpInteractions(options: HttpInteractionsOptions) {
  const now = options.now ?? Date.now;
  return async (raw: Buffer, headers: InteractionHeaders): Promise<HttpAnswer> => {
    const checked = checkInteraction(options.publicKey, raw, headers, now());
    if ('answer' in checked) return checked.answer;
    const interaction = checked.interaction;
    let respond!: (body: APIInteractionResponse | null) => void;
    const first = new Promise<APIInteractionResponse | null>((resolve) => {
      respond = resolve;
    });
    let answered = false;
    let written!: () => void;
    const flushed = new Promise<void>((resolve) => {
      written = resolve;
    });
    const answer = new InteractionReply(interaction, options.rest, async (body) => {
      if (answered) throw new Error('this interaction was already answered');
      answered = true;
      respond(body);
      // an edit or a follow-up must not overtake the response it follows
      await flushed;
    });
    const work = handleInteraction(interaction, answer, options.deps()).finally(() => respond(null));
    if (!options.track(work)) return { status: 503, body: { error: 'shutting down' } };
    const body = await first;
    // a handler that answered nothing (it cannot happen for the interactions routed): Discord shows it failed
    if (!body) return { status: 500, body: { error: 'no answer' } };
    return { status: 200, body, sent: written };
  };
}
