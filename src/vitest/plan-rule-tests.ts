import * as fc from 'fast-check';
import { CHECKS } from '../contract/check-catalog.js';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import { RULES, type Rule } from '../contract/rule-catalog.js';
import type { CaseRequest, Level, World } from '../contract/types.js';
import { createDeploymentArbitraries } from '../generators/create-deployment-arbitraries.js';

/**
 * How one rule is tested:
 * - `oracle`: the rule decides outcomes; its cases are those whose expectation names it (known before
 *   sending, so other cases cost no request);
 * - `check`: a per-exchange check enforces it; its cases are those where that check had something to
 *   judge (known only after sending);
 * - `stateful`: judged across cases (DeploymentId uniqueness, read-back); its cases are successes;
 * - `unreached`: no generator category produces a case it concerns, so the test is skipped with `why`.
 */
export type RuleTestKind = 'oracle' | 'check' | 'stateful' | 'unreached';

/** The plan of one rule's test: which generator streams feed it. */
export interface RuleTestPlan {
  rule: Rule;
  kind: RuleTestKind;
  /** Generator streams: `valid`, a category name, or `invalid` (the mix, compound cases included). Empty for `unreached`. */
  streams: string[];
  /** Why the test is skipped (`unreached` only). */
  why?: string;
}

/** Cases sampled per stream to learn which rules each stream reaches. */
const SAMPLES_PER_STREAM = 24;
/** Cases sampled from the invalid mix, whose compound cases are rarer. */
const SAMPLES_OF_MIX = 160;
/** Fixed so the plan (and so the test list) is the same on every run and machine. */
const PLAN_SEED = 0x0c0ffee;

const STATEFUL = new Set(
  CHECKS.filter((c) => c.stateful === true && c.rule !== undefined).map((c) => c.rule),
);
const CHECK_RULES = new Set(
  CHECKS.filter((c) => c.stateful !== true && c.rule !== undefined).map((c) => c.rule as string),
);
/** Check rules that only have something to judge on an error answer, or only on a success. */
const ERROR_ONLY = new Set(['errors-are-http-400', 'error-body-shape', 'error-type-on-the-wire']);
const SUCCESS_ONLY = new Set(['success-result-shape']);

const cache = new Map<string, Map<string, Set<string>>>();

/**
 * Which streams reach which oracle rules, by sampling each stream with a fixed seed and asking the
 * oracle. Sampling (rather than trusting a static table) means a rule listed here really is reached by
 * generated cases, so a rule's property never waits on cases that do not come. Cached per world.
 */
function reachedRules(world: World): Map<string, Set<string>> {
  const key = JSON.stringify(world);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const arbitraries = createDeploymentArbitraries(world);
  const streams: Array<[string, fc.Arbitrary<{ request: CaseRequest }>, number]> = [
    ['valid', arbitraries.valid, SAMPLES_PER_STREAM],
    ...Object.entries(arbitraries.categories).map(
      ([name, a]) =>
        [name, a, SAMPLES_PER_STREAM] as [string, fc.Arbitrary<{ request: CaseRequest }>, number],
    ),
    // The mix also draws compound cases (two categories at once), the only source of some rules.
    ['invalid', arbitraries.invalid, SAMPLES_OF_MIX],
  ];
  const reached = new Map<string, Set<string>>();
  for (const [name, arbitrary, numRuns] of streams) {
    for (const c of fc.sample(arbitrary, { seed: PLAN_SEED, numRuns })) {
      for (const id of expectedOutcomes(c.request, world).rules) {
        const set = reached.get(id) ?? new Set<string>();
        set.add(name);
        reached.set(id, set);
      }
    }
  }
  cache.set(key, reached);
  return reached;
}

/**
 * Plans one test per rule of the catalog (in catalog order) for `world`: the generator streams whose
 * cases concern each rule, or why no stream does. Rules of levels outside `levels` are `unreached`
 * with that reason, so a report still lists them.
 *
 * @example
 * const plans = planRuleTests(loadDefaultWorld());
 * plans.find((p) => p.rule.id === 'stack-id-required')?.streams; // ['missing-required', 'wire-empty-body', ...]
 */
export function planRuleTests(world: World, levels?: readonly Level[]): RuleTestPlan[] {
  const reached = reachedRules(world);
  const categories = Object.keys(createDeploymentArbitraries(world).categories);
  const all = ['valid', ...categories, 'invalid'];
  const invalid = [...categories, 'invalid'];
  return RULES.map((rule): RuleTestPlan => {
    if (levels !== undefined && !levels.includes(rule.level)) {
      return { rule, kind: 'unreached', streams: [], why: `level ${rule.level} not selected` };
    }
    if (STATEFUL.has(rule.id)) return { rule, kind: 'stateful', streams: ['valid'] };
    if (CHECK_RULES.has(rule.id)) {
      const streams = SUCCESS_ONLY.has(rule.id) ? ['valid'] : ERROR_ONLY.has(rule.id) ? invalid : all;
      return { rule, kind: 'check', streams };
    }
    const streams = reached.get(rule.id);
    if (streams === undefined || streams.size === 0) {
      return {
        rule,
        kind: 'unreached',
        streams: [],
        why: 'no generator category produces a case this rule decides',
      };
    }
    // Keep the stream order stable (valid first, then catalog order of categories).
    return { rule, kind: 'oracle', streams: all.filter((s) => streams.has(s)) };
  });
}
