import { defineConfig } from 'vitest/config';

/**
 * Where a test lives says what it tests (docs/architecture.md, "Tests"): `tests/unit/<path>.test.ts`
 * or `tests/unit/<path>.<aspect>.test.ts` tests `src/<path>.ts`; `tests/integration/` holds the
 * tests of a path through several modules, run from the sources; `tests/e2e/` runs the built bin and
 * the bot as users run them. Which project runs a file says what it costs.
 *
 * Four projects; `npm test` runs them all. `unit` runs the domain and the handlers straight from
 * the sources, in memory: no build, no server on a port, no worker thread, no MiB input, so the
 * whole of it runs in seconds (`npm run test:unit`). `built` runs what needs dist/: the end-to-end
 * tests run the built bin (the CLI, the heap test with a tiny heap) and the bot as users run it;
 * the search- and parse-worker tests start dist/search-pool/worker.js,
 * dist/articles/parse-worker.js and dist/articles/hash-worker.js in worker threads (so does every
 * warm start in the cache and live hashing tests, through stampFiles); its global setup builds
 * dist/ from the current sources first, so what they test is what ships. `integration` runs from
 * the sources what is not a unit test for its size or its sockets: hostile inputs of up to
 * MAX_ARTICLE_BYTES (1 MiB) that prove the work stays linear, and the web server on real ports
 * (slow sockets, the port handover at start).
 */
export const BUILT_TESTS = [
  'tests/e2e/**/*.test.ts',
  'tests/unit/search-pool/**/*.test.ts',
  'tests/unit/articles/parse-pool.test.ts',
  'tests/unit/articles/hash-files.test.ts',
  'tests/unit/library/cache.test.ts',
  'tests/unit/library/live.hashing.test.ts',
];

export const INTEGRATION_TESTS = [
  'tests/integration/**/*.test.ts',
  'tests/unit/web/server.limits.test.ts',
  'tests/unit/web/starting.test.ts',
];

/**
 * Unit test files that change what the files after them would see, so they keep a fresh worker of
 * their own (`unit-isolated`, the fourth project). Every other unit file shares its worker's
 * modules (`isolate: false`): a fresh worker per file started vitest and imported the sources (for
 * some, discord.js or Fastify) again for each file, most of the run (test:unit 26-32 s of CPU before, 6-8 s after:
 * docs/performance.md). Sharing holds while no such file mocks a module (vi.mock), leaves a fake
 * clock or a spy in place, or changes its process or thread; a hook every file needs goes in
 * tests/setup.ts, which runs before each file, not in a module the tests import (evaluated once per
 * worker). `npm test` runs every project; `npm run test:unit` both unit ones.
 */
export const UNIT_ISOLATED_TESTS = [
  // lowers its thread's priority, which cannot be raised again: the files after it would run slower
  'tests/unit/thread-priority.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ['tests/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: [...BUILT_TESTS, ...INTEGRATION_TESTS, ...UNIT_ISOLATED_TESTS],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: UNIT_ISOLATED_TESTS },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION_TESTS },
      },
      {
        extends: true,
        test: { name: 'built', include: BUILT_TESTS, globalSetup: ['tests/global-setup.ts'] },
      },
    ],
  },
});
