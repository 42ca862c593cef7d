import { InputError } from '../errors/input-error.js';

/**
 * Reads a flag's text as a decimal number from `min` to `max` (fractions allowed, e.g. `0.25` or
 * `.5`), or throws one {@link InputError} in the wording `parseIntegerFlag` uses:
 * `--FLAG RAW: expected a number from MIN to MAX`.
 *
 * @example
 * parseNumberFlag('throttle-rate', '0.1', 0, 1); // 0.1
 * parseNumberFlag('throttle-rate', '1.5', 0, 1); // InputError: --throttle-rate 1.5: expected a number from 0 to 1
 */
export function parseNumberFlag(flag: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  // Number() alone would take '' (as 0), '0x10' and 'Infinity': a flag value is a plain decimal.
  const n = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError(`--${flag} ${raw}: expected a number from ${min} to ${max}`);
  }
  return n;
}
