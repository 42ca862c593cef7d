import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** tsx's loader by absolute URL, so a script in a temp dir can import the `.ts` sources. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** A source file's URL, as a string literal for a script's `import`. */
export function srcUrl(path: string): string {
  return JSON.stringify(pathToFileURL(join(ROOT, 'src', path)).href);
}

/**
 * Runs `body` as an ES module in a fresh Node process (nothing imported yet, the sources through
 * tsx), expects it to exit 0 on its own, and returns its last line of stdout parsed as JSON.
 *
 * @example
 * inFreshProcess(dir, `console.log(JSON.stringify(1 + 1));`); // 2
 */
export function inFreshProcess(dir: string, body: string): unknown {
  const script = join(dir, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(script, body);
  const child = spawnSync(process.execPath, ['--import', TSX_LOADER, script], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? 'null');
}
