import { resolve } from 'node:path';
import { type CheckResult, runChecks } from '../contract/check-catalog.js';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import type { Expectation, Level, World } from '../contract/types.js';
import type { Fixture } from '../fixtures/fixture.js';
import { loadFixtures } from '../fixtures/load-fixtures.js';
import type { Exchange, Target } from '../targets/target.js';

/** Options of {@link replayFixtures}. */
export interface ReplayOptions {
  /** A fixture file, or a directory of them (resolved from `cwd`). */
  path: string;
  /** Where to send them (a `--target` value); default `double`. */
  target?: string;
  /**
   * The world to judge by (and for `double`, to serve) instead of each fixture's own. Also what
   * `--allow-deployments` requires for an AWS target.
   */
  world?: World;
  /** Per-request timeout in milliseconds; default 10,000. */
  timeoutMs?: number;
  /** Where relative paths (fixtures, `msw:`/`client:` modules) resolve from; default `process.cwd()`. */
  cwd?: string;
  /** SigV4-sign requests (`http(s)`, `sdk:`). */
  sign?: boolean;
  /** Let an AWS target send fixtures that may succeed (needs `world`). */
  allowDeployments?: boolean;
  /** Response bytes kept per response; default 1 MB. */
  bodyCapBytes?: number;
  /** Levels whose checks may fail a fixture; default all. */
  levels?: readonly Level[];
  /** Stops sending; fixtures not yet replayed are left out of the results. */
  signal?: AbortSignal;
  /** Called with each target warning before anything is sent to it. */
  onWarning?: (text: string) => void;
  /** Called as each fixture is judged, in file order. */
  onResult?: (result: ReplayResult) => void;
}

/** One failed check on a replayed fixture. */
export interface ReplayFailure {
  check: string;
  rule?: string;
  level: Level;
  expected: string;
  observed: string;
  reason: string;
}

/** How one fixture fared. */
export type ReplayResult =
  | {
      path: string;
      fixture: Fixture;
      status: 'fixed' | 'still-failing';
      expectation: Expectation;
      exchange: Exchange;
      /** Failed checks; empty when fixed. */
      failures: ReplayFailure[];
      /** Throttled answers retried before the one judged. */
      throttledRetries: number;
    }
  | { path: string; fixture: Fixture; status: 'skipped'; why: string };

/** Everything a replay found. */
export interface ReplayReport {
  /** The display name of the target (never with credentials). */
  targetName: string;
  results: ReplayResult[];
  fixed: number;
  stillFailing: number;
  skipped: number;
  /** True when something was sent and every send failed to connect (exit 3). */
  unreachable: boolean;
  /** True when `signal` stopped the replay before every fixture was judged. */
  interrupted: boolean;
}

const THROTTLE_RETRIES = 3;

function worldKey(world: World): string {
  return JSON.stringify(world);
}

function isThrottled(exchange: Exchange): boolean {
  return exchange.kind !== 'transport-error' && exchange.classification.outcome === 'ThrottlingException';
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}

function failuresOf(results: readonly CheckResult[]): ReplayFailure[] {
  const failures: ReplayFailure[] = [];
  for (const r of results) {
    if (r.verdict.status !== 'failed') continue;
    const failure: ReplayFailure = {
      check: r.check,
      level: r.level,
      expected: r.verdict.expected,
      observed: r.verdict.observed,
      reason: r.verdict.reason,
    };
    if (r.rule !== undefined) failure.rule = r.rule;
    failures.push(failure);
  }
  return failures;
}

/**
 * Judges fixtures again against a target: each fixture's request is sent, the answer classified,
 * and every check run against what the oracle expects *now* (so a fixture written under an older
 * oracle is judged by the current rules). A fixture is `fixed` when no check fails, `still-failing`
 * otherwise (with expected vs observed per failed check), `skipped` when the target cannot express
 * it (an SDK target and a raw body, or the real-AWS gate). Throttled answers are retried a few
 * times with backoff. The world is each fixture's own unless `world` is given; the embedded double
 * serves that world. Bad input (fixtures, target spec, modules) throws `InputError` before anything
 * is sent. Never writes to the console: the CLI prints the results.
 *
 * @example
 * const report = await replayFixtures({ path: 'fixtures/regressions', target: 'http://127.0.0.1:4000' });
 * for (const r of report.results) console.log(r.status, r.path);
 */
export async function replayFixtures(options: ReplayOptions): Promise<ReplayReport> {
  const cwd = options.cwd ?? process.cwd();
  const spec = options.target ?? 'double';
  const loaded = await loadFixtures(resolve(cwd, options.path));
  const timeoutMs = options.timeoutMs ?? 10_000;
  // A function, not a property read: TypeScript would keep an earlier narrowing across awaits.
  const aborted = (): boolean => options.signal?.aborted === true;

  // One target per distinct world (the double serves it; the AWS gate judges by it), all resolved
  // before the first send, so a bad spec or module fails without anything sent.
  const targets = new Map<string, { world: World; target: Target }>();
  try {
    for (const { fixture } of loaded) {
      const world = options.world ?? fixture.world;
      const key = worldKey(world);
      if (targets.has(key)) continue;
      // Loaded on demand, as in checkTarget: the CLI imports this module for `replay`, and the network
      // adapters (undici, SigV4, the AWS SDK) cost every other command, `check` included, their start-up.
      const { resolveTarget } = await import('../targets/resolve-target.js');
      const target = await resolveTarget(spec, {
        world,
        timeoutMs,
        concurrency: 1,
        cwd,
        worldGiven: options.world !== undefined,
        ...(options.sign === true ? { sign: true } : {}),
        ...(options.allowDeployments === true ? { allowDeployments: true } : {}),
        ...(options.bodyCapBytes !== undefined ? { bodyCapBytes: options.bodyCapBytes } : {}),
      });
      targets.set(key, { world, target });
      for (const warning of target.warnings ?? []) options.onWarning?.(warning);
    }

    const results: ReplayResult[] = [];
    let sent = 0;
    let refused = 0;
    let interrupted = false;
    for (const { path, fixture } of loaded) {
      if (aborted()) {
        interrupted = true;
        break;
      }
      const entry = targets.get(worldKey(options.world ?? fixture.world));
      if (entry === undefined) throw new Error('replayFixtures: no target for a fixture world');
      const { world, target } = entry;
      const request = fixture.request;
      const why = target.cannotExpress(request);
      let result: ReplayResult;
      if (why !== undefined) {
        result = { path, fixture, status: 'skipped', why };
      } else {
        const sendOptions = options.signal !== undefined ? { signal: options.signal } : {};
        let exchange = await target.send(request, sendOptions);
        let throttledRetries = 0;
        while (isThrottled(exchange) && throttledRetries < THROTTLE_RETRIES && !aborted()) {
          throttledRetries++;
          await delay(100 * 2 ** throttledRetries, options.signal);
          exchange = await target.send(request, sendOptions);
        }
        if (exchange.kind === 'transport-error' && exchange.reason === 'aborted' && aborted()) {
          interrupted = true;
          break;
        }
        sent++;
        if (exchange.kind === 'transport-error' && exchange.reason === 'refused') refused++;
        const expectation = expectedOutcomes(request, world);
        const checks = runChecks(
          { request, expectation, exchange, world },
          options.levels !== undefined ? { levels: options.levels } : {},
        );
        const failures = failuresOf(checks);
        result = {
          path,
          fixture,
          status: failures.length === 0 ? 'fixed' : 'still-failing',
          expectation,
          exchange,
          failures,
          throttledRetries,
        };
      }
      results.push(result);
      options.onResult?.(result);
    }
    const count = (s: ReplayResult['status']): number => results.filter((r) => r.status === s).length;
    const first = targets.values().next().value;
    return {
      targetName: first?.target.name ?? spec,
      results,
      fixed: count('fixed'),
      stillFailing: count('still-failing'),
      skipped: count('skipped'),
      unreachable: sent > 0 && refused === sent,
      interrupted,
    };
  } finally {
    for (const { target } of targets.values()) await target.close();
  }
}
