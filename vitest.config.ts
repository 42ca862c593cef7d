import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples and property suites import the package by name, as users do; inside the repo that
    // name means the sources, so tests never run against a stale dist/.
    alias: [
      { find: /^opsworks-contract\/vitest$/, replacement: src('vitest/index.ts') },
      { find: /^opsworks-contract$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts', 'examples/**/*.test.ts'],
    // Property suites shrink counterexamples against real loopback servers; give them room.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
