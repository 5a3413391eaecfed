import { describe, expect, it } from 'vitest';
import { reply } from '../../src/commands/reply.js';
import { markdownToText, renderReply } from '../../src/console/render.js';

describe('renderReply', () => {
  it('shows content, embeds and fields as plain text without markdown', () => {
    const text = renderReply(
      reply(
        {
          content: '🔎 1 article for “x\\*y”',
          embeds: [
            {
              title: 'A title',
              url: 'https://example.org/a',
              description: 'Summary with **bold** words',
              fields: [{ name: 'Links', value: '<https://example.org/b>' }],
              footer: { text: '2026-01-14' },
              author: { name: 'Sergey Lavrov · Russian Foreign Minister' },
            },
          ],
        },
        true,
      ),
    );
    expect(text).toContain('(only you can see this)');
    expect(text).toContain('🔎 1 article for “x*y”');
    expect(text).toContain('A title');
    expect(text).toContain('— Sergey Lavrov · Russian Foreign Minister');
    expect(text).toContain('https://example.org/a');
    expect(text).toContain('Summary with bold words');
    expect(text).toContain('https://example.org/b');
    expect(text).not.toContain('**');
  });

  it('turns markdown links into label and url', () => {
    expect(markdownToText('• [Title](<https://e.org/x>)')).toBe('• Title (https://e.org/x)');
  });
});
