import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_NICENESS,
  backgroundNiceness,
  lowerThisThreadPriority,
  MAX_NICENESS,
  thisThreadNiceness,
} from '../../src/thread-priority.js';

describe('backgroundNiceness', () => {
  it('is BACKGROUND_NICENESS below the starting thread, at most the lowest priority', () => {
    expect(backgroundNiceness(0)).toBe(BACKGROUND_NICENESS);
    expect(backgroundNiceness(5)).toBe(Math.min(MAX_NICENESS, 5 + BACKGROUND_NICENESS));
    expect(backgroundNiceness(MAX_NICENESS)).toBe(MAX_NICENESS);
  });

  it('never puts a background thread ahead of its starting thread (a bot run under nice -n 19)', () => {
    for (let niceness = -20; niceness <= MAX_NICENESS; niceness++)
      expect(backgroundNiceness(niceness)).toBeGreaterThanOrEqual(niceness);
  });
});

describe('lowerThisThreadPriority', () => {
  it.runIf(existsSync('/proc/thread-self'))("sets the calling thread's niceness, and only raises it", () => {
    const before = thisThreadNiceness();
    expect(before).not.toBeNull();
    const wanted = Math.max(before ?? 0, BACKGROUND_NICENESS);
    expect(lowerThisThreadPriority(wanted)).toBe(true);
    expect(thisThreadNiceness()).toBe(wanted);
    // asked for a higher priority than its own (as root it could): the thread keeps its own
    expect(lowerThisThreadPriority(0)).toBe(true);
    expect(thisThreadNiceness()).toBe(wanted);
  });
});
