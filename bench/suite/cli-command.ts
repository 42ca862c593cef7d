import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bin users run (`npx opsworks-contract` ends up here). */
export const BIN = join(ROOT, 'bin', 'opsworks-contract.js');
const DIST_MAIN = join(ROOT, 'dist', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** True when `dist/` is at least as new as every file under `src/`. */
export function distIsFresh(): boolean {
  return existsSync(DIST_MAIN) && statSync(DIST_MAIN).mtimeMs >= newestSource(join(ROOT, 'src'));
}

/**
 * Whether this run measures `dist/`, decided once (at {@link ensureFreshDist}, or the first ask in a
 * quick run): one run measures one build. Asked afresh each time, a source saved while the bench ran
 * switched every later benchmark to the sources through tsx, whose loader a memory figure counts
 * (100k cases read 307 MB instead of ~220), and the long runs' figures did not say so.
 */
let measuresDist: boolean | undefined;

function useDist(): boolean {
  measuresDist ??= distIsFresh();
  return measuresDist;
}

/**
 * True when this run measures `dist/` and a source has changed since: its figures are those of the
 * build it started with, not of the sources as they now stand.
 */
export function sourcesChangedDuringRun(): boolean {
  return measuresDist === true && !distIsFresh();
}

/**
 * Makes `dist/` current (`tsc -p tsconfig.build.json`) when a source is newer, so the child
 * processes measure the code as it stands, through the bin users run; the rest of the run measures
 * that build. Returns what happened.
 */
export function ensureFreshDist(): 'fresh' | 'built' {
  measuresDist = true;
  if (distIsFresh()) return 'fresh';
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const out = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`npm run build failed:\n${out.stdout}${out.stderr}`);
  return 'built';
}

/**
 * How to start the CLI in a child process: `node bin/opsworks-contract.js` when `dist/` is fresh,
 * else the sources through tsx (the quick run does not rebuild; its figures only prove it works).
 */
export function cliCommand(): { command: string; args: string[]; via: 'bin' | 'sources' } {
  if (useDist()) return { command: process.execPath, args: [BIN], via: 'bin' };
  const loader = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return {
    command: process.execPath,
    args: ['--import', loader, join(ROOT, 'bench', 'suite', 'cli-entry.ts')],
    via: 'sources',
  };
}

/** The runner module, typed from the sources. */
export type CheckTargetModule = typeof import('../../src/runner/check-target.js');

/**
 * The runner as users run it: compiled `dist/` when fresh (tsx's transform adds a `__name` call to
 * every closure it creates, a few per case), else the sources (the quick run, which does not rebuild).
 */
export async function loadCheckTarget(): Promise<{ module: CheckTargetModule; via: 'dist' | 'sources' }> {
  if (useDist()) {
    const url = pathToFileURL(join(ROOT, 'dist', 'runner', 'check-target.js')).href;
    return { module: (await import(url)) as CheckTargetModule, via: 'dist' };
  }
  return { module: await import('../../src/runner/check-target.js'), via: 'sources' };
}
