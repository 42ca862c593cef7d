import { InputError } from './input-error.js';

/**
 * Throws one {@link InputError} line unless `value` is absent or an integer from `min` to `max`:
 * `NAME: expected an integer from MIN to MAX, got V`, the wording of every numeric option the
 * library checks (`checkTarget`, `replayFixtures`, `describeContract`, `createHttpTarget`). `name`
 * is how the message names the option; prefix it with the function for a call that is not
 * `checkTarget`'s (`createHttpTarget: timeoutMs`).
 *
 * @example
 * integerOption('timeoutMs', -5, 1, 3_600_000); // InputError: timeoutMs: expected an integer from 1 to 3600000, got -5
 */
export function integerOption(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InputError(`${name}: expected an integer from ${min} to ${max}, got ${String(value)}`);
  }
}
