import { describe, expect, it } from 'vitest';
import { messageQuery, messageWords } from '../../../src/commands/message-text.js';

describe('messageWords', () => {
  it('takes out links, mentions, custom emoji, code and markdown, keeping masked links’ labels', () => {
    const text =
      'Look <@123456789012345678> <@!123456789012345678> <@&223456789012345678> <#323456789012345678> ' +
      '**bridge** tolls <:angry:423456789012345678> <a:wave:523456789012345678> https://example.com/a?b=c ' +
      '[the council report](https://example.com/r) `inline code` ```ts\nconst x = 1;\n``` @everyone <t:1700000000:R> done';
    expect(messageWords(text)).toBe('Look bridge tolls the council report done');
  });

  it('leaves nothing of a message that is only a link, a mention or an emoji', () => {
    for (const only of [
      'https://example.com/news/1',
      '<@123456789012345678>',
      '<:x:123456789012345678>',
      '```a b c```',
    ])
      expect(messageWords(only), only).toBe('');
  });

  it('keeps times and ratios, taking out only emoji shortcodes', () => {
    expect(messageWords('Talks at 10:30:00 :fire: ended 2:1:0')).toBe('Talks at 10:30:00 ended 2:1:0');
  });

  it('cuts a long message to the query limit at a word', () => {
    const long = 'bridge tolls '.repeat(200);
    const query = messageQuery(long, 300);
    expect(query.length).toBeLessThanOrEqual(300);
    expect(query.endsWith('bridge') || query.endsWith('tolls')).toBe(true);
  });
});
