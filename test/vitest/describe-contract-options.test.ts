import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import type { DescribeContractOptions } from '../../src/vitest/describe-contract.js';

/**
 * Options that would otherwise turn into something else: no level skips every rule (and the file
 * passes), a bad timeout comes back from every send as a contract violation ("target-answered"), a bad
 * test timeout is taken by vitest as none at all (0 or less) or as one that fires at once (NaN, past
 * 2^31 - 1 ms). Each is refused when the suite is registered, before any test is.
 */
const bad: Array<[string, DescribeContractOptions, string]> = [
  [
    'levels []',
    { levels: [] },
    'describeContract: levels: name at least one of documented, protocol, observed',
  ],
  [
    'timeoutMs -1',
    { timeoutMs: -1 },
    'describeContract: timeoutMs: expected an integer from 1 to 3600000, got -1',
  ],
  [
    'timeoutMs NaN',
    { timeoutMs: Number.NaN },
    'describeContract: timeoutMs: expected an integer from 1 to 3600000, got NaN',
  ],
  [
    'timeoutMs 0.5',
    { timeoutMs: 0.5 },
    'describeContract: timeoutMs: expected an integer from 1 to 3600000, got 0.5',
  ],
  [
    'testTimeoutMs 0',
    { testTimeoutMs: 0 },
    'describeContract: testTimeoutMs: expected an integer from 1 to 2147483647, got 0',
  ],
  [
    'testTimeoutMs -1',
    { testTimeoutMs: -1 },
    'describeContract: testTimeoutMs: expected an integer from 1 to 2147483647, got -1',
  ],
  [
    'testTimeoutMs NaN',
    { testTimeoutMs: Number.NaN },
    'describeContract: testTimeoutMs: expected an integer from 1 to 2147483647, got NaN',
  ],
  [
    'testTimeoutMs 2^31',
    { testTimeoutMs: 2 ** 31 },
    'describeContract: testTimeoutMs: expected an integer from 1 to 2147483647, got 2147483648',
  ],
];

describe('describeContract options: levels and timeouts', () => {
  it.each(bad)(
    'refuses %s with one InputError line when the suite is registered',
    async (_, options, message) => {
      const { describeContract } = await import('../../src/vitest/describe-contract.js');
      let error: unknown;
      try {
        describeContract('x', 'double', options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(message);
    },
  );
});
