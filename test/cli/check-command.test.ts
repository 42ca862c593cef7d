import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

async function run(args: string[], signal = new AbortController().signal) {
  const cwd = await mkdtemp(join(tmpdir(), 'check-cli-'));
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    env: {},
    cwd,
    signal,
  };
  const code = await main(['check', ...args], io);
  return { code, stdout, stderr, cwd };
}

/** A port nothing listens on: bind one, then close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('opsworks-contract check', () => {
  it.each([
    [['--runs', 'ten'], /--runs ten/],
    [['--runs=-3'], /--runs -3/],
    [['--rules', 'documented,guessed'], /unknown level 'guessed'/],
    [['--shard', '0/2'], /--shard 0\/2/],
    [['--timeout', '0'], /--timeout 0/],
    [['--concurrency', '1.5'], /--concurrency 1.5/],
    [['--world', 'missing-world.json'], /missing-world\.json/],
    [['--target', 'gopher://x'], /gopher/],
    [['--no-such-flag'], /no-such-flag/],
  ])('rejects %j with one line, exit 2 and nothing written', async (args, message) => {
    const { code, stderr, stdout, cwd } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
    expect(existsSync(join(cwd, 'reports'))).toBe(false);
  });

  it('with no flags checks the embedded double, prints the scorecard, writes reports/ and exits 0', async () => {
    const { code, stdout, stderr, cwd } = await run(['--seed', '3', '--runs', '50']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/stack-id-required\s+documented\s+pass/);
    expect(stdout).toContain('CONFORMANT');
    expect(stdout).toContain('seed 3');
    for (const f of ['report.json', 'junit.xml', 'report.md', 'report.html']) {
      expect(existsSync(join(cwd, 'reports', f))).toBe(true);
    }
    const report = JSON.parse(await readFile(join(cwd, 'reports', 'report.json'), 'utf8'));
    expect(report.summary.seed).toBe(3);
  });

  it('exits 3 when the target cannot be reached', async () => {
    const port = await closedPort();
    const { code, stderr } = await run([
      '--target',
      `http://127.0.0.1:${port}`,
      '--runs',
      '20',
      '--timeout',
      '2000',
      '--quiet',
    ]);
    expect(code).toBe(3);
    expect(stderr).toMatch(/unreachable/);
  });

  it('exits 130 when interrupted, with a partial report', async () => {
    const controller = new AbortController();
    controller.abort();
    const { code, cwd } = await run(['--runs', '1000', '--quiet'], controller.signal);
    expect(code).toBe(130);
    const report = JSON.parse(await readFile(join(cwd, 'reports', 'report.json'), 'utf8'));
    expect(report.summary.interrupted).toBe(true);
  });
});
