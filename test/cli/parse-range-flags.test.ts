import { describe, expect, it } from 'vitest';
import { parseIntegerFlag } from '../../src/cli/parse-integer-flag.js';
import { parseNumberFlag } from '../../src/cli/parse-number-flag.js';
import { InputError } from '../../src/errors/input-error.js';

describe('parseIntegerFlag', () => {
  it.each([
    ['42', 42],
    [' 7 ', 7],
    ['-3', -3],
    ['0', 0],
  ])('reads %j as %d', (raw, n) => {
    expect(parseIntegerFlag('n', raw, -10, 100)).toBe(n);
  });

  it.each(['', 'abc', '2.5', '1e2', '0x10', '101', '-11', '+5', '99999999999999999999'])(
    'refuses %j in the one wording',
    (raw) => {
      expect(() => parseIntegerFlag('n', raw, -10, 100)).toThrow(InputError);
      expect(() => parseIntegerFlag('n', raw, -10, 100)).toThrow(
        `--n ${raw}: expected an integer from -10 to 100`,
      );
    },
  );
});

describe('parseNumberFlag', () => {
  it.each([
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1', 1],
    ['0', 0],
  ])('reads %j as %d', (raw, n) => {
    expect(parseNumberFlag('rate', raw, 0, 1)).toBe(n);
  });

  it.each(['', ' ', 'abc', '-0.1', '1.5', 'Infinity', 'NaN', '0x1', '1e-1'])(
    'refuses %j in the one wording',
    (raw) => {
      expect(() => parseNumberFlag('rate', raw, 0, 1)).toThrow(
        `--rate ${raw}: expected a number from 0 to 1`,
      );
    },
  );
});
