import type { Level, World } from '../contract/types.js';
import type { Target } from '../targets/target.js';
import type { RunEventListener } from './run-events.js';
import type { ShardOption } from './run-result.js';

/**
 * Options of `checkTarget`. Every field is optional; the CLI's `check` flags are declared against
 * this type, so a flag and its option cannot drift apart.
 *
 * @example
 * const result = await checkTarget({ target: 'http://127.0.0.1:4566', runs: 500, seed: 42, reportDir: null });
 */
export interface CheckOptions {
  /** A `Target`, or a spec resolved with `resolveTarget` (`double`, `http://…`, `sdk:…`, `aws:…`, `msw:…`, `client:…`). Default `double`. */
  target?: Target | string;
  /** The IDs that exist on the target. Default: the default world (`fixtures/world.json`). */
  world?: World;
  /** True when the user named the world (`--world`); the `aws:` gate requires it for deployments. */
  worldGiven?: boolean;
  /** Cases in the random phase (after the coverage phase). Default 200. */
  runs?: number;
  /** Seed of the whole run; the same seed reproduces the same cases. Default: random, always reported. */
  seed?: number;
  /** Requests in flight at once. Default 16 (the in-process double is driven synchronously in batches). */
  concurrency?: number;
  /** Per-request timeout in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** The levels whose rules can fail the run. Default all three. */
  levels?: readonly Level[];
  /** Where `report.json`, `junit.xml`, `report.md` and `report.html` go; `null` writes none. Default `reports`. */
  reportDir?: string | null;
  /** When set, one fixture file per failure group is written here. */
  fixturesDir?: string;
  /** Run only this deterministic slice of the cases. */
  shard?: ShardOption;
  /** Read created deployments back through DescribeDeployments. Default: on when the target can. */
  readBack?: boolean;
  /** Aborting it stops the run; the result is marked `interrupted` and reports are still written. */
  signal?: AbortSignal;
  /** Receives progress events (see `RunEvent`). */
  onEvent?: RunEventListener;
  /** Shrink one representative per failure group to a minimal counterexample. Default true. */
  shrink?: boolean;
  /** Upper bound of sends spent shrinking one group. Default 200. */
  maxShrinkSends?: number;
  /** Upper bound of time spent shrinking one group, in milliseconds. Default 20 000. */
  maxShrinkMs?: number;
  /** Where relative paths (report dir, fixtures dir, module targets) resolve. Default `process.cwd()`. */
  cwd?: string;
  /** Sign requests with SigV4 (http targets). */
  sign?: boolean;
  /** Let an `aws:` target send cases the oracle expects to succeed (needs `world` and `worldGiven`). */
  allowDeployments?: boolean;
  /**
   * Upper bound on the cases of the whole run (coverage and random phases together). When reached,
   * the run stops taking cases, says so in its notes, and still shrinks and reports. Default: none.
   */
  maxCases?: number;
  /**
   * Processes sharing the random phase against the embedded double (`target: 'double'`): this one
   * and `workers - 1` worker processes, each with its own copy of the double, taking chunks of cases
   * as they are free. The cases, verdicts and report are the same for any number. Default: one per
   * core (up to 8) for runs of 40,000 cases or more, else 1 (no worker: the run stays in this
   * process). Other targets always run in this process.
   */
  workers?: number;
  /** Cases per generator category in the coverage phase. Default 4. */
  coveragePerCategory?: number;
}

/** The defaults `checkTarget` applies. */
export const CHECK_DEFAULTS = {
  target: 'double',
  runs: 200,
  concurrency: 16,
  timeoutMs: 10_000,
  reportDir: 'reports',
  shrink: true,
  maxShrinkSends: 200,
  maxShrinkMs: 20_000,
  coveragePerCategory: 4,
} as const;
