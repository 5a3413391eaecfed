import { type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';
import { jsonForTerminal } from './shown-text.js';

export type { Logger };

/** How deep a logged object is searched for secrets: log fields are shallow, error causes nest a little. */
const SCRUB_MAX_DEPTH = 8;

/**
 * Structured logs on stderr (stdout belongs to replies in the console). Any field that could hold a
 * secret is censored, whatever a caller passes in; every string that reaches a line (the message,
 * fields, an error's message, stack and request url) is scrubbed of tokens (scrubSecrets).
 */
export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stderr): Logger {
  const scrubbedError = (error: unknown) => scrubDeep(error);
  return pino(
    {
      level,
      base: { name: 'newsbot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'discordToken',
          '*.discordToken',
          'redisUrl',
          '*.redisUrl',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
      serializers: { err: scrubbedError, error: scrubbedError },
      formatters: { log: (object) => scrubDeep(object) as Record<string, unknown> },
      hooks: {
        // a log line may hold a client's url or an article's text: on a terminal it must not act
        streamWrite: jsonForTerminal,
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination as pino.DestinationStream,
  );
}

/** Interaction and webhook tokens in Discord URLs: /interactions/<id>/<token>/…, /webhooks/<app id>/<token>. */
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"']+/g;

/**
 * Removes anything shaped like a bot token, an interaction token or a webhook token from a message
 * before it is logged or shown.
 */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  // a token in a URL's path (an error's request url, a stack line)
  out = out.replace(URL_TOKEN, '$1[redacted]');
  // bot tokens: base64 id . timestamp . hmac
  return out.replace(/[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g, '[redacted]');
}

/** A copy of plain data with every string scrubbed; Errors are serialized first; cycles and depth are cut. */
export function scrubDeep(value: unknown, depth = 0, path = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= SCRUB_MAX_DEPTH || path.has(value)) return '[…]';
  // pino's error serializer gives an object of its own prototype: walked like plain data
  const data = value instanceof Error ? { ...pino.stdSerializers.err(value) } : value;
  const proto = Object.getPrototypeOf(data);
  const plain = Array.isArray(data) || proto === Object.prototype || proto === null;
  // a Date, a Map or a Buffer is logged as pino logs it; only plain data is walked
  if (!plain) return data;
  path.add(value);
  const out = Array.isArray(data)
    ? data.map((v) => scrubDeep(v, depth + 1, path))
    : Object.fromEntries(Object.entries(data).map(([k, v]) => [k, scrubDeep(v, depth + 1, path)]));
  path.delete(value);
  return out;
}
