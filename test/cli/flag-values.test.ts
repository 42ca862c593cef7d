import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'flag-values-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Runs `main(args)` in an empty temp dir; resolves to the exit code, stderr and what was written. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string; files: string[] }> {
  const cwd = await tempDir();
  const io = captureIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err(), files: await readdir(cwd) };
}

describe('a negative number after a flag that takes a value', () => {
  it.each([
    [['check', '--runs', '-1'], '--runs -1: expected an integer from 0 to 100000000'],
    [['check', '--concurrency', '-3'], '--concurrency -3: expected an integer from 1 to 1024'],
    [['check', '--timeout', '-5'], '--timeout -5: expected an integer from 1 to 3600000'],
    [['check', '--max-cases', '-1'], '--max-cases -1: expected an integer from 1 to 1000000000'],
    [['serve', '--port', '-1'], '--port -1: expected an integer from 0 to 65535'],
    [['serve', '--latency', '-1'], '--latency -1: expected a number from 0 to 3600000'],
    [['serve', '--throttle-rate', '-0.1'], '--throttle-rate -0.1: expected a number from 0 to 1'],
    [['generate', '--count', '-1', '--out', 'c'], '--count -1: expected an integer from 1 to 1000000'],
  ])('%j is the flag’s value, refused by its own range check (exit 2, one line)', async (args, message) => {
    const { code, err, files } = await run(args);
    expect(err).toBe(`opsworks-contract ${args[0]}: ${message}\n`);
    expect(code).toBe(EXIT.badInput);
    expect(files).toEqual([]);
  });

  it('check --seed -1 is a valid seed, as --seed=-1 is', async () => {
    const args = ['check', '--seed', '-1', '--runs', '0', '--max-cases', '1', '--quiet', '--report-dir', 'r'];
    const { code, out, err } = await run(args);
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(out).toContain('seed -1');
  });

  it('generate --seed -1 is a valid seed too', async () => {
    const { code, out, err } = await run(['generate', '--count', '1', '--seed', '-1', '--out', 'c']);
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(out).toContain('seed -1');
  });

  it('a flag followed by another flag still says the value is missing, with parseArgs’s whole hint', async () => {
    const { code, err } = await run(['check', '--seed', '--quiet']);
    expect(code).toBe(EXIT.badInput);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain("Option '--seed' argument is ambiguous.");
    expect(err).toContain("use '--seed=-XYZ'. (see --help)");
  });
});

describe('usage and range errors', () => {
  it.each([
    [['replay'], 'opsworks-contract replay: expected exactly one FIXTURE_OR_DIR'],
    [['merge'], 'opsworks-contract merge: expected the shard reports'],
  ])('%j names the command once', async (args, start) => {
    const { code, err } = await run(args);
    expect(code).toBe(EXIT.badInput);
    expect(err.startsWith(start), err).toBe(true);
  });

  it('keeps a message naming an argument spelled like the command whole', async () => {
    const { code, err } = await run(['merge', 'merge']);
    expect(code).toBe(EXIT.badInput);
    expect(err).toBe('opsworks-contract merge: merge: no such file or directory\n');
  });

  it.each([
    [['check', '--timeout', '0'], '--timeout 0: expected an integer from 1 to 3600000'],
    [['serve', '--port', '70000'], '--port 70000: expected an integer from 0 to 65535'],
    [['serve', '--port', '80.5'], '--port 80.5: expected an integer from 0 to 65535'],
    [['serve', '--throttle-rate', '1.5'], '--throttle-rate 1.5: expected a number from 0 to 1'],
    [['serve', '--latency', '1e10'], '--latency 1e10: expected a number from 0 to 3600000'],
    [['generate', '--count', 'abc', '--out', 'c'], '--count abc: expected an integer from 1 to 1000000'],
    [['generate', '--count', '0', '--out', 'c'], '--count 0: expected an integer from 1 to 1000000'],
    [
      ['generate', '--count', '1', '--seed', '1.5', '--out', 'c'],
      '--seed 1.5: expected an integer from -9007199254740991 to 9007199254740991',
    ],
  ])('%j is worded as check words it: --flag VALUE: expected ... from A to B', async (args, message) => {
    const { code, err } = await run(args);
    expect(err).toBe(`opsworks-contract ${args[0]}: ${message}\n`);
    expect(code).toBe(EXIT.badInput);
  });
});
