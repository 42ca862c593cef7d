import type { RunResult, Violation } from '../../src/runner/run-result.js';

/** A violation whose texts carry everything a reporter must escape. */
export function hostileViolation(overrides: Partial<Violation> = {}): Violation {
  return {
    rule: 'stack-id-required',
    check: 'outcome-allowed',
    category: 'missing-required',
    level: 'documented',
    group: 'outcome-allowed|stack-id-required|missing-required',
    request: {
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
      },
      body: {
        Command: { Name: 'setup' },
        Comment: "it's <script>alert(1)</script> | `tick` ]]> \u0000\u0007",
      },
    },
    labels: ['missing-required:StackId'],
    expected: {
      allowed: ['ValidationException'],
      rules: ['stack-id-required'],
      unspecified: false,
      detail: 'ValidationException',
    },
    observed: { outcome: 'success', status: 200, detail: 'success (HTTP 200) <b>&amp;</b>' },
    reason: 'StackId is required',
    count: 3,
    shrink: { shrunk: true, sends: 12, steps: 4, durationMs: 5 },
    ...overrides,
  };
}

/** A complete run result with one failing rule, one passing and one not exercised. */
export function sampleResult(overrides: Partial<RunResult> = {}): RunResult {
  return {
    status: 'violations',
    interrupted: false,
    target: 'double',
    seed: 42,
    runs: 10,
    levels: ['documented', 'protocol', 'observed'],
    startedAt: '2026-11-26T08:00:00.000Z',
    durationMs: 1234,
    cases: 20,
    passed: 15,
    failed: 3,
    skipped: 1,
    unspecified: 1,
    casesPerSecond: 16.2,
    phases: { coverage: 10, random: 10 },
    skipReasons: { 'cannot express: nulls': 1 },
    retries: 0,
    transportErrors: {},
    categories: { 'missing-required': { cases: 5, failed: 3 } },
    rules: [
      {
        id: 'stack-id-required',
        level: 'documented',
        status: 'fail',
        gating: true,
        cases: 5,
        passed: 2,
        failed: 3,
        unspecified: 0,
      },
      {
        id: 'no-server-errors',
        level: 'documented',
        status: 'pass',
        gating: true,
        cases: 19,
        passed: 19,
        failed: 0,
        unspecified: 0,
      },
      {
        id: 'post-only',
        level: 'observed',
        status: 'not-exercised',
        gating: true,
        cases: 0,
        passed: 0,
        failed: 0,
        unspecified: 0,
      },
    ],
    checks: [
      { id: 'outcome-allowed', status: 'fail', passed: 16, failed: 3, skipped: 0 },
      { id: 'no-server-error', status: 'pass', passed: 19, failed: 0, skipped: 0 },
    ],
    violations: [hostileViolation()],
    readBack: { enabled: true, sampled: 4, matched: 4, mismatched: 0, callFailures: 0 },
    deploymentIds: { tracked: 12, duplicates: 0, capacityReached: false },
    notes: [],
    files: [],
    ...overrides,
  };
}
