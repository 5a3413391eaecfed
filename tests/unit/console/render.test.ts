import { describe, expect, it } from 'vitest';
import { reply } from '../../../src/commands/reply.js';
import { ANSI, markdownToText, renderReply, wrapText } from '../../../src/console/render.js';

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

describe('wrapText', () => {
  it('wraps between words at the width, keeping each line’s indentation', () => {
    const text = `   ${'word '.repeat(12).trim()}\nshort`;
    const lines = wrapText(text, 25).split('\n');
    expect(lines.every((l) => l.length <= 25)).toBe(true);
    expect(lines.slice(0, -1).every((l) => l.startsWith('   word'))).toBe(true);
    expect(lines.at(-1)).toBe('short');
  });

  it('does not count escape codes and never breaks a long word', () => {
    const styled = `${ANSI.bold('bold')} ${'x'.repeat(40)}`;
    expect(wrapText(styled, 30).split('\n')).toEqual([ANSI.bold('bold'), 'x'.repeat(40)]);
  });
});
