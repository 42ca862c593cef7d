import * as fc from 'fast-check';
import { type CheckResult, compareReadBack, runChecks } from '../contract/check-catalog.js';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import { jsonObject } from '../contract/json-object.js';
import { type Case, type Expectation, type Level, SUCCESS, type World } from '../contract/types.js';
import type { Exchange, Target } from '../targets/target.js';
import type { RuleTestPlan } from './plan-rule-tests.js';

/** One failed verdict, as a failure message lists it. */
export interface FailedVerdict {
  check: string;
  expected: string;
  observed: string;
  reason: string;
}

/**
 * Thrown inside a rule's property when a case breaks the rule; fast-check keeps the one thrown by
 * the minimal counterexample, and the failure message is built from it.
 */
export class RuleViolation extends Error {
  readonly failures: FailedVerdict[];
  readonly expectation: Expectation;
  readonly exchange: Exchange | undefined;

  constructor(failures: FailedVerdict[], expectation: Expectation, exchange: Exchange | undefined) {
    super(failures.map((f) => `${f.check}: ${f.reason}`).join('; '));
    this.name = 'RuleViolation';
    this.failures = failures;
    this.expectation = expectation;
    this.exchange = exchange;
  }
}

/** Counters of one rule's test, for the annotation and `onRuleResult`. */
export interface RuleCaseCounts {
  /** Cases generated for the rule (before any were set aside). */
  generated: number;
  /** Cases sent to the target. */
  sent: number;
  /** Cases the rule judged (passed, failed or unspecified), the ones fast-check counts as runs. */
  judged: number;
  /** Judged cases where the documents leave the outcome open (never a failure). */
  unspecified: number;
  /** Cases set aside, by reason (not about this rule, target cannot express it, nothing to judge). */
  setAside: Record<string, number>;
}

/** What the rules of one suite have seen of the target, shared by them in turn. */
export interface SuiteHealth {
  /** Requests the target answered (any HTTP answer or SDK outcome). */
  answered: number;
  /** Requests that got no answer (timeouts, refused connections, resets, ...). */
  transportFailures: number;
  /** The latest of those, as `reason: message`. */
  lastFailure?: string;
}

/** What a rule's property needs to judge one case. */
export interface RuleCaseContext {
  plan: RuleTestPlan;
  target: Target;
  world: World;
  levels: readonly Level[] | undefined;
  counts: RuleCaseCounts;
  /** DeploymentIds seen by this rule's test (`deployment-id-unique`). */
  seenIds: Set<string>;
  /** The suite's counts of answers and transport failures, updated here. */
  health?: SuiteHealth;
  /**
   * Set by the first case of this rule's test that got no answer. Every later call (fast-check's
   * shrinking) then passes at once without sending: a smaller case would only wait out the same
   * timeout, once per shrink step, and would show nothing the first did not.
   */
  transportFailed?: boolean;
}

function setAside(counts: RuleCaseCounts, why: string): never {
  counts.setAside[why] = (counts.setAside[why] ?? 0) + 1;
  // fast-check counts a failed precondition as a skip, bounded by maxSkipsPerRun, so a rule whose
  // cases are rare cannot make the property loop forever.
  fc.pre(false);
  throw new Error('unreachable');
}

/** Reads created deployments back and compares them with what was sent (`read-back-matches`). */
async function judgeReadBack(
  target: Target,
  c: Case,
  deploymentId: string,
): Promise<FailedVerdict | undefined> {
  if (target.describeDeployments === undefined) return undefined;
  const got = await target.describeDeployments([deploymentId]);
  if (!Array.isArray(got)) {
    const observed =
      got.kind === 'transport-error'
        ? `transport error (${got.reason})`
        : `${got.classification.outcome}${got.classification.status ? ` (HTTP ${got.classification.status})` : ''}`;
    return {
      check: 'read-back-matches',
      expected: `DescribeDeployments to return ${deploymentId}`,
      observed,
      reason: 'DescribeDeployments failed for a deployment the target just created',
    };
  }
  const deployment = got.find((d) => jsonObject(d)?.DeploymentId === deploymentId);
  const verdict = compareReadBack(jsonObject(c.request.body) ?? {}, deployment);
  return verdict.status === 'failed'
    ? {
        check: 'read-back-matches',
        expected: verdict.expected,
        observed: verdict.observed,
        reason: verdict.reason,
      }
    : undefined;
}

/**
 * Judges one generated case for one rule: sets it aside (a fast-check precondition) when it does not
 * concern the rule, otherwise sends it and throws {@link RuleViolation} when a verdict counted for the
 * rule fails. A transport error fails every rule: nothing can be judged without an answer.
 */
export async function judgeRuleCase(ctx: RuleCaseContext, c: Case): Promise<void> {
  if (ctx.transportFailed === true) return;
  const { plan, target, world, levels, counts } = ctx;
  const ruleId = plan.rule.id;
  counts.generated++;
  const cannot = target.cannotExpress(c.request);
  if (cannot !== undefined) setAside(counts, `target cannot express: ${cannot}`);
  const expectation = expectedOutcomes(c.request, world, levels === undefined ? {} : { levels });
  if (plan.kind === 'oracle' && !expectation.rules.includes(ruleId))
    setAside(counts, 'not decided by this rule');
  counts.sent++;
  const exchange = await target.send(c.request);
  if (exchange.kind === 'transport-error') {
    ctx.transportFailed = true;
    if (ctx.health !== undefined) {
      ctx.health.transportFailures++;
      ctx.health.lastFailure = `${exchange.reason}: ${exchange.message}`;
    }
    throw new RuleViolation(
      [
        {
          check: 'target-answered',
          expected: 'an HTTP response',
          observed: `transport error (${exchange.reason}): ${exchange.message}`,
          reason: `no answer: ${exchange.reason}`,
        },
      ],
      expectation,
      exchange,
    );
  }
  if (ctx.health !== undefined) ctx.health.answered++;
  if (plan.kind === 'stateful') {
    const c2 = exchange.classification;
    if (c2.outcome !== SUCCESS || typeof c2.deploymentId !== 'string') setAside(counts, 'not a success');
    counts.judged++;
    const id = c2.deploymentId as string;
    if (ruleId === 'deployment-id-unique') {
      if (ctx.seenIds.has(id)) {
        throw new RuleViolation(
          [
            {
              check: 'deployment-id-unique',
              expected: 'a DeploymentId not returned before',
              observed: id,
              reason: 'duplicate DeploymentId',
            },
          ],
          expectation,
          exchange,
        );
      }
      ctx.seenIds.add(id);
      return;
    }
    const failure = await judgeReadBack(target, c, id);
    if (failure !== undefined) throw new RuleViolation([failure], expectation, exchange);
    return;
  }
  const results: CheckResult[] = runChecks(
    { request: c.request, expectation, exchange, world },
    levels === undefined ? {} : { levels },
  );
  const mine = results.filter((r) => r.rules.includes(ruleId));
  const failed = mine.filter((r) => r.verdict.status === 'failed');
  if (failed.length > 0) {
    throw new RuleViolation(
      failed.map((r) => {
        const v = r.verdict as Extract<CheckResult['verdict'], { status: 'failed' }>;
        return { check: r.check, expected: v.expected, observed: v.observed, reason: v.reason };
      }),
      expectation,
      exchange,
    );
  }
  const passed = mine.some((r) => r.verdict.status === 'passed');
  const unspecified = mine.some((r) => r.check === 'outcome-allowed' && expectation.unspecified);
  if (!passed && !unspecified) {
    const why = mine.find((r) => r.verdict.status === 'skipped');
    setAside(
      counts,
      why?.verdict.status === 'skipped' ? `nothing to judge: ${why.verdict.why}` : 'nothing to judge',
    );
  }
  counts.judged++;
  if (unspecified && !passed) counts.unspecified++;
}
