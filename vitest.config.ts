import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // CLI tests run the built bin; building once up front keeps them honest about what ships
    globalSetup: ['tests/global-setup.ts'],
  },
});
