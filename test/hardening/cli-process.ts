import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';

/** The repository root (two levels above this file). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'opsworks-contract.js');
const DIST_MAIN = join(ROOT, 'dist', 'cli', 'main.js');
/** The same two lines as the bin, importing the sources (through tsx) instead of dist/. */
const SOURCE_ENTRY = join(ROOT, 'test', 'hardening', 'cli-entry.ts');
/** tsx's loader by absolute URL: `--import tsx` would resolve from the child's cwd, a temp dir. */
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * How to start the real CLI in a child process: the bin itself (`node bin/opsworks-contract.js`)
 * when `dist/` is at least as new as every source file (a fresh `npm ci` in CI), otherwise the
 * sources through tsx with the bin's two lines, so a stale build is never what gets tested.
 */
export function cliCommand(): { command: string; args: string[]; via: 'bin' | 'sources' } {
  const fresh = existsSync(DIST_MAIN) && statSync(DIST_MAIN).mtimeMs >= newestMtime(join(ROOT, 'src'));
  return fresh
    ? { command: process.execPath, args: [BIN], via: 'bin' }
    : { command: process.execPath, args: ['--import', TSX_LOADER, SOURCE_ENTRY], via: 'sources' };
}

/** A CLI child process and what it printed. */
export interface CliChild {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or 128 + signal number when killed by a signal) once it ends. */
  exited: Promise<number>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * Starts `opsworks-contract ARGS` in a child process with `env` (the test's own environment is not
 * inherited beyond PATH, HOME and NODE_OPTIONS-free basics, so no real credentials leak in).
 */
export function spawnCli(args: string[], options: { cwd: string; env?: Record<string, string> }): CliChild {
  const { command, args: head } = cliCommand();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: options.cwd,
    // No shared config or credential files from the machine running the tests.
    AWS_CONFIG_FILE: join(options.cwd, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(options.cwd, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...options.env,
  };
  const child = spawn(command, [...head, ...args], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (t: string) => {
    out += t;
  });
  child.stderr?.setEncoding('utf8').on('data', (t: string) => {
    err += t;
  });
  const exited = new Promise<number>((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0)));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** What an in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `main(args)` in this process with a captured io (no TTY, the given cwd), so a test sees the
 * exit code and both streams without spawning. `onStderr` sees each stderr write as it happens.
 */
export async function runCliInProcess(
  args: string[],
  cwd: string,
  options: { signal?: AbortSignal; onStderr?: (text: string) => void } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
      options.onStderr?.(t);
    },
    isTTY: false,
    env: {},
    cwd,
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}
