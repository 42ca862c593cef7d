import { envRuns, envSeed, RUNS_ENV, SEED_ENV, TARGET_ENV } from 'opsworks-contract/vitest';

/**
 * Settings shared by the property suites, from the environment so users can point them at their own
 * target and turn the case counts up in a nightly job:
 * - `OPSWORKS_CONTRACT_TARGET`: what the conformance suite checks (default: the embedded double);
 * - `OPSWORKS_CONTRACT_RUNS`: cases per property (default: modest, so the folder runs in well under
 *   a minute on two cores);
 * - `OPSWORKS_CONTRACT_SEED`: the seed (default: random, printed on failure);
 * - `OPSWORKS_CONTRACT_READ_BACK=1`: read deployments back through DescribeDeployments (network
 *   targets; the embedded double always does).
 */
export const settings = {
  target: process.env[TARGET_ENV]?.trim() || 'double',
  runs: envRuns(RUNS_ENV),
  // Any integer: fast-check prints negative seeds, and a printed seed must replay.
  seed: envSeed(SEED_ENV),
  readBack: process.env.OPSWORKS_CONTRACT_READ_BACK === '1',
};

/** Cases for a property: `OPSWORKS_CONTRACT_RUNS` when set, else `fallback`. */
export function runsOr(fallback: number): number {
  return settings.runs ?? fallback;
}

/** fast-check parameters for a property: seed when set, and the number of runs. */
export function propertyParameters(fallbackRuns: number): { numRuns: number; seed?: number } {
  return { numRuns: runsOr(fallbackRuns), ...(settings.seed !== undefined && { seed: settings.seed }) };
}
