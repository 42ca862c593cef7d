import { relative } from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, it, type TestContext } from 'vitest';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import { getRule } from '../contract/rule-catalog.js';
import type { Case, Level, World } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { integerOption } from '../errors/integer-option.js';
import { createDeploymentArbitraries } from '../generators/create-deployment-arbitraries.js';
import { shellQuote, shellWord } from '../io/shell-quote.js';
import { levelsOption } from '../runner/levels-option.js';
import { resolveTarget } from '../targets/resolve-target.js';
import type { Target } from '../targets/target.js';
import { loadDefaultWorld } from '../world/load-world.js';
import { envRuns, envSeed, RUNS_ENV, SEED_ENV, TARGET_ENV } from './contract-env.js';
import { formatRuleFailure } from './format-rule-failure.js';
import { judgeRuleCase, type RuleCaseCounts, RuleViolation, type SuiteHealth } from './judge-rule-case.js';
import { planRuleTests, type RuleTestKind, type RuleTestPlan } from './plan-rule-tests.js';

/** What `describeContract` checks: a target, a `--target` spec, or a function giving either (called once, before the tests). */
export type ContractTarget = Target | string | (() => Target | string | Promise<Target | string>);

/** How one rule's test ended, for {@link DescribeContractOptions.onRuleResult}. */
export interface RuleTestResult {
  rule: string;
  kind: RuleTestKind;
  status: 'passed' | 'failed' | 'skipped';
  seed: number;
  counts: RuleCaseCounts;
  /** Why the test was skipped. */
  why?: string;
}

/** Options of {@link describeContract}. */
export interface DescribeContractOptions {
  /** The IDs that exist on the target. Default: the default world (the one the embedded double serves). */
  world?: World;
  /** Seed of every rule's property. Default: `OPSWORKS_CONTRACT_SEED`, else random; printed on failure. */
  seed?: number;
  /** Cases each rule judges. Default: `OPSWORKS_CONTRACT_RUNS`, else 100. */
  numRuns?: number;
  /** Levels whose rules are tested; the others are registered as skipped. Default: all three. */
  levels?: readonly Level[];
  /** Test only these rule ids (the others are registered as skipped). */
  rules?: readonly string[];
  /** Per-request timeout for spec targets, in milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Timeout of each rule's test (all its cases and the shrinking), in milliseconds. Default 120 000. */
  testTimeoutMs?: number;
  /** Read created deployments back through DescribeDeployments (spec targets over HTTP). Default false; the embedded double always can. */
  readBack?: boolean;
  /** SigV4-sign requests (http and sdk: spec targets). */
  sign?: boolean;
  /** Where `msw:` and `client:` module paths resolve. Default `process.cwd()`. */
  cwd?: string;
  /** Called after each rule's test with its counts (for logs and dashboards). */
  onRuleResult?: (result: RuleTestResult) => void;
}

/** Rules whose cases are cheap to set aside (decided before sending) tolerate more skips per run. */
const MAX_SKIPS: Record<RuleTestKind, number> = { oracle: 100, check: 4, stateful: 4, unreached: 0 };
const DEFAULT_RUNS = 100;

/** The longest delay a Node timer takes (a longer one fires at once). */
const MAX_TIMER_MS = 2_147_483_647;

/** Options are checked when the suite is registered, so a typo fails loudly instead of skipping rules. */
function checkOptions(options: DescribeContractOptions, numRuns: number): void {
  if (!Number.isSafeInteger(numRuns) || numRuns < 1) {
    throw new InputError(`describeContract: numRuns ${numRuns}: expected a positive integer`);
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new InputError(`describeContract: seed ${options.seed}: expected an integer`);
  }
  for (const id of options.rules ?? []) {
    if (getRule(id) === undefined) {
      throw new InputError(`describeContract: rules: unknown rule '${id}'; see \`opsworks-contract rules\``);
    }
  }
  // No level at all would register every rule's test as skipped, and the file would pass.
  levelsOption('describeContract: levels', options.levels);
  integerOption('describeContract: timeoutMs', options.timeoutMs, 1, 3_600_000);
  // Vitest takes 0 or less as no timeout at all, and a timer past 2^31 - 1 ms fires at once.
  integerOption('describeContract: testTimeoutMs', options.testTimeoutMs, 1, MAX_TIMER_MS);
}

function pickSeed(option: number | undefined): number {
  const seed = option ?? envSeed(SEED_ENV);
  return seed ?? Math.floor(Math.random() * 0x7fff_ffff);
}

/**
 * An error whose stack is its message alone: the message already says everything, and a code frame
 * pointing into this file would only distract from the counterexample.
 */
function bareError(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}

function topReasons(setAside: Record<string, number>): string {
  return Object.entries(setAside)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([why, n]) => `${why} (${n})`)
    .join('; ');
}

/**
 * The command that runs one rule's test again with the same cases: this test file only, the rule
 * picked by the end of the test's name (a suite named after a URL with a random port would not
 * match next time), the seed, and the target when it came from {@link TARGET_ENV} (the suite's own
 * name then depends on it).
 */
function reproduceCommand(
  file: string | undefined,
  ruleId: string,
  seed: number,
  targetFromEnv: string | undefined,
): string {
  const env = [`${SEED_ENV}=${seed}`];
  if (targetFromEnv !== undefined) env.push(`${TARGET_ENV}=${shellWord(targetFromEnv)}`);
  const where = file === undefined ? '' : ` ${shellWord(relative(process.cwd(), file) || file)}`;
  const pattern = ` ${ruleId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  return `${env.join(' ')} npx vitest run${where} -t ${shellQuote(pattern)}`;
}

/**
 * Transport failures (no answer) across the suite before the remaining rules fail at once without
 * sending, when no request of the suite ever got an answer: each rule would otherwise wait out its
 * own timeouts (the CLI stops an unreachable run after 8 such cases).
 */
const UNREACHABLE_AFTER = 3;

/** Cases drawn (and judged by the oracle alone, nothing sent) to see whether a rule's cases come at all. */
const PROBE_CASES = 100;
/** Rare rules (a few percent of their streams' cases) get more probe rounds before being skipped. */
const PROBE_ROUNDS = 4;

/**
 * Draws cases for a rule without sending them, to learn how many the target can express and (for
 * rules the oracle decides) how many concern the rule. A rule with no hit is skipped at once rather
 * than after thousands of set-aside cases.
 */
function probeRule(
  plan: RuleTestPlan,
  target: Target,
  world: World,
  arbitrary: fc.Arbitrary<Case>,
  seed: number,
  levels: readonly Level[] | undefined,
): { hits: number; probed: number; setAside: Record<string, number> } {
  const setAside: Record<string, number> = {};
  let hits = 0;
  let probed = 0;
  for (let round = 0; round < PROBE_ROUNDS && hits === 0; round++) {
    for (const c of fc.sample(arbitrary, { seed: seed + round, numRuns: PROBE_CASES })) {
      probed++;
      const cannot = target.cannotExpress(c.request);
      let why: string | undefined = cannot === undefined ? undefined : `target cannot express: ${cannot}`;
      if (why === undefined && plan.kind === 'oracle') {
        const rules = expectedOutcomes(c.request, world, levels === undefined ? {} : { levels }).rules;
        if (!rules.includes(plan.rule.id)) why = 'not decided by this rule';
      }
      if (why === undefined) hits++;
      else setAside[why] = (setAside[why] ?? 0) + 1;
    }
  }
  return { hits, probed, setAside };
}

/** The streams a target can send: wire-level categories need a wire target. */
function usableStreams(plan: RuleTestPlan, target: Target): string[] {
  return plan.streams.filter((s) => target.capabilities.wire || !s.startsWith('wire-'));
}

/**
 * Registers a vitest suite `name` with one test per contract rule (the test name is the rule id, so
 * a CI report reads rule by rule). Each test is a fast-check property over the generated cases that
 * concern its rule: each case is sent to `target` and judged by the oracle and the check catalog, and
 * the test fails when any verdict counted for the rule fails. On failure the message shows the
 * minimal (shrunk) counterexample, expected vs observed, the failed checks, the seed and the command
 * that reproduces it. Rules no generator category reaches, and rules the target cannot be asked
 * about, are reported as skipped with the reason.
 *
 * Call it at the top level of a test file (like `describe`).
 *
 * @example
 * import { describeContract } from 'opsworks-contract/vitest';
 * describeContract('our OpsWorks emulator', 'http://127.0.0.1:4000', { numRuns: 50 });
 */
export function describeContract(
  name: string,
  target: ContractTarget,
  options: DescribeContractOptions = {},
): void {
  const world = options.world ?? loadDefaultWorld();
  const seed = pickSeed(options.seed);
  const numRuns = options.numRuns ?? envRuns(RUNS_ENV) ?? DEFAULT_RUNS;
  const envTarget = process.env[TARGET_ENV]?.trim();
  const targetFromEnv = typeof target === 'string' && target === envTarget ? envTarget : undefined;
  /** What the suite's rules have seen of the target so far (shared: the rules run one after another). */
  const health: SuiteHealth = { answered: 0, transportFailures: 0 };
  checkOptions(options, numRuns);
  const plans = planRuleTests(world, options.levels);
  let resolved: { target: Target; owned: boolean } | undefined;

  async function resolveOnce(spec: ContractTarget): Promise<{ target: Target; owned: boolean }> {
    const given = typeof spec === 'function' ? await spec() : spec;
    if (typeof given !== 'string') return { target: given, owned: false };
    const t = await resolveTarget(given, {
      world,
      timeoutMs: options.timeoutMs ?? 10_000,
      concurrency: 1,
      cwd: options.cwd ?? process.cwd(),
      ...(options.sign !== undefined && { sign: options.sign }),
      ...(options.readBack !== undefined && { readBack: options.readBack }),
    });
    return { target: t, owned: true };
  }

  describe(name, () => {
    beforeAll(async () => {
      resolved = await resolveOnce(target);
    });
    afterAll(async () => {
      if (resolved?.owned === true) await resolved.target.close();
    });

    for (const plan of plans) {
      const ruleId = plan.rule.id;
      const report = (status: RuleTestResult['status'], counts: RuleCaseCounts, why?: string): void => {
        options.onRuleResult?.({
          rule: ruleId,
          kind: plan.kind,
          status,
          seed,
          counts,
          ...(why !== undefined && { why }),
        });
      };
      const empty = (): RuleCaseCounts => ({
        generated: 0,
        sent: 0,
        judged: 0,
        unspecified: 0,
        setAside: {},
      });
      if (plan.kind === 'unreached' || (options.rules !== undefined && !options.rules.includes(ruleId))) {
        const why = plan.why ?? 'not among the selected rules';
        // Registered (not dropped) so the report lists every rule; the note carries the reason.
        it(ruleId, (ctx) => {
          report('skipped', empty(), why);
          ctx.skip(why);
        });
        continue;
      }
      it(
        ruleId,
        async (ctx: TestContext) => {
          if (resolved === undefined) throw new Error(`${name}: the target was not resolved`);
          const t = resolved.target;
          const counts = empty();
          if (health.answered === 0 && health.transportFailures >= UNREACHABLE_AFTER) {
            report('failed', counts);
            throw bareError(
              `${ruleId}: not tried: ${t.name} never answered this suite (${health.transportFailures} transport failures, the last: ${health.lastFailure ?? 'unknown'}); is it running, and is the target right?`,
            );
          }
          const skip = (why: string): never => {
            report('skipped', counts, why);
            return ctx.skip(why);
          };
          if (
            ruleId === 'read-back-matches' &&
            (!t.capabilities.readBack || t.describeDeployments === undefined)
          ) {
            skip(`${t.name} does not answer DescribeDeployments (read-back off)`);
          }
          const streams = usableStreams(plan, t);
          if (streams.length === 0) skip(`${t.name} cannot send the wire-level cases this rule concerns`);
          const arbitraries = createDeploymentArbitraries(world, {
            nulls: t.capabilities.nulls,
            wire: t.capabilities.wire,
          });
          const byName: Record<string, fc.Arbitrary<Case>> = {
            valid: arbitraries.valid,
            invalid: arbitraries.invalid,
            ...arbitraries.categories,
          };
          const arbitrary = fc.oneof(...streams.map((s) => byName[s]).filter((a) => a !== undefined));
          const probe = probeRule(plan, t, world, arbitrary, seed, options.levels);
          if (probe.hits === 0) {
            skip(`no generated case concerns this rule on ${t.name}: ${topReasons(probe.setAside)}`);
          }
          // Enough skips per run that rare cases still come through, few enough to stay bounded.
          const maxSkipsPerRun = Math.min(MAX_SKIPS[plan.kind], Math.ceil((4 * probe.probed) / probe.hits));
          const judgeCtx = {
            plan,
            target: t,
            world,
            levels: options.levels,
            counts,
            seenIds: new Set<string>(),
            health,
            transportFailed: false,
          };
          const details = await fc.check(
            fc.asyncProperty(arbitrary, (c) => judgeRuleCase(judgeCtx, c)),
            { seed, numRuns, maxSkipsPerRun },
          );
          if (!details.failed) {
            report('passed', counts);
            return;
          }
          const error = details.errorInstance;
          const counterexample = details.counterexample?.[0];
          if (error instanceof RuleViolation && counterexample !== undefined) {
            report('failed', counts);
            throw bareError(
              formatRuleFailure({
                ruleId,
                seed,
                path: details.counterexamplePath ?? undefined,
                shrinks: details.numShrinks,
                failedAtRun: details.numRuns,
                request: counterexample.request,
                labels: counterexample.labels,
                expectation: error.expectation,
                exchange: error.exchange,
                failures: error.failures,
                reproduce: reproduceCommand(ctx.task.file?.filepath, ruleId, seed, targetFromEnv),
              }),
            );
          }
          if (error !== null && error !== undefined) {
            report('failed', counts);
            const message = error instanceof Error ? error.message : String(error);
            throw new Error(`${ruleId}: the property threw (seed ${seed}): ${message}`, { cause: error });
          }
          // Too many cases set aside: fast-check gave up before numRuns judged cases.
          if (counts.judged === 0) {
            skip(`no generated case could be judged on ${t.name}: ${topReasons(counts.setAside)}`);
          }
          report('passed', counts);
        },
        options.testTimeoutMs ?? 120_000,
      );
    }
  });
}
