import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts', 'examples/**/*.test.ts'],
    // Property suites shrink counterexamples against real loopback servers; give them room.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
