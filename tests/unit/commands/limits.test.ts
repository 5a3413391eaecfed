import { describe, expect, it } from 'vitest';
import { embedLength, fitEmbeds, LIMITS } from '../../../src/commands/limits.js';

describe('fitEmbeds', () => {
  it('keeps every part within its own limit and the message within 6000 characters', () => {
    const huge = 'word '.repeat(2000);
    const embeds = Array.from({ length: 12 }, () => ({
      title: huge,
      description: huge,
      fields: [{ name: huge, value: `**${huge}**` }],
      footer: { text: huge },
    }));
    const out = fitEmbeds(embeds);
    expect(out).toHaveLength(LIMITS.embedsPerMessage);
    for (const e of out) {
      expect(e.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
      expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.fields![0]!.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(e.fields![0]!.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      expect((e.fields![0]!.value.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
    expect(out.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedsTotal);
  });

  it('leaves embeds that fit untouched', () => {
    const embeds = [{ title: 'A', description: 'B', fields: [{ name: 'C', value: 'D' }] }];
    expect(fitEmbeds(embeds)).toEqual(embeds);
  });
});
