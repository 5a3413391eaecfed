import { describe, expect, it } from 'vitest';
import {
  archiveNeedsMoreHeap,
  HEAP_SHARE_OF_MEMORY,
  HEAP_STOP_SHARE,
  HeapWatch,
  heapPlan,
  heapStopBytes,
  OutOfMemoryError,
  oldSpaceLimitBytes,
  reloadMemoryShortReason,
  YOUNG_GENERATION_BYTES,
} from '../../src/heap.js';
import { describeProgress, Progress, progressBar } from '../../src/library/progress.js';

const GB = 1024 ** 3;
const base = {
  setting: 'auto' as const,
  nodeOptions: undefined,
  execArgv: [],
  relaunched: false,
  memoryBytes: 24 * GB,
  currentLimitBytes: 4 * GB,
};

describe('the heap limit', () => {
  it('relaunches with a share of the machine when that is well above Node’s own limit', () => {
    expect(heapPlan(base)).toEqual({ relaunch: true, mb: Math.floor(24 * 1024 * HEAP_SHARE_OF_MEMORY) });
    // a small machine: Node's limit is about the share already
    expect(heapPlan({ ...base, memoryBytes: 6 * GB })).toMatchObject({ relaunch: false });
    // a number is used as it is
    expect(heapPlan({ ...base, setting: 2000 })).toEqual({ relaunch: true, mb: 2000 });
  });

  it('relaunches for an archive that may need it, not for a small folder', () => {
    expect(archiveNeedsMoreHeap(2_128, 4 * GB)).toBe(false);
    expect(archiveNeedsMoreHeap(21_280, 4 * GB)).toBe(false);
    expect(archiveNeedsMoreHeap(212_800, 4 * GB)).toBe(true);
  });

  it('leaves the limit alone when the operator set one, or said off, and never relaunches twice', () => {
    expect(heapPlan({ ...base, nodeOptions: '--max-old-space-size=8192' })).toMatchObject({
      relaunch: false,
    });
    expect(heapPlan({ ...base, execArgv: ['--max_old_space_size=8192'] })).toMatchObject({ relaunch: false });
    expect(heapPlan({ ...base, setting: 'off' })).toMatchObject({ relaunch: false });
    expect(heapPlan({ ...base, relaunched: true })).toMatchObject({ relaunch: false });
  });

  it('reads the old generation’s limit from --max-old-space-size, else the heap’s limit less the young generation', () => {
    const MB = 1024 * 1024;
    const heapSizeLimit = 4144 * MB;
    expect(oldSpaceLimitBytes({ execArgv: [], nodeOptions: undefined, heapSizeLimit })).toBe(
      heapSizeLimit - YOUNG_GENERATION_BYTES,
    );
    expect(
      oldSpaceLimitBytes({ execArgv: ['--max-old-space-size=60'], nodeOptions: undefined, heapSizeLimit }),
    ).toBe(60 * MB);
    // the command line wins over NODE_OPTIONS, and the last of each counts
    expect(
      oldSpaceLimitBytes({
        execArgv: ['--max_old_space_size=300', '--max-old-space-size=200'],
        nodeOptions: '--trace-warnings --max-old-space-size=8192',
        heapSizeLimit,
      }),
    ).toBe(200 * MB);
    expect(oldSpaceLimitBytes({ execArgv: [], nodeOptions: '--max-old-space-size 512', heapSizeLimit })).toBe(
      512 * MB,
    );
  });

  it('stops at HEAP_STOP_SHARE of a large limit, 8 MB short of a small one, never below half', () => {
    const MB = 1024 * 1024;
    expect(heapStopBytes(4096 * MB)).toBe(4096 * MB * HEAP_STOP_SHARE);
    expect(heapStopBytes(24 * MB)).toBe(16 * MB);
    expect(heapStopBytes(12 * MB)).toBe(6 * MB);
  });

  it('refuses a reload that the heap or the machine cannot hold, counting the search workers’ need', () => {
    const MB = 1024 * 1024;
    const workers = [{ bytes: 600 * MB, what: "the search workers' new copy" }];
    const fits = { limitBytes: 4096 * MB, usedBytes: 1000 * MB, externalBytes: 0, reserves: workers };
    // the new indexes: 0.5 of 1,000 MB; with the workers' 600 MB, 1,100 MB on the machine
    expect(reloadMemoryShortReason(0.5, { ...fits, availableBytes: 1100 * MB })).toBeNull();
    expect(reloadMemoryShortReason(0.5, { ...fits, availableBytes: 1099 * MB })).toBe(
      "not enough memory for a reload (the machine has 1,099 MB available and a reload needs about 500 MB for the new indexes and 600 MB for the search workers' new copy): give the machine more memory, lower SEARCH_WORKERS, or split the archive",
    );
    // what lives outside the heap grows with the indexes too
    expect(
      reloadMemoryShortReason(0.5, { ...fits, externalBytes: 2 * MB, availableBytes: 1100 * MB }),
    ).toMatch(/about 501 MB for the new indexes/);
    // the heap's own limit first, whatever the machine has
    expect(reloadMemoryShortReason(0.5, { ...fits, limitBytes: 1600 * MB, availableBytes: 1e15 })).toMatch(
      /^not enough memory for a reload \(the heap holds 1,000 MB of its 1,600 MB limit and a reload needs about 500 MB more\): raise HEAP_LIMIT_MB/,
    );
  });

  it('counts what the main thread held with its indexes, once it let them go', () => {
    const MB = 1024 * 1024;
    // the heap now holds the articles only (600 MB); with the indexes it held 1,000 MB and 100 MB outside
    const lean = { limitBytes: 4096 * MB, usedBytes: 600 * MB, externalBytes: 0, availableBytes: 549 * MB };
    expect(reloadMemoryShortReason(0.5, lean)).toBeNull();
    const atLeast = { usedBytes: 1000 * MB, externalBytes: 100 * MB };
    expect(reloadMemoryShortReason(0.5, { ...lean, atLeast })).toMatch(
      /a reload needs about 550 MB for the new indexes/,
    );
    expect(reloadMemoryShortReason(0.5, { ...lean, atLeast, availableBytes: 550 * MB })).toBeNull();
  });

  it('counts the text a reload reads back from the cache as held', () => {
    const MB = 1024 * 1024;
    // 600 MB held, the articles' text (400 MB) left in the cache's parts: the build holds it again
    const lean = { limitBytes: 4096 * MB, usedBytes: 600 * MB, externalBytes: 0, availableBytes: 499 * MB };
    expect(reloadMemoryShortReason(0.5, lean)).toBeNull();
    expect(reloadMemoryShortReason(0.5, { ...lean, readBackBytes: 400 * MB })).toMatch(
      /a reload needs about 500 MB for the new indexes/,
    );
  });

  it('stops long work with one line naming what was done, the memory and the setting', () => {
    const watch = new HeapWatch(1000);
    watch.check(() => 'not called');
    watch.liveBytes = 950;
    expect(watch.short).toBe(true);
    expect(() => watch.check(() => '12,000 of 212,800 files read')).toThrow(OutOfMemoryError);
    expect(() => watch.check(() => '12,000 of 212,800 files read')).toThrow(
      /^stopped: the articles do not fit in memory \(12,000 of 212,800 files read; heap 0 MB of its 0 MB limit\): raise HEAP_LIMIT_MB/,
    );
    watch.stop();
  });
});

describe('progress', () => {
  it('says how far a start is, its rate and the time left, in a line and a bar', () => {
    let now = 0;
    const progress = new Progress('start', () => now);
    progress.listed(1000);
    for (let i = 0; i < 250; i++) progress.record(i % 2 === 0);
    now = 5000;
    expect(progress.state).toMatchObject({ files: 1000, read: 250, parsed: 125, rate: 50, etaSeconds: 15 });
    expect(describeProgress(progress.state)).toBe(
      'start: reading 250/1,000 files (125 parsed, the rest unchanged), 50/s, about 15 s left',
    );
    expect(progressBar(progress.state)).toMatch(/^\[######\.{18}\] {2}25% start: reading/);
    progress.phase('indexing articles', 800);
    progress.step(400, 800);
    now = 7000;
    expect(describeProgress(progress.state)).toBe('start: indexing articles 400/800, 200/s, about 2 s left');
  });
});
