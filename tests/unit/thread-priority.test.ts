import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_NICENESS,
  lowerThisThreadPriority,
  thisThreadNiceness,
} from '../../src/thread-priority.js';

describe('lowerThisThreadPriority', () => {
  it.runIf(existsSync('/proc/thread-self'))("sets the calling thread's niceness, and only raises it", () => {
    const before = thisThreadNiceness();
    expect(before).not.toBeNull();
    const wanted = Math.max(before ?? 0, BACKGROUND_NICENESS);
    expect(lowerThisThreadPriority(wanted)).toBe(true);
    expect(thisThreadNiceness()).toBe(wanted);
  });
});
