import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { envRuns, envSeed } from '../../src/vitest/contract-env.js';

describe('envSeed', () => {
  it('takes any integer, so that a negative seed fast-check printed replays', () => {
    expect(envSeed('S', { S: '-599543400' })).toBe(-599_543_400);
    expect(envSeed('S', { S: '42' })).toBe(42);
    expect(envSeed('S', { S: ' ' })).toBeUndefined();
    expect(envSeed('S', {})).toBeUndefined();
  });

  it('refuses what is not an integer, naming the variable', () => {
    expect(() => envSeed('OPSWORKS_CONTRACT_SEED', { OPSWORKS_CONTRACT_SEED: '4.5' })).toThrow(InputError);
    expect(() => envSeed('OPSWORKS_CONTRACT_SEED', { OPSWORKS_CONTRACT_SEED: 'abc' })).toThrow(
      "OPSWORKS_CONTRACT_SEED: expected an integer seed, got 'abc'",
    );
  });
});

describe('envRuns', () => {
  it('takes a positive count', () => {
    expect(envRuns('R', { R: '7' })).toBe(7);
    expect(envRuns('R', {})).toBeUndefined();
  });

  it('refuses 0 and negative counts there, naming the variable rather than an option', () => {
    expect(() => envRuns('OPSWORKS_CONTRACT_RUNS', { OPSWORKS_CONTRACT_RUNS: '0' })).toThrow(
      "OPSWORKS_CONTRACT_RUNS: expected a positive integer, got '0'",
    );
    expect(() => envRuns('OPSWORKS_CONTRACT_RUNS', { OPSWORKS_CONTRACT_RUNS: '-3' })).toThrow(InputError);
  });
});
