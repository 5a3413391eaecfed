import { type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * Structured logs on stderr (stdout belongs to replies in the console). Any field that could hold a
 * secret is censored, whatever a caller passes in.
 */
export function createLogger(level: LogLevel, destination: NodeJS.WritableStream = process.stderr): Logger {
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
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream,
  );
}

/** Removes anything shaped like a bot token or an interaction token from a message before it is logged or shown. */
export function scrubSecrets(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  // bot tokens: base64 id . timestamp . hmac
  return out.replace(/[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}/g, '[redacted]');
}
