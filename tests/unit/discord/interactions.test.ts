import { describe, expect, it } from 'vitest';
import { sanitizeChoices } from '../../../src/discord/interactions.js';

describe('sanitizeChoices', () => {
  it('keeps at most 25 unique choices with names and values within 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      name: `${'long title '.repeat(20)}${i}`,
      value: `${'v'.repeat(150)}${i}`,
    }));
    const out = sanitizeChoices([...many, ...many]);
    expect(out.length).toBeLessThanOrEqual(25);
    for (const c of out) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    expect(new Set(out.map((c) => c.value)).size).toBe(out.length);
  });
});
