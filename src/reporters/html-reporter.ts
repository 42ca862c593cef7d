import type { RunResult } from '../runner/run-result.js';
import { abbreviateJson } from './abbreviate-json.js';
import { expectedText, observedText, reproduceLines } from './describe-violation.js';
import { escapeHtml as h } from './escape-markup.js';

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #ddd;padding:.25rem .5rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.fail{color:#b00020;font-weight:600}.pass{color:#196c2e}.muted{color:#666}
pre{background:#f5f5f5;padding:.75rem;overflow:auto;white-space:pre-wrap;word-break:break-all}code{font-family:ui-monospace,monospace}
.verdict{padding:.5rem 1rem;border-radius:.25rem;display:inline-block}.v-conformant{background:#e3f5e7}.v-violations{background:#fde7ea}
.v-unreachable,.v-interrupted{background:#fff4d6}`;

/**
 * `report.html`: a self-contained page (no scripts, no external assets) a person can open from a CI
 * artifact: verdict, rule and check tables, and each violation with its minimal counterexample.
 * Every value from the run is HTML-escaped.
 *
 * @example
 * await writeFileAtomic('reports/report.html', renderHtmlReport(result));
 */
export function renderHtmlReport(result: RunResult): string {
  const o: string[] = [];
  o.push('<!doctype html>', '<html lang="en"><head><meta charset="utf-8">');
  o.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  o.push(`<title>opsworks-contract: ${h(result.target)} ${h(result.status)}</title>`);
  o.push(`<style>${STYLE}</style></head><body>`);
  o.push(`<h1>opsworks-contract check · <code>${h(result.target)}</code></h1>`);
  o.push(`<p class="verdict v-${h(result.status)}">${h(result.status.toUpperCase())}</p>`);
  o.push('<table>');
  const row = (k: string, v: string): void => {
    o.push(`<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`);
  };
  row('seed', String(result.seed));
  if (result.shard !== undefined) row('shard', `${result.shard.index}/${result.shard.count}`);
  row('levels that fail the run', result.levels.join(', '));
  row(
    'cases',
    `${result.cases} (${result.phases.coverage} coverage + ${result.phases.random} random): ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, ${result.unspecified} unspecified`,
  );
  row('duration', `${(result.durationMs / 1000).toFixed(2)} s, ${Math.round(result.casesPerSecond)} cases/s`);
  row('started', result.startedAt);
  if (result.retries > 0) row('throttled and retried', String(result.retries));
  for (const [why, count] of Object.entries(result.skipReasons)) row(`skipped: ${why}`, String(count));
  for (const [why, count] of Object.entries(result.transportErrors)) row(`no answer: ${why}`, String(count));
  for (const note of result.notes) row('note', note);
  o.push('</table>');

  o.push(
    '<h2>Rules</h2><table><tr><th>rule</th><th>level</th><th>status</th><th>cases</th><th>passed</th><th>failed</th><th>unspecified</th></tr>',
  );
  for (const r of result.rules) {
    o.push(
      `<tr><td><code>${h(r.id)}</code></td><td>${h(r.level)}</td><td class="${r.status === 'fail' ? 'fail' : r.status === 'pass' ? 'pass' : 'muted'}">${h(r.status)}</td><td class="n">${r.cases}</td><td class="n">${r.passed}</td><td class="n">${r.failed}</td><td class="n">${r.unspecified}</td></tr>`,
    );
  }
  o.push('</table>');
  o.push(
    '<h2>Checks</h2><table><tr><th>check</th><th>status</th><th>passed</th><th>failed</th><th>skipped</th></tr>',
  );
  for (const c of result.checks) {
    o.push(
      `<tr><td><code>${h(c.id)}</code></td><td class="${c.status === 'fail' ? 'fail' : c.status === 'pass' ? 'pass' : 'muted'}">${h(c.status)}</td><td class="n">${c.passed}</td><td class="n">${c.failed}</td><td class="n">${c.skipped}</td></tr>`,
    );
  }
  o.push('</table>');
  if (result.violations.length > 0) {
    o.push(`<h2>Violations (${result.violations.length})</h2>`);
    result.violations.forEach((v, i) => {
      o.push(
        `<section><h3>${i + 1}. <code>${h(v.check)}</code> · rule <code>${h(v.rule)}</code> · ${h(v.category)}</h3>`,
      );
      o.push('<table>');
      row('why', v.reason);
      row('expected', expectedText(v));
      row('observed', observedText(v));
      row('cases in this group', String(v.count));
      row('labels', v.labels.join(', ') || '(none: a valid request)');
      if (v.fixture !== undefined) row('fixture', v.fixture);
      o.push('</table>');
      o.push(
        `<p>Minimal counterexample:</p><pre><code>${h(abbreviateJson(v.request, { maxString: 500 }))}</code></pre>`,
      );
      o.push(`<p>Reproduce:</p><pre><code>${h(reproduceLines(result, v).join('\n'))}</code></pre></section>`);
    });
  }
  o.push('</body></html>');
  return `${o.join('\n')}\n`;
}
