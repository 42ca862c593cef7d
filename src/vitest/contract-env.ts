import { InputError } from '../errors/input-error.js';

/**
 * Reads a positive integer from an environment variable, or `undefined` when it is not set.
 * A set but malformed value is an {@link InputError} naming the variable, so a typo in CI fails
 * loudly instead of silently running the default.
 *
 * @example
 * envInteger('OPSWORKS_CONTRACT_RUNS'); // 50 when OPSWORKS_CONTRACT_RUNS=50
 */
export function envInteger(
  name: string,
  env: Record<string, string | undefined> = process.env,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InputError(`${name}: expected a non-negative integer, got '${raw}'; unset it or fix the value`);
  }
  return value;
}

/** The environment variable that seeds `describeContract` when no `seed` option is given. */
export const SEED_ENV = 'OPSWORKS_CONTRACT_SEED';
/** The environment variable that sets cases per rule when no `numRuns` option is given. */
export const RUNS_ENV = 'OPSWORKS_CONTRACT_RUNS';
/** The environment variable the project's `properties/` suites read their target from. */
export const TARGET_ENV = 'OPSWORKS_CONTRACT_TARGET';
