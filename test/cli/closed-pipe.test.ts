import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The bin's two lines over the sources, so the real process streams (not a captured io) are used. */
const ENTRY = join(ROOT, 'test', 'hardening', 'cli-entry.ts');
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/**
 * Runs the CLI with stdout a pipe whose reading end is closed before the CLI starts, as in
 * `opsworks-contract rules | head -1` once head has exited: every write to stdout fails with EPIPE.
 */
function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: ROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a closed stdout', () => {
  it.each([[['rules', '--json']], [['rules']]])(
    '%j ends quietly with 141 (128 + SIGPIPE), no stack trace',
    async (args) => {
      const { code, stderr } = await runIntoClosedPipe(args);
      expect(stderr).toBe('');
      expect(code).toBe(141);
    },
  );
});
