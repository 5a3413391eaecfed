// LiveLibrary.open with a cache folder starts the hashing worker, which runs the built
// dist/articles/hash-worker.js (workerScript): so this file is in the `built` project, whose global
// setup builds dist/ first, and in a fresh worker of its own for its vi.mock (vitest.config.ts).
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LiveLibrary } from '../../../src/library/live.js';
import { PLAIN_TEXT, SEED_FORMAT } from '../../fixtures/articles.js';
import { seedsFolder } from '../../helpers.js';

// the hashing worker, stood in for: `hang` makes it a worker that ends only when stopped
const stamping = vi.hoisted(() => ({ hang: false, signals: [] as (AbortSignal | undefined)[] }));
vi.mock('../../../src/articles/hash-files.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/articles/hash-files.js')>();
  return {
    ...real,
    stampFiles: (...args: Parameters<typeof real.stampFiles>) => {
      const signal = args[3];
      stamping.signals.push(signal);
      if (!stamping.hang) return real.stampFiles(...args);
      return new Promise<null>((resolve) => signal?.addEventListener('abort', () => resolve(null)));
    },
  };
});

describe('LiveLibrary.open and the hashing worker', () => {
  // inside a folder removed after the test
  const cacheDir = () => path.join(seedsFolder({}), 'cache');

  it('a first start stops the hashing (nothing to compare it with) instead of waiting for every file', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'apples.txt': PLAIN_TEXT });
    stamping.hang = true;
    stamping.signals = [];
    try {
      const live = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: cacheDir() });
      expect(live.current.size).toBe(2);
      expect(live.fromCache).toBe(false);
      expect(stamping.signals).toHaveLength(1);
      expect(stamping.signals[0]?.aborted).toBe(true);
    } finally {
      stamping.hang = false;
    }
  });

  it('a start with a saved cache waits for the hashes, and restores from it', async () => {
    const dir = seedsFolder({ 'ferry.txt': SEED_FORMAT, 'apples.txt': PLAIN_TEXT });
    const cache = cacheDir();
    await (await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: cache })).saveCache();
    stamping.signals = [];
    const again = await LiveLibrary.open({ seedsDir: dir, maxArticleBytes: 1e6, cacheDir: cache });
    expect(again.fromCache).toBe(true);
    expect(stamping.signals).toHaveLength(1);
    expect(stamping.signals[0]?.aborted).toBe(false);
  });
});
