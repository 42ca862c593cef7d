import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('check --quiet', () => {
  it.each([
    ['conformant', EXIT.ok, undefined],
    // A client that accepts everything: every request that must be refused is a violation.
    [
      'violations',
      EXIT.violations,
      "export const client = { send: async () => ({ DeploymentId: 'd-1' }) };\n",
    ],
  ])('%s: the scorecard starts with its first line, not blank lines', async (_status, exit, module) => {
    const cwd = await mkdtemp(join(tmpdir(), 'check-quiet-'));
    dirs.push(cwd);
    const target: string[] = [];
    if (module !== undefined) {
      await writeFile(join(cwd, 'accept-all.mjs'), module);
      target.push('--target', 'client:./accept-all.mjs');
    }
    const io = captureIo({ cwd });
    const args = [
      'check',
      ...target,
      '--quiet',
      '--seed',
      '1',
      '--runs',
      '0',
      '--max-cases',
      '20',
      '--no-shrink',
    ];
    expect(await main([...args, '--report-dir', 'r'], io)).toBe(exit);
    expect(io.out()).not.toMatch(/^\s/);
    expect(io.out()).not.toMatch(/\n\n\n/);
  });
});
