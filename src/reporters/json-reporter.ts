import type { RunResult } from '../runner/run-result.js';

/** The `report.json` document: design.md's `summary`, `rules`, `violations`, plus `checks` and run details. */
export interface JsonReport {
  formatVersion: 1;
  summary: {
    cases: number;
    passed: number;
    failed: number;
    skipped: number;
    durationMs: number;
    casesPerSecond: number;
    seed: number;
    status: RunResult['status'];
    interrupted: boolean;
    unspecified: number;
    target: string;
    runs: number;
    levels: RunResult['levels'];
    shard?: RunResult['shard'];
    startedAt: string;
    phases: RunResult['phases'];
    retries: number;
    skipReasons: RunResult['skipReasons'];
    transportErrors: RunResult['transportErrors'];
    readBack: RunResult['readBack'];
    deploymentIds: RunResult['deploymentIds'];
    notes: string[];
  };
  rules: RunResult['rules'];
  checks: RunResult['checks'];
  categories: RunResult['categories'];
  violations: Array<Omit<RunResult['violations'][number], 'fixture'> & { fixture: string | null }>;
}

/**
 * Builds the `report.json` document from a run result (design.md fixes its outer shape; extra fields
 * are additions). Requests in violations are the full minimal counterexamples, already redacted by
 * the runner.
 *
 * @example
 * const report = toJsonReport(result);
 * report.summary.casesPerSecond;
 */
export function toJsonReport(result: RunResult): JsonReport {
  const summary: JsonReport['summary'] = {
    cases: result.cases,
    passed: result.passed,
    failed: result.failed,
    skipped: result.skipped,
    durationMs: Math.round(result.durationMs),
    casesPerSecond: Math.round(result.casesPerSecond),
    seed: result.seed,
    status: result.status,
    interrupted: result.interrupted,
    unspecified: result.unspecified,
    target: result.target,
    runs: result.runs,
    levels: result.levels,
    startedAt: result.startedAt,
    phases: result.phases,
    retries: result.retries,
    skipReasons: result.skipReasons,
    transportErrors: result.transportErrors,
    readBack: result.readBack,
    deploymentIds: result.deploymentIds,
    notes: result.notes,
  };
  if (result.shard !== undefined) summary.shard = result.shard;
  return {
    formatVersion: 1,
    summary,
    rules: result.rules,
    checks: result.checks,
    categories: result.categories,
    violations: result.violations.map((v) => ({ ...v, fixture: v.fixture ?? null })),
  };
}

/**
 * `report.json` as text (pretty, with a final newline).
 *
 * @example
 * await writeFileAtomic('reports/report.json', renderJsonReport(result));
 */
export function renderJsonReport(result: RunResult): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}
