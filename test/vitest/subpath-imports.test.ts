import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inFreshProcess, ROOT } from '../fresh-process.js';

/**
 * The packages a module pulled in when imported in a fresh process: the CommonJS ones Node loaded
 * (undici, the AWS SDK and graphql, which msw imports, are all CommonJS here).
 */
function heavyPackagesLoadedBy(entries: readonly string[], dir: string): string[] {
  // Paths in this repository, or package names (resolved from the repository's node_modules).
  const fromRoot = createRequire(join(ROOT, 'package.json'));
  const specifiers = entries.map(
    (e) => pathToFileURL(e.startsWith('src/') ? join(ROOT, e) : fromRoot.resolve(e)).href,
  );
  return inFreshProcess(
    dir,
    `import { createRequire } from 'node:module';
for (const s of ${JSON.stringify(specifiers)}) await import(s);
const loaded = new Set();
for (const k of Object.keys(createRequire(import.meta.url).cache)) {
  const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(k);
  if (m && /^(undici|graphql|msw|@aws-sdk|@smithy)/.test(m[1])) loaded.add(m[1].split('\\\\').join('/').split('/')[0]);
}
console.log(JSON.stringify([...loaded].sort()));
`,
  ) as string[];
}

describe('what importing the vitest subpath costs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subpath-imports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads none of msw, undici or the AWS SDK: a suite pays for them only when its target needs them', () => {
    // Through the public index these were ~0.8 s of every test file's start.
    expect(heavyPackagesLoadedBy(['src/vitest/index.ts'], dir)).toEqual([]);
  }, 60_000);

  it('the probe sees them where they are loaded', () => {
    expect(heavyPackagesLoadedBy(['@aws-sdk/client-opsworks', 'undici', 'msw'], dir)).toEqual(
      expect.arrayContaining(['@aws-sdk', 'graphql', 'undici']),
    );
  }, 60_000);

  it('neither does the public index: each adapter imports its transport when it is made or first sends', () => {
    expect(heavyPackagesLoadedBy(['src/index.ts'], dir)).toEqual([]);
  }, 60_000);
});
