import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

describe('main', () => {
  it('lists the commands with --help and exits 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toMatch(/check .*\n.*serve/s);
  });

  it('refuses an unknown command in one line, exit 2', async () => {
    const io = captureIo();
    expect(await main(['chek'], io)).toBe(EXIT.badInput);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(io.err()).toMatch(/unknown command 'chek'; expected one of check/);
  });

  it('refuses an unknown flag in one line, exit 2', async () => {
    const io = captureIo();
    expect(await main(['rules', '--nope'], io)).toBe(EXIT.badInput);
    expect(io.err()).toMatch(/--nope.*see --help/);
  });

  it('reports its own bugs as internal errors (exit 70), never as violations (exit 1)', async () => {
    const io = captureIo({
      stdout: () => {
        throw new Error('stdout went away');
      },
    });
    expect(await main(['rules'], io)).toBe(EXIT.internal);
    expect(io.err()).toMatch(/internal error: stdout went away \(a bug in opsworks-contract/);
    expect(io.err()).not.toMatch(/at .*\.ts:\d+/);
  });
});
