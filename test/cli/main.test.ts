import { describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

describe('main', () => {
  it('lists the commands with --help and exits 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(EXIT.ok);
    expect(io.out()).toMatch(/check .*\n.*serve/s);
  });

  it("keeps every command's flag help in a column apart from the flag's spelling", async () => {
    const { COMMANDS } = await import('../../src/cli/commands/index.js');
    for (const command of COMMANDS) {
      const io = captureIo();
      expect(await main([command.name, '--help'], io)).toBe(EXIT.ok);
      const flagLines = io
        .out()
        .split('\n')
        .filter((line) => line.startsWith('  --'));
      expect(flagLines.length).toBeGreaterThan(0);
      const columns = new Set(flagLines.map((line) => line.search(/(?<=\S {2,})\S/)));
      // One column, found on every line (-1 would be a spelling run into its help text).
      expect([...columns], command.name).toHaveLength(1);
      expect([...columns][0], command.name).toBeGreaterThan(0);
    }
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
