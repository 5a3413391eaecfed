import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubSecrets } from '../../src/logger.js';
import { logLines } from '../helpers.js';

// made-up tokens of the shapes Discord uses
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQtcGFydC1vZi10aGUtdG9rZW4';
const CALLBACK = `https://discord.com/api/v10/interactions/123456789012345678/${INTERACTION_TOKEN}/callback?with_response=false`;
const WEBHOOK = `https://discord.com/api/v10/webhooks/234567890123456789/${INTERACTION_TOKEN}/messages/@original`;

function capture() {
  const { stream, lines } = logLines();
  return { logger: createLogger('debug', stream), lines };
}

describe('scrubSecrets', () => {
  it('redacts the token segment of interaction callback and webhook URLs, keeping the rest', () => {
    expect(scrubSecrets(CALLBACK)).toBe(
      'https://discord.com/api/v10/interactions/123456789012345678/[redacted]/callback?with_response=false',
    );
    expect(scrubSecrets(WEBHOOK)).toBe(
      'https://discord.com/api/v10/webhooks/234567890123456789/[redacted]/messages/@original',
    );
  });

  it('redacts bot tokens and given secrets', () => {
    const bot = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';
    expect(scrubSecrets(`token ${bot} and hunter2hunter2`, ['hunter2hunter2'])).toBe(
      'token [redacted] and [redacted]',
    );
  });
});

describe('createLogger', () => {
  it("redacts tokens in a Discord API error's url, message and stack", () => {
    const { logger, lines } = capture();
    const error = new DiscordAPIError(
      { code: 50035, message: 'Invalid Form Body' },
      50035,
      400,
      'POST',
      CALLBACK,
      { body: { type: 5 } },
    );
    error.stack = `${error.stack}\n    at request (${WEBHOOK})`;
    logger.error({ err: error, nested: { error } }, `failed at ${CALLBACK}`);
    const line = lines.join('');
    expect(line).toContain('/interactions/123456789012345678/[redacted]/callback');
    expect(line).not.toContain(INTERACTION_TOKEN);
    const entry = JSON.parse(line);
    expect(entry.err).toMatchObject({ code: 50035, status: 400, method: 'POST' });
    expect(entry.msg).toMatch(/^failed at https:/);
  });

  it('logs other fields as they are', () => {
    const { logger, lines } = capture();
    logger.info({ articles: 3, at: new Date(0), tags: ['a'] }, 'ready');
    expect(JSON.parse(lines[0]!)).toMatchObject({ articles: 3, at: '1970-01-01T00:00:00.000Z', tags: ['a'] });
  });
});
