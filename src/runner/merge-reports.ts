import { InputError } from '../errors/input-error.js';
import type { JsonReport } from '../reporters/json-reporter.js';
import type {
  CheckScore,
  RuleScore,
  RunResult,
  RunStatus,
  ScoreStatus,
  ShardOption,
  Violation,
} from './run-result.js';

/** One `report.json` to merge and where it came from (for error messages). */
export interface ReportSource {
  /** A file name or any label naming the report in messages. */
  source: string;
  report: JsonReport;
}

function add<K extends string>(into: Record<K, number>, from: Partial<Record<K, number>>): void {
  for (const [k, v] of Object.entries(from) as Array<[K, number | undefined]>) {
    if (typeof v === 'number') into[k] = (into[k] ?? 0) + v;
  }
}

function scoreStatus(failed: number, passed: number, unspecified: number): ScoreStatus {
  if (failed > 0) return 'fail';
  if (passed > 0) return 'pass';
  return unspecified > 0 ? 'unspecified' : 'not-exercised';
}

function mergeRules(all: readonly RuleScore[][]): RuleScore[] {
  const merged = new Map<string, RuleScore>();
  for (const rules of all) {
    for (const r of rules) {
      const m = merged.get(r.id);
      if (m === undefined) {
        merged.set(r.id, { ...r });
        continue;
      }
      m.cases += r.cases;
      m.passed += r.passed;
      m.failed += r.failed;
      m.unspecified += r.unspecified;
      m.gating = m.gating || r.gating;
    }
  }
  return [...merged.values()].map((r) => ({ ...r, status: scoreStatus(r.failed, r.passed, r.unspecified) }));
}

function mergeChecks(all: readonly CheckScore[][]): CheckScore[] {
  const merged = new Map<string, CheckScore>();
  for (const checks of all) {
    for (const c of checks) {
      const m = merged.get(c.id);
      if (m === undefined) merged.set(c.id, { ...c });
      else {
        m.passed += c.passed;
        m.failed += c.failed;
        m.skipped += c.skipped;
      }
    }
  }
  return [...merged.values()].map((c) => ({ ...c, status: scoreStatus(c.failed, c.passed, 0) }));
}

/** The representative of a failure group across shards: the smallest counterexample, counts summed. */
function mergeViolations(all: ReadonlyArray<JsonReport['violations']>): Violation[] {
  const groups = new Map<string, { v: Violation; size: number }>();
  for (const violations of all) {
    for (const raw of violations) {
      const { fixture, ...rest } = raw;
      const v: Violation = { ...rest, ...(fixture !== null && { fixture }) };
      const size = JSON.stringify(v.request).length;
      const seen = groups.get(v.group);
      if (seen === undefined) groups.set(v.group, { v, size });
      else {
        const count = seen.v.count + v.count;
        if (size < seen.size) groups.set(v.group, { v: { ...v, count }, size });
        else seen.v.count = count;
      }
    }
  }
  return [...groups.values()].map((g) => g.v);
}

/** Violations gate the run when their level is selected (unspecified ones never do). */
function worstStatus(statuses: readonly RunStatus[]): RunStatus {
  for (const s of ['unreachable', 'violations', 'interrupted'] as const) if (statuses.includes(s)) return s;
  return 'conformant';
}

function sameOrThrow(sources: readonly ReportSource[], what: string, pick: (r: JsonReport) => unknown): void {
  const first = sources[0];
  if (first === undefined) return;
  const want = JSON.stringify(pick(first.report));
  for (const s of sources.slice(1)) {
    const got = JSON.stringify(pick(s.report));
    if (got !== want) {
      throw new InputError(
        `${s.source}: ${what} ${got} differs from ${want} in ${first.source}; merge only the shards of one run (same --target, --seed, --runs, --rules)`,
      );
    }
  }
}

function checkShards(sources: readonly ReportSource[]): { notes: string[] } {
  const shards = sources.map((s) => s.report.summary.shard);
  const notes: string[] = [];
  if (sources.length === 1) return { notes };
  const missing = sources.find((s) => s.report.summary.shard === undefined);
  if (missing !== undefined) {
    throw new InputError(
      `${missing.source}: not a shard report (no summary.shard); merge the reports of \`check --shard i/n\` runs`,
    );
  }
  const count = (shards[0] as ShardOption).count;
  const seen = new Map<number, string>();
  for (const s of sources) {
    const shard = s.report.summary.shard as ShardOption;
    if (shard.count !== count) {
      throw new InputError(
        `${s.source}: shard ${shard.index}/${shard.count} is from a split into ${shard.count}, not ${count}; merge the shards of one run`,
      );
    }
    const other = seen.get(shard.index);
    if (other !== undefined) {
      throw new InputError(
        `${s.source}: shard ${shard.index}/${count} is also in ${other}; give each shard's report once`,
      );
    }
    seen.set(shard.index, s.source);
  }
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  notes.push(`merged shards ${[...seen.keys()].sort((a, b) => a - b).join(', ')} of ${count}`);
  if (absent.length > 0)
    notes.push(`shard(s) ${absent.join(', ')} of ${count} missing: their cases were not run`);
  notes.push('DeploymentId uniqueness is checked within each shard, not across shards');
  return { notes };
}

/**
 * Merges the `report.json` documents of the shards of one run (`check --shard i/n`, same seed, target,
 * runs and levels) into one result, as if one machine had run every shard: counters and per-rule,
 * per-check and per-category scores are summed, each failure group keeps its smallest counterexample
 * with the counts of all shards, and the status is the worst of the shards (unreachable, then
 * violations, then interrupted). `durationMs` is the longest shard (the matrix runs in parallel), so
 * `casesPerSecond` is the matrix's throughput. Missing shards are named in the notes.
 *
 * Pure: reading the files and writing the merged reports is the caller's (the `merge` command's).
 * Throws `InputError` naming the report when the inputs are not shards of one run.
 *
 * @example
 * const merged = mergeReports([{ source: 'shard-1/report.json', report: a }, { source: 'shard-2/report.json', report: b }]);
 * await writeReports('reports', merged);
 */
export function mergeReports(sources: readonly ReportSource[]): RunResult {
  const first = sources[0];
  if (first === undefined) throw new InputError('merge: no report.json to merge; give the shard reports');
  sameOrThrow(sources, 'seed', (r) => r.summary.seed);
  sameOrThrow(sources, 'target', (r) => r.summary.target);
  sameOrThrow(sources, 'runs', (r) => r.summary.runs);
  sameOrThrow(sources, 'levels', (r) => r.summary.levels);
  const { notes } = checkShards(sources);
  const reports = sources.map((s) => s.report);
  const sum = (pick: (r: JsonReport) => number): number => reports.reduce((n, r) => n + pick(r), 0);
  const durationMs = Math.max(...reports.map((r) => r.summary.durationMs));
  const cases = sum((r) => r.summary.cases);
  const skipReasons: Record<string, number> = {};
  const transportErrors: RunResult['transportErrors'] = {};
  const categories: RunResult['categories'] = {};
  for (const r of reports) {
    add(skipReasons, r.summary.skipReasons);
    add(transportErrors as Record<string, number>, r.summary.transportErrors);
    for (const [name, c] of Object.entries(r.categories)) {
      const m = categories[name] ?? { cases: 0, failed: 0 };
      m.cases += c.cases;
      m.failed += c.failed;
      categories[name] = m;
    }
  }
  for (const s of sources) {
    const shard = s.report.summary.shard;
    const label = shard === undefined ? s.source : `shard ${shard.index}/${shard.count}`;
    for (const note of s.report.summary.notes) notes.push(`${label}: ${note}`);
  }
  const status = worstStatus(reports.map((r) => r.summary.status));
  return {
    status,
    interrupted: reports.some((r) => r.summary.interrupted),
    target: first.report.summary.target,
    seed: first.report.summary.seed,
    runs: first.report.summary.runs,
    levels: [...first.report.summary.levels],
    startedAt: reports.map((r) => r.summary.startedAt).sort()[0] ?? first.report.summary.startedAt,
    durationMs,
    cases,
    passed: sum((r) => r.summary.passed),
    failed: sum((r) => r.summary.failed),
    skipped: sum((r) => r.summary.skipped),
    unspecified: sum((r) => r.summary.unspecified),
    casesPerSecond: durationMs > 0 ? cases / (durationMs / 1000) : 0,
    phases: {
      coverage: sum((r) => r.summary.phases.coverage),
      random: sum((r) => r.summary.phases.random),
    },
    skipReasons,
    retries: sum((r) => r.summary.retries),
    transportErrors,
    categories,
    rules: mergeRules(reports.map((r) => r.rules)),
    checks: mergeChecks(reports.map((r) => r.checks)),
    violations: mergeViolations(reports.map((r) => r.violations)),
    readBack: {
      enabled: reports.some((r) => r.summary.readBack.enabled),
      sampled: sum((r) => r.summary.readBack.sampled),
      matched: sum((r) => r.summary.readBack.matched),
      mismatched: sum((r) => r.summary.readBack.mismatched),
      callFailures: sum((r) => r.summary.readBack.callFailures),
    },
    deploymentIds: {
      tracked: sum((r) => r.summary.deploymentIds.tracked),
      duplicates: sum((r) => r.summary.deploymentIds.duplicates),
      capacityReached: reports.some((r) => r.summary.deploymentIds.capacityReached),
    },
    notes,
    files: [],
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads the text of a `report.json` as written by `check`, checking the parts `mergeReports` relies
 * on; anything else is an `InputError` naming the file and what is wrong.
 *
 * @example
 * const report = parseJsonReport(await readFile(path, 'utf8'), path);
 */
export function parseJsonReport(text: string, source: string): JsonReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${source}: not JSON (${(error as Error).message}); give a report.json written by check`,
    );
  }
  const problem = (where: string, what: string): InputError =>
    new InputError(`${source}: ${where}: ${what}; give a report.json written by \`opsworks-contract check\``);
  if (!isObject(value)) throw problem('$', 'expected an object');
  if (value.formatVersion !== 1)
    throw problem('$.formatVersion', `expected 1, got ${JSON.stringify(value.formatVersion)}`);
  const summary = value.summary;
  if (!isObject(summary)) throw problem('$.summary', 'expected an object');
  for (const key of [
    'cases',
    'passed',
    'failed',
    'skipped',
    'unspecified',
    'durationMs',
    'seed',
    'runs',
    'retries',
  ]) {
    if (typeof summary[key] !== 'number') throw problem(`$.summary.${key}`, 'expected a number');
  }
  for (const key of ['phases', 'skipReasons', 'transportErrors', 'readBack', 'deploymentIds']) {
    if (!isObject(summary[key])) throw problem(`$.summary.${key}`, 'expected an object');
  }
  if (typeof summary.status !== 'string') throw problem('$.summary.status', 'expected a string');
  if (!Array.isArray(summary.levels)) throw problem('$.summary.levels', 'expected an array');
  if (!Array.isArray(summary.notes)) throw problem('$.summary.notes', 'expected an array');
  if (summary.shard !== undefined) {
    const shard = summary.shard;
    if (!isObject(shard) || !Number.isInteger(shard.index) || !Number.isInteger(shard.count)) {
      throw problem('$.summary.shard', 'expected {"index": i, "count": n}');
    }
  }
  for (const key of ['rules', 'checks', 'violations']) {
    if (!Array.isArray(value[key])) throw problem(`$.${key}`, 'expected an array');
  }
  if (!isObject(value.categories)) throw problem('$.categories', 'expected an object');
  return value as unknown as JsonReport;
}
