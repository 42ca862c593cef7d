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
import { representativeRank } from './run-tally.js';

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

/**
 * The representative of a failure group across shards: the best ranked (`representativeRank`, as
 * one run picks it), then the smallest counterexample; counts summed.
 */
function mergeViolations(all: ReadonlyArray<JsonReport['violations']>): Violation[] {
  const groups = new Map<string, { v: Violation; rank: number; size: number }>();
  for (const violations of all) {
    for (const raw of violations) {
      const { fixture, ...rest } = raw;
      const v: Violation = { ...rest, ...(fixture !== null && { fixture }) };
      const rank = representativeRank(v.check, v.expected);
      const size = JSON.stringify(v.request).length;
      const seen = groups.get(v.group);
      if (seen === undefined) groups.set(v.group, { v, rank, size });
      else {
        const count = seen.v.count + v.count;
        if (rank < seen.rank || (rank === seen.rank && size < seen.size))
          groups.set(v.group, { v: { ...v, count }, rank, size });
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

/** What the shard summaries of the reports say: notes for the merged report, and the shards absent. */
interface ShardCheck {
  notes: string[];
  /** 1-based indexes of the shards of the split that no report was given for, ascending. */
  missing: number[];
}

function checkShards(sources: readonly ReportSource[], allowMissing: boolean): ShardCheck {
  // One report of a run that was not split (no --shard) has no other part to miss: merged as it is.
  if (sources.length === 1 && sources[0]?.report.summary.shard === undefined)
    return { notes: [], missing: [] };
  const notShard = sources.find((s) => s.report.summary.shard === undefined);
  if (notShard !== undefined) {
    throw new InputError(
      `${notShard.source}: not a shard report (no summary.shard); merge the reports of \`check --shard i/n\` runs`,
    );
  }
  const shards = sources.map((s) => ({ source: s.source, shard: s.report.summary.shard as ShardOption }));
  const count = shards[0]?.shard.count ?? 0;
  const seen = new Map<number, string>();
  for (const s of shards) {
    const { shard } = s;
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
  const given = [...seen.keys()].sort((a, b) => a - b);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  // A shard job that crashed or was cancelled uploads no report: merging the rest as if complete
  // would pass a run whose cases were never judged, so that takes an explicit opt-in.
  if (missing.length > 0 && !allowMissing) {
    throw new InputError(
      `shard(s) ${missing.join(', ')} of ${count} missing (got ${given.join(', ')}); pass every shard's report.json, or add --allow-missing to merge what there is`,
    );
  }
  const notes = [`merged shards ${given.join(', ')} of ${count}`];
  if (missing.length > 0)
    notes.push(`shard(s) ${missing.join(', ')} of ${count} missing: their cases were not run`);
  if (given.length > 1) notes.push('DeploymentId uniqueness is checked within each shard, not across shards');
  return { notes, missing };
}

/**
 * How `check` starts the note listing the rules no case reached (check-target.ts). Each shard lists
 * its own, which the other shards may well have reached, so the merged note is recomputed instead.
 */
const UNREACHED_NOTE = 'rules no case reached: ';

/** The shards' own notes, each prefixed with its shard, except the one the merged counts recompute. */
function shardNotes(sources: readonly ReportSource[]): string[] {
  const notes: string[] = [];
  for (const s of sources) {
    const shard = s.report.summary.shard;
    const label = shard === undefined ? s.source : `shard ${shard.index}/${shard.count}`;
    for (const note of s.report.summary.notes) {
      if (!note.startsWith(UNREACHED_NOTE)) notes.push(`${label}: ${note}`);
    }
  }
  return notes;
}

/** The rules no case of any shard reached, as `check` words it for one run. */
function unreachedNote(rules: readonly RuleScore[], reports: readonly JsonReport[]): string[] {
  // As in check: when nothing answered, every rule is unreached and the shards' notes already say why.
  if (reports.every((r) => r.summary.status === 'unreachable')) return [];
  // Rules of levels --rules left out were never looked for (check leaves them out of its note too).
  const ids = rules.filter((r) => r.cases === 0 && r.gating).map((r) => r.id);
  return ids.length === 0 ? [] : [`${UNREACHED_NOTE}${ids.join(', ')}`];
}

/** Options of {@link mergeReports}. */
export interface MergeOptions {
  /**
   * Merge what there is when shards of the split are missing, naming them in the notes and in
   * {@link MergedRunResult.missingShards}, instead of refusing (the CLI's `--allow-missing`).
   * Default false: a missing shard is an `InputError`, since the merged result would look like a
   * whole run while the missing shards' cases were never judged.
   */
  allowMissing?: boolean;
}

/** The result of {@link mergeReports}: a `RunResult` for the whole run, plus which shards it lacks. */
export interface MergedRunResult extends RunResult {
  /**
   * 1-based indexes of the shards of the split no report was given for, ascending; empty when every
   * shard is there (or the report was not a shard). Only ever non-empty with `allowMissing`.
   */
  missingShards: number[];
}

/**
 * Merges the `report.json` documents of the shards of one run (`check --shard i/n`, same seed, target,
 * runs and levels) into one result, as if one machine had run every shard: counters and per-rule,
 * per-check and per-category scores are summed, each failure group keeps its smallest counterexample
 * with the counts of all shards, and the status is the worst of the shards (unreachable, then
 * violations, then interrupted). `durationMs` is the longest shard (the matrix runs in parallel), so
 * `casesPerSecond` is the matrix's throughput. The shards' notes are kept, prefixed with their shard,
 * except the rules no case reached, which are recomputed from the merged counts.
 *
 * Every shard of the split must be there: a missing one is an `InputError` naming it, unless
 * `options.allowMissing` is set, in which case the rest is merged, the missing shards are named in
 * the notes and in `missingShards`, and the status is that of the shards given. A single report of a
 * run that was not split is merged as it is.
 *
 * Pure: reading the files and writing the merged reports is the caller's (the `merge` command's).
 * Throws `InputError` naming the report when the inputs are not shards of one run.
 *
 * @example
 * const merged = mergeReports([{ source: 'shard-1/report.json', report: a }, { source: 'shard-2/report.json', report: b }]);
 * await writeReports('reports', merged);
 * @example
 * // A CI matrix where a shard job may have failed before uploading its report:
 * const partial = mergeReports(sources, { allowMissing: true });
 * if (partial.missingShards.length > 0) console.warn(`shards ${partial.missingShards.join(', ')} missing`);
 */
export function mergeReports(sources: readonly ReportSource[], options: MergeOptions = {}): MergedRunResult {
  const first = sources[0];
  if (first === undefined) throw new InputError('merge: no report.json to merge; give the shard reports');
  sameOrThrow(sources, 'seed', (r) => r.summary.seed);
  sameOrThrow(sources, 'target', (r) => r.summary.target);
  sameOrThrow(sources, 'runs', (r) => r.summary.runs);
  sameOrThrow(sources, 'levels', (r) => r.summary.levels);
  const { notes, missing } = checkShards(sources, options.allowMissing === true);
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
  const rules = mergeRules(reports.map((r) => r.rules));
  notes.push(...shardNotes(sources), ...unreachedNote(rules, reports));
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
    rules,
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
    missingShards: missing,
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
