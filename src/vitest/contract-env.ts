import { InputError } from '../errors/input-error.js';

/**
 * The integer `name` holds, or `undefined` when it is unset or blank; anything else, or a value below
 * `min`, is an {@link InputError} naming the variable and what it takes.
 */
function envInteger(
  name: string,
  env: Record<string, string | undefined>,
  min: number,
  what: string,
): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InputError(`${name}: expected ${what}, got '${raw}'; unset it or fix the value`);
  }
  return value;
}

/**
 * Reads a case count (a positive integer) from an environment variable, or `undefined` when it is
 * not set. A set but malformed value is an {@link InputError} naming the variable, so a typo in CI
 * fails loudly instead of silently running the default.
 *
 * @example
 * envRuns('OPSWORKS_CONTRACT_RUNS'); // 50 when OPSWORKS_CONTRACT_RUNS=50
 */
export function envRuns(
  name: string,
  env: Record<string, string | undefined> = process.env,
): number | undefined {
  return envInteger(name, env, 1, 'a positive integer');
}

/**
 * Reads a seed from an environment variable, or `undefined` when it is not set: any integer, negative
 * ones included, since fast-check prints negative seeds (`seed=-599543400`) and a printed seed must
 * replay. A set but malformed value is an {@link InputError} naming the variable.
 *
 * @example
 * envSeed('OPSWORKS_CONTRACT_SEED'); // -599543400 when OPSWORKS_CONTRACT_SEED=-599543400
 */
export function envSeed(
  name: string,
  env: Record<string, string | undefined> = process.env,
): number | undefined {
  return envInteger(name, env, Number.MIN_SAFE_INTEGER, 'an integer seed');
}

/** The environment variable that seeds `describeContract` when no `seed` option is given. */
export const SEED_ENV = 'OPSWORKS_CONTRACT_SEED';
/** The environment variable that sets cases per rule when no `numRuns` option is given. */
export const RUNS_ENV = 'OPSWORKS_CONTRACT_RUNS';
/** The environment variable the project's `properties/` suites read their target from. */
export const TARGET_ENV = 'OPSWORKS_CONTRACT_TARGET';
