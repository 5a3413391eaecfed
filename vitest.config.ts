import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` runs the domain and the handlers straight from the sources: no build, so
 * one file's tests run in seconds (`npm run test:unit`). `built` runs what needs dist/: the CLI
 * tests run the built bin, the search- and parse-worker tests start dist/search-pool/worker.js,
 * dist/articles/parse-worker.js and dist/articles/hash-worker.js in worker threads, the heap test
 * runs the bin with a tiny heap, and the end-to-end tests run the bot as users run it; its global setup builds dist/ from
 * the current sources first, so what they test is what ships. `npm test` runs both.
 */
const BUILT_TESTS = [
  'tests/*.test.ts',
  'tests/e2e/**/*.test.ts',
  'tests/unit/search-pool/**/*.test.ts',
  'tests/unit/articles/parse-pool.test.ts',
  'tests/unit/heap-process.test.ts',
  'tests/unit/articles/hash-files.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: BUILT_TESTS },
      },
      {
        extends: true,
        test: { name: 'built', include: BUILT_TESTS, globalSetup: ['tests/global-setup.ts'] },
      },
    ],
  },
});
