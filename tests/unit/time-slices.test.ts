import { describe, expect, it, vi } from 'vitest';
import { TimeSlices } from '../../src/time-slices.js';

describe('TimeSlices', () => {
  it('is never due without a budget', () => {
    expect(new TimeSlices().due).toBe(false);
  });

  it('is due once the budget is used, and starts a new slice after a turn of the event loop', async () => {
    // the clock is moved, not waited for (setImmediate stays real: `next` needs a real turn)
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const slices = new TimeSlices(5);
      vi.advanceTimersByTime(4);
      expect(slices.due).toBe(false);
      vi.advanceTimersByTime(1);
      expect(slices.due).toBe(true);
      let turned = false;
      setImmediate(() => {
        turned = true;
      });
      await slices.next();
      expect(turned).toBe(true);
      expect(slices.due).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is due at once when its signal aborts, and next throws the reason', async () => {
    const controller = new AbortController();
    const slices = new TimeSlices(Number.POSITIVE_INFINITY, controller.signal);
    expect(slices.due).toBe(false);
    await slices.next();
    controller.abort(new Error('cancelled'));
    expect(slices.due).toBe(true);
    await expect(slices.next()).rejects.toThrow('cancelled');
  });

  it('gives tasks waiting for the same turn one slice: the first to resume starts it', async () => {
    const slices = new TimeSlices(0);
    const started = await Promise.all([slices.next(), slices.next(), slices.next()]);
    expect(started).toEqual([true, false, false]);
    // with a budget of 0 every slice is used up at once: each waiting task gets a turn of its own
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((k) => slices.wait().then(() => order.push(k))));
    expect(order).toHaveLength(3);
  });
});
