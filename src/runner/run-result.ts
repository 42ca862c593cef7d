import type { CaseRequest, Level } from '../contract/types.js';
import type { TransportFailureReason } from '../targets/target.js';

/**
 * How a run ended, which the CLI maps to its exit code: `conformant` 0, `violations` 1,
 * `unreachable` 3, `interrupted` 130.
 */
export type RunStatus = 'conformant' | 'violations' | 'unreachable' | 'interrupted';

/** The status of one rule or check on the scorecard. */
export type ScoreStatus = 'pass' | 'fail' | 'unspecified' | 'not-exercised';

/** A deterministic slice of the cases (`--shard 2/4`): case `i` belongs to shard `(i % count) + 1`. */
export interface ShardOption {
  /** 1-based, like vitest's `--shard`. */
  index: number;
  count: number;
}

/** One line of the scorecard per rule. */
export interface RuleScore {
  id: string;
  level: Level | 'unspecified';
  status: ScoreStatus;
  /** Whether a failure of this rule fails the run (its level is among the selected levels). */
  gating: boolean;
  /** Cases this rule took part in (decided the expectation or a check was attributed to it). */
  cases: number;
  passed: number;
  failed: number;
  unspecified: number;
}

/** One line of the scorecard per check. */
export interface CheckScore {
  id: string;
  status: ScoreStatus;
  passed: number;
  failed: number;
  skipped: number;
}

/** What a failing exchange showed, in words a report can print. */
export interface ObservedOutcome {
  /** The outcome read off the response (`success`, `ValidationException`, ...), when there was one. */
  outcome?: string;
  status?: number;
  message?: string;
  /** Why there was no HTTP answer (`timeout`, `reset`, ...), for transport failures. */
  transportError?: string;
  /** The check's own words on what it saw. */
  detail: string;
}

/**
 * One failure group (check + rule + category), represented by its minimal counterexample.
 * The fields `rule`, `check`, `category`, `request`, `expected`, `observed`, `fixture` are the
 * `report.json` violation format fixed by design.md.
 */
export interface Violation {
  rule: string;
  check: string;
  /** The first label's category of the case (`missing-required`, ...), `valid` for unmutated cases. */
  category: string;
  level: Level | 'unspecified';
  /** The group key: `check|rule|category`. */
  group: string;
  /** The minimal counterexample (the shrunk representative). */
  request: CaseRequest;
  labels: string[];
  expected: { allowed: string[]; rules: string[]; unspecified: boolean; detail: string };
  observed: ObservedOutcome;
  /** The check's reason for failing. */
  reason: string;
  /** How many cases of the run fell into this group. */
  count: number;
  shrink: { shrunk: boolean; sends: number; steps: number; durationMs: number };
  /** The fixture file written for this group (path relative to the cwd), when `fixturesDir` was set. */
  fixture?: string;
}

/** Read-back through DescribeDeployments: how many created deployments were compared. */
export interface ReadBackSummary {
  enabled: boolean;
  sampled: number;
  matched: number;
  mismatched: number;
  /** DescribeDeployments calls that failed themselves (counted, not judged). */
  callFailures: number;
}

/**
 * Everything a run produced: counters, the scorecard and one violation per failure group. Nothing
 * per case is kept, so a million-case run costs the same memory as a thousand-case one.
 */
export interface RunResult {
  status: RunStatus;
  interrupted: boolean;
  /** The target's display name (never with credentials). */
  target: string;
  /**
   * A URL a person can `curl` to reproduce, for a target whose display name does not show one (a
   * `Target` object of your own). `checkTarget` leaves it unset: the reporters take the URL from the
   * name (`http://…`, `sdk:URL`, `aws:REGION`, the embedded double through `serve`); set it on a
   * result you build or render yourself to get curl lines for such a target.
   */
  targetUrl?: string;
  /** The seed; `--seed` with it reproduces the run. */
  seed: number;
  runs: number;
  shard?: ShardOption;
  /** The levels that can fail the run. */
  levels: Level[];
  startedAt: string;
  durationMs: number;
  /** Cases generated for this shard: passed + failed + skipped + unspecified. */
  cases: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Cases where the documents leave the outcome open and no check failed; they never fail a run. */
  unspecified: number;
  casesPerSecond: number;
  /** Cases per phase. */
  phases: { coverage: number; random: number };
  /** Why cases were skipped, with counts (`cannot express null members`, `throttled`, ...). */
  skipReasons: Record<string, number>;
  /** Throttled sends that were retried. */
  retries: number;
  /** Sends that got no HTTP answer, by reason. */
  transportErrors: Partial<Record<TransportFailureReason, number>>;
  /** Cases per generator category (first label's category), with failures. */
  categories: Record<string, { cases: number; failed: number }>;
  rules: RuleScore[];
  checks: CheckScore[];
  violations: Violation[];
  readBack: ReadBackSummary;
  /** Unique DeploymentIds tracked (the uniqueness check stops tracking past its capacity). */
  deploymentIds: { tracked: number; duplicates: number; capacityReached: boolean };
  /** Human notes about the run (unreachable reason, tracking limits, shrink budget hit, ...). */
  notes: string[];
  /** Files written (reports, fixtures), relative to the cwd. */
  files: string[];
}
