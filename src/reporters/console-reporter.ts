import type { RunEvent, RunEventListener, RunPhase } from '../runner/run-events.js';
import type { RunResult, ScoreStatus } from '../runner/run-result.js';
import { violationText } from './describe-violation.js';
import { terminalSafe } from './terminal-safe.js';

/** Where the console reporter writes, and whether that is a terminal. */
export interface ConsoleSink {
  write: (text: string) => void;
  isTTY: boolean;
  /**
   * The terminal's width. A progress line longer than it wraps, and `\r` then rewrites only its last
   * row, leaving the others on screen: the line is shortened to fit. Unknown: not shortened.
   */
  columns?: number | undefined;
}

/** A progress listener plus `finish()`, which clears the TTY progress line before the scorecard. */
export interface ConsoleProgress {
  onEvent: RunEventListener;
  finish(): void;
}

const PLAIN_INTERVAL_MS = 5_000;

function n(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * What a phase's start line says it will run. The coverage phase's count is one round of every
 * category: more rounds follow while they keep reaching rules no case has reached yet.
 */
function plannedText(phase: RunPhase, planned: number): string {
  if (planned <= 0) return '';
  if (phase === 'coverage') return ` (rounds of ${n(planned)} cases while they reach new rules)`;
  return ` (${n(planned)} planned)`;
}

/**
 * The TTY progress line cut to the terminal's width (one column spare, so the cursor never wraps):
 * first the short form that keeps the counts a reader watches, then a plain cut.
 */
function fitProgress(
  text: string,
  event: Extract<RunEvent, { type: 'progress' }>,
  columns: number | undefined,
): string {
  if (columns === undefined || columns <= 1 || text.length < columns) return text;
  const short = `${event.phase}: ${n(event.done)} cases · ${n(event.failed)} failed · ${event.groups} groups · ${n(event.casesPerSecond)}/s`;
  return short.length < columns ? short : short.slice(0, columns - 1);
}

/** New-failure lines shown per check and reason before the rest are summed up in one line. */
const SAME_REASON_LINES = 3;

/**
 * Progress on the console: on a TTY one line rewritten in place (`\r`), otherwise a plain line at
 * most every 5 seconds (CI logs), plus a line per new failure group in both cases (the first three
 * of one check and reason, then one line saying more are opening).
 *
 * @example
 * const progress = createConsoleProgress({ write: (t) => process.stderr.write(t), isTTY: true });
 * const result = await checkTarget({ onEvent: progress.onEvent });
 * progress.finish();
 */
export function createConsoleProgress(sink: ConsoleSink): ConsoleProgress {
  let lineOpen = false;
  let lastPlain = 0;
  /** New-failure lines printed per check and reason (an unreachable target opens one group per category). */
  const sameReason = new Map<string, number>();
  const clear = (): void => {
    if (lineOpen) {
      sink.write('\r\u001b[2K');
      lineOpen = false;
    }
  };
  const onEvent = (event: RunEvent): void => {
    switch (event.type) {
      case 'run-start': {
        for (const warning of event.warnings) sink.write(`WARNING: ${warning}\n`);
        const shard = event.shard === undefined ? '' : ` · shard ${event.shard.index}/${event.shard.count}`;
        sink.write(
          `opsworks-contract check · target ${event.target} · seed ${event.seed} · ${n(event.runs)} random runs after the coverage phase · levels ${event.levels.join(',')}${shard}\n`,
        );
        break;
      }
      case 'phase-start':
        if (!sink.isTTY) sink.write(`${event.phase} phase${plannedText(event.phase, event.planned)}\n`);
        break;
      case 'progress': {
        const text = `${event.phase}: ${n(event.done)} cases · ${n(event.passed)} passed · ${n(event.failed)} failed · ${n(event.skipped)} skipped · ${n(event.unspecified)} unspecified · ${event.groups} failure groups · ${n(event.casesPerSecond)} cases/s`;
        if (sink.isTTY) {
          sink.write(`\r\u001b[2K${fitProgress(text, event, sink.columns)}`);
          lineOpen = true;
        } else if (event.elapsedMs - lastPlain >= PLAIN_INTERVAL_MS) {
          lastPlain = event.elapsedMs;
          sink.write(`${text}\n`);
        }
        break;
      }
      case 'failure-group': {
        // The first few groups of one check and reason say it; more of them (a closed port opens
        // one per category, 21 lines of "no answer: refused") only push the run's progress away.
        // The scorecard and the reports list every group.
        const key = `${event.check}\u0000${event.reason}`;
        const seen = (sameReason.get(key) ?? 0) + 1;
        sameReason.set(key, seen);
        if (seen > SAME_REASON_LINES + 1) break;
        clear();
        sink.write(
          terminalSafe(
            seen > SAME_REASON_LINES
              ? `new failures: more groups of ${event.check} (${event.reason}) open in other categories; not listed as they open\n`
              : `new failure: ${event.check} · rule ${event.rule} · ${event.category}: ${event.reason}\n`,
          ),
        );
        break;
      }
      case 'shrink-start':
        if (sink.isTTY) {
          clear();
          sink.write(`shrinking ${event.group}…`);
          lineOpen = true;
        }
        break;
      case 'shrink-end':
        clear();
        if (!sink.isTTY || event.sends > 0) {
          sink.write(
            `shrunk ${event.group} in ${event.steps} steps (${event.sends} sends, ${n(event.durationMs)} ms)\n`,
          );
        }
        break;
      case 'run-end':
        clear();
        break;
    }
  };
  return { onEvent, finish: clear };
}

const STATUS_LABEL: Record<ScoreStatus, string> = {
  pass: 'pass',
  fail: 'FAIL',
  unspecified: 'unspecified',
  'not-exercised': 'not exercised',
};

const VERDICT: Record<RunResult['status'], string> = {
  conformant: 'CONFORMANT',
  violations: 'VIOLATIONS FOUND',
  unreachable: 'TARGET UNREACHABLE',
  interrupted: 'INTERRUPTED (partial results)',
};

/**
 * Lays out rows of cells in columns as wide as their widest cell plus a gap: the first `left` columns
 * flush left, the rest (counts) flush right. Widths come from the cells, so a count of 1,000,168 or a
 * status of "unspecified (not selected)" never runs into its neighbour.
 */
function columns(rows: readonly (readonly string[])[], left: number, minWidths: readonly number[]): string[] {
  const widths = minWidths.map((min, i) => Math.max(min, ...rows.map((row) => (row[i] ?? '').length + 2)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i < left ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('')
      .trimEnd(),
  );
}

/** The rule and check tables of the scorecard. */
function scoreTables(result: RunResult): string[] {
  // Both tables share the id, level and status columns, so they line up with each other.
  const idWidth = Math.max(27, ...[...result.rules, ...result.checks].map((x) => x.id.length + 4));
  const ruleRows = result.rules.map((r) => [
    `  ${r.id}`,
    r.level,
    // A rule of a level --rules left out whose checks were all skipped was not looked for, which is
    // not the same as "not exercised".
    r.gating
      ? STATUS_LABEL[r.status]
      : r.status === 'not-exercised'
        ? 'not selected'
        : `${STATUS_LABEL[r.status]} (not selected)`,
    n(r.cases),
    n(r.passed),
    n(r.failed),
    n(r.unspecified),
  ]);
  const checkRows = result.checks.map((c) => [
    `  ${c.id}`,
    '',
    STATUS_LABEL[c.status],
    n(c.passed),
    n(c.failed),
    n(c.skipped),
  ]);
  const statusWidth = Math.max(15, ...[...ruleRows, ...checkRows].map((row) => (row[2] ?? '').length + 2));
  const shared = [idWidth, 12, statusWidth];
  return [
    ...columns([['Rules', 'level', 'status', 'cases', 'passed', 'failed', 'unspec.'], ...ruleRows], 3, [
      ...shared,
      9,
      9,
      9,
      9,
    ]),
    '',
    ...columns([['Checks', '', 'status', 'passed', 'failed', 'skipped'], ...checkRows], 3, [
      ...shared,
      9,
      9,
      9,
    ]),
    '',
  ];
}

// The names `REPORT_FILES` in write-reports.ts gives; not imported from there, since that module loads
// every renderer, which a run imports only when it ends.
const REPORT_NAMES: ReadonlySet<string> = new Set(['report.json', 'junit.xml', 'report.md', 'report.html']);

/**
 * The files a run wrote: the reports by name, and the fixtures (one per failure group, dozens at
 * times) as a count per folder, so the line stays readable.
 */
function wroteLine(files: readonly string[]): string {
  const reports: string[] = [];
  const fixtureDirs = new Map<string, number>();
  for (const file of files) {
    const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    if (REPORT_NAMES.has(file.slice(slash + 1))) reports.push(file);
    else {
      const dir = slash < 0 ? '.' : file.slice(0, slash);
      fixtureDirs.set(dir, (fixtureDirs.get(dir) ?? 0) + 1);
    }
  }
  const fixtures = [...fixtureDirs].map(
    ([dir, count]) => `${n(count)} fixture${count === 1 ? '' : 's'} in ${dir}/`,
  );
  return `Wrote ${[...reports, ...fixtures].join(', ')}`;
}

/**
 * The scorecard printed after a run: a line per rule (level, status, counts) and per check, then each
 * failure group with its minimal counterexample, expected vs observed and a command that reproduces
 * it, then the verdict and the files written.
 *
 * @example
 * io.stdout(renderScorecard(result));
 */
export function renderScorecard(result: RunResult, options: { compact?: boolean } = {}): string {
  // A blank line after the progress output; --quiet shows none, so none is needed.
  const out: string[] = options.compact === true ? [] : [''];
  // An unreachable target answered nothing: every rule reads "not exercised" and every failure group
  // is the same transport failure, a screenful that hides the one line that matters (a mistyped
  // port printed ~300 lines). The reports keep every group; the console says how many.
  const answeredNothing = result.status === 'unreachable';
  if (options.compact !== true && !answeredNothing) out.push(...scoreTables(result));
  if (answeredNothing && result.violations.length > 0) {
    const groups = result.violations.length;
    out.push(
      `${n(groups)} failure group${groups === 1 ? '' : 's'} of ${[...new Set(result.violations.map((v) => v.check))].join(', ')}, one per category: nothing about the contract was judged (every group is in the reports)`,
    );
  } else if (result.violations.length > 0) {
    // Parted from the tables above; under --quiet nothing is above.
    if (out.length > 0) out.push('');
    out.push(
      `Violations (${result.violations.length} failure group${result.violations.length === 1 ? '' : 's'})`,
    );
    result.violations.forEach((v, i) => {
      out.push('', `${i + 1}. ${violationText(result, v)}`);
    });
  }
  if (out.length > 0) out.push('');
  const skipped = Object.entries(result.skipReasons);
  if (skipped.length > 0) {
    out.push(`Skipped: ${skipped.map(([why, count]) => `${n(count)} ${why}`).join('; ')}`);
  }
  const transport = Object.entries(result.transportErrors);
  if (transport.length > 0)
    out.push(`No answer: ${transport.map(([why, count]) => `${n(count ?? 0)} ${why}`).join('; ')}`);
  if (result.retries > 0) out.push(`Throttled and retried: ${n(result.retries)}`);
  if (result.readBack.enabled) {
    out.push(
      `Read-back: ${n(result.readBack.sampled)} deployments read back, ${n(result.readBack.mismatched)} mismatched${result.readBack.callFailures > 0 ? `, ${n(result.readBack.callFailures)} DescribeDeployments calls failed` : ''}`,
    );
  }
  for (const note of result.notes) out.push(`Note: ${note}`);
  out.push(
    `${VERDICT[result.status]}: ${n(result.cases)} cases (${n(result.phases.coverage)} coverage + ${n(result.phases.random)} random) · ${n(result.passed)} passed · ${n(result.failed)} failed · ${n(result.skipped)} skipped · ${n(result.unspecified)} unspecified · ${(result.durationMs / 1000).toFixed(1)} s · ${n(result.casesPerSecond)} cases/s · seed ${result.seed}`,
  );
  if (result.files.length > 0) out.push(wroteLine(result.files));
  // Target messages are in there: their control characters must not act on the terminal.
  return terminalSafe(`${out.join('\n')}\n`);
}
