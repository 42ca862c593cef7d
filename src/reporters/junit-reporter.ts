import type { RunResult } from '../runner/run-result.js';
import { violationText } from './describe-violation.js';
import { escapeXml as x } from './escape-markup.js';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * `junit.xml`: one test case per rule and one per check, so CI shows the scorecard; a failing rule's
 * failure text carries its minimal counterexamples. Rules no case reached are `skipped`. An
 * interrupted or unreachable run adds a failing `run` case so CI does not read it as green.
 *
 * @example
 * await writeFileAtomic('reports/junit.xml', renderJunitReport(result));
 */
export function renderJunitReport(result: RunResult): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const ruleFailures = result.rules.filter((r) => r.status === 'fail').length;
  const ruleSkipped = result.rules.filter((r) => r.status === 'not-exercised').length;
  const checkFailures = result.checks.filter((c) => c.status === 'fail').length;
  const checkSkipped = result.checks.filter((c) => c.status === 'not-exercised').length;
  const runFailed = result.status === 'interrupted' || result.status === 'unreachable';
  const tests = result.rules.length + result.checks.length + (runFailed ? 1 : 0);
  const failures = ruleFailures + checkFailures + (runFailed ? 1 : 0);
  out.push(
    `<testsuites name="opsworks-contract" tests="${tests}" failures="${failures}" errors="0" skipped="${ruleSkipped + checkSkipped}" time="${seconds(result.durationMs)}">`,
  );
  const properties = [
    ['target', result.target],
    ['seed', String(result.seed)],
    ['runs', String(result.runs)],
    ['levels', result.levels.join(',')],
    ['status', result.status],
    ['cases', String(result.cases)],
    ['casesPerSecond', String(Math.round(result.casesPerSecond))],
  ];
  if (result.shard !== undefined) properties.push(['shard', `${result.shard.index}/${result.shard.count}`]);
  const props = `    <properties>\n${properties.map(([k, v]) => `      <property name="${x(k ?? '')}" value="${x(v ?? '')}"/>`).join('\n')}\n    </properties>`;

  out.push(
    `  <testsuite name="rules" tests="${result.rules.length}" failures="${ruleFailures}" errors="0" skipped="${ruleSkipped}" time="${seconds(result.durationMs)}">`,
  );
  out.push(props);
  for (const rule of result.rules) {
    const counts = `${rule.cases} cases, ${rule.passed} passed, ${rule.failed} failed, ${rule.unspecified} unspecified`;
    out.push(
      `    <testcase classname="opsworks-contract.rules.${x(rule.level)}" name="${x(rule.id)}" time="0">`,
    );
    if (rule.status === 'fail') {
      const text = result.violations
        .filter((v) => v.rule === rule.id)
        .map((v) => violationText(result, v, { maxString: 2000 }))
        .join('\n\n');
      out.push(
        `      <failure message="${x(`${rule.id}: ${counts}`)}" type="contract-violation">${x(text)}</failure>`,
      );
    } else if (rule.status === 'not-exercised') {
      out.push(`      <skipped message="not exercised by any case"/>`);
    } else {
      out.push(`      <system-out>${x(`${rule.status}: ${counts}`)}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');

  out.push(
    `  <testsuite name="checks" tests="${result.checks.length}" failures="${checkFailures}" errors="0" skipped="${checkSkipped}" time="${seconds(result.durationMs)}">`,
  );
  for (const check of result.checks) {
    const counts = `${check.passed} passed, ${check.failed} failed, ${check.skipped} skipped`;
    out.push(`    <testcase classname="opsworks-contract.checks" name="${x(check.id)}" time="0">`);
    if (check.status === 'fail') {
      const text = result.violations
        .filter((v) => v.check === check.id)
        .map((v) => violationText(result, v, { maxString: 2000 }))
        .join('\n\n');
      out.push(
        `      <failure message="${x(`${check.id}: ${counts}`)}" type="check-failed">${x(text)}</failure>`,
      );
    } else if (check.status === 'not-exercised') {
      out.push(`      <skipped message="${x(`never applicable: ${counts}`)}"/>`);
    } else {
      out.push(`      <system-out>${x(counts)}</system-out>`);
    }
    out.push('    </testcase>');
  }
  out.push('  </testsuite>');

  if (runFailed) {
    out.push(
      `  <testsuite name="run" tests="1" failures="1" errors="0" skipped="0" time="${seconds(result.durationMs)}">`,
    );
    out.push(`    <testcase classname="opsworks-contract.run" name="${x(result.status)}" time="0">`);
    out.push(
      `      <failure message="${x(`run ${result.status}`)}" type="${x(result.status)}">${x(result.notes.join('\n'))}</failure>`,
    );
    out.push('    </testcase>');
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
