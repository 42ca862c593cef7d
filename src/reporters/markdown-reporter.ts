import type { RunResult } from '../runner/run-result.js';
import { abbreviateJson } from './abbreviate-json.js';
import { expectedText, observedText, reproduceLines } from './describe-violation.js';
import { terminalSafe } from './terminal-safe.js';

/** A table cell: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Inline code that survives backticks inside. */
function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${longest > 0 ? ' ' : ''}${flat}${longest > 0 ? ' ' : ''}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
function block(text: string, lang: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

/**
 * `report.md`: the scorecard as Markdown (a CI job summary or a PR comment): summary, rules table,
 * checks table, then each violation with its minimal counterexample and how to reproduce it.
 *
 * @example
 * await writeFileAtomic('reports/report.md', renderMarkdownReport(result));
 */
export function renderMarkdownReport(result: RunResult): string {
  const out: string[] = [];
  const verdict = {
    conformant: '✅ conformant',
    violations: '❌ violations found',
    unreachable: '⛔ target unreachable',
    interrupted: '⏸ interrupted (partial results)',
  }[result.status];
  out.push(`# opsworks-contract check: ${verdict}`, '');
  out.push('| | |', '|---|---|');
  out.push(`| target | ${code(result.target)} |`);
  out.push(`| seed | ${code(String(result.seed))} |`);
  if (result.shard !== undefined) out.push(`| shard | ${result.shard.index}/${result.shard.count} |`);
  out.push(`| levels | ${result.levels.join(', ')} |`);
  out.push(
    `| cases | ${result.cases} (${result.phases.coverage} coverage + ${result.phases.random} random): ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, ${result.unspecified} unspecified |`,
  );
  out.push(
    `| duration | ${(result.durationMs / 1000).toFixed(2)} s, ${Math.round(result.casesPerSecond)} cases/s |`,
  );
  if (result.retries > 0) out.push(`| throttled, retried | ${result.retries} |`);
  for (const [why, count] of Object.entries(result.skipReasons))
    out.push(`| skipped: ${cell(why)} | ${count} |`);
  for (const [why, count] of Object.entries(result.transportErrors))
    out.push(`| no answer: ${cell(why)} | ${count} |`);
  for (const note of result.notes) out.push(`| note | ${cell(note)} |`);
  out.push(
    '',
    '## Rules',
    '',
    '| rule | level | status | cases | passed | failed | unspecified |',
    '|---|---|---|---:|---:|---:|---:|',
  );
  for (const r of result.rules) {
    const status = r.status === 'fail' ? '**FAIL**' : r.status;
    out.push(
      `| ${code(r.id)} | ${r.level} | ${status} | ${r.cases} | ${r.passed} | ${r.failed} | ${r.unspecified} |`,
    );
  }
  out.push('', '## Checks', '', '| check | status | passed | failed | skipped |', '|---|---|---:|---:|---:|');
  for (const c of result.checks) {
    const status = c.status === 'fail' ? '**FAIL**' : c.status;
    out.push(`| ${code(c.id)} | ${status} | ${c.passed} | ${c.failed} | ${c.skipped} |`);
  }
  if (result.violations.length > 0) {
    out.push('', `## Violations (${result.violations.length})`);
    result.violations.forEach((v, i) => {
      out.push('', `### ${i + 1}. ${cell(v.check)} · rule ${cell(v.rule)} · ${cell(v.category)}`, '');
      out.push(`- **why**: ${cell(v.reason)}`);
      out.push(`- **expected**: ${cell(expectedText(v))}`);
      out.push(`- **observed**: ${cell(observedText(v))}`);
      out.push(`- **cases in this group**: ${v.count}`);
      if (v.fixture !== undefined) out.push(`- **fixture**: ${code(v.fixture)}`);
      out.push(
        '',
        'Minimal counterexample:',
        '',
        block(abbreviateJson(v.request, { maxString: 300 }), 'json'),
      );
      out.push('', 'Reproduce:', '', block(reproduceLines(result, v).join('\n'), 'sh'));
    });
  }
  // report.md is read in terminals too (cat, less): target messages must not carry escape sequences.
  return terminalSafe(`${out.join('\n')}\n`);
}
