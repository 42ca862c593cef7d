import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { EXIT, main } from '../../src/cli/main.js';

function capture(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    isTTY: false,
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
    ...overrides,
  };
  return { io, out, err };
}

describe('main', () => {
  it('lists the commands with --help and exits 0', async () => {
    const { io, out } = capture();
    expect(await main(['--help'], io)).toBe(EXIT.ok);
    expect(out.join('')).toMatch(/check .*\n.*serve/s);
  });

  it('refuses an unknown command in one line, exit 2', async () => {
    const { io, err } = capture();
    expect(await main(['chek'], io)).toBe(EXIT.badInput);
    expect(err.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).toMatch(/unknown command 'chek'; expected one of check/);
  });

  it('refuses an unknown flag in one line, exit 2', async () => {
    const { io, err } = capture();
    expect(await main(['rules', '--nope'], io)).toBe(EXIT.badInput);
    expect(err.join('')).toMatch(/--nope.*see --help/);
  });

  it('reports its own bugs as internal errors (exit 70), never as violations (exit 1)', async () => {
    const { io, err } = capture({
      stdout: () => {
        throw new Error('stdout went away');
      },
    });
    expect(await main(['rules'], io)).toBe(EXIT.internal);
    expect(err.join('')).toMatch(/internal error: stdout went away \(a bug in opsworks-contract/);
    expect(err.join('')).not.toMatch(/at .*\.ts:\d+/);
  });
});
