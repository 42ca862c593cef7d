import { InputError } from '../errors/input-error.js';

/**
 * Reads a flag's text as a whole number from `min` to `max` (decimal digits, an optional leading
 * minus, surrounding spaces ignored), or throws one {@link InputError} worded the same way for every
 * command and every kind of mistake (not a number, a fraction, out of range):
 * `--FLAG RAW: expected an integer from MIN to MAX`. One wording, because users read the range to
 * fix the value whichever mistake they made.
 *
 * @example
 * parseIntegerFlag('port', '8080', 0, 65535); // 8080
 * parseIntegerFlag('port', '70000', 0, 65535); // InputError: --port 70000: expected an integer from 0 to 65535
 */
export function parseIntegerFlag(flag: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  // Number() alone would take '', '0x10', '1e3' and ' 2.0 ': a flag value is plain digits.
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(`--${flag} ${raw}: expected an integer from ${min} to ${max}`);
  }
  return n;
}
