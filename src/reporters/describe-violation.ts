import type { RunResult, Violation } from '../runner/run-result.js';
import { abbreviateJson } from './abbreviate-json.js';
import { type CurlTarget, curlCommand } from './curl-command.js';

/** The port the reproduce hint starts `opsworks-contract serve` on for the embedded double. */
const SERVE_PORT = 4000;

/**
 * How a person can reach the target with curl, derived from its display name: `http(s)://…` as is,
 * `sdk:URL` by its URL, `aws:REGION` by the regional endpoint (signed by curl), the embedded double
 * by `opsworks-contract serve`. Module targets (`msw:`, `client:`) have no URL.
 *
 * @example
 * curlTargetOf({ target: 'aws:us-east-1' }); // { url: 'https://opsworks.us-east-1.amazonaws.com', sigv4Region: 'us-east-1' }
 */
export function curlTargetOf(result: Pick<RunResult, 'target' | 'targetUrl'>): CurlTarget | undefined {
  const name = result.target;
  if (result.targetUrl !== undefined) return { url: result.targetUrl };
  if (/^https?:\/\//.test(name)) return { url: name };
  if (name.startsWith('sdk:')) return { url: name.slice(4) };
  if (name.startsWith('aws:')) {
    const region = name.slice(4);
    return { url: `https://opsworks.${region}.amazonaws.com`, sigv4Region: region };
  }
  if (name === 'double') return { url: `http://127.0.0.1:${SERVE_PORT}` };
  return undefined;
}

/**
 * Shell lines that reproduce a violation: a curl command for targets with a URL (for the embedded
 * double, after starting it with `opsworks-contract serve`), otherwise `replay` of the fixture.
 *
 * @example
 * reproduceLines(result, result.violations[0]).join('\n');
 */
export function reproduceLines(result: RunResult, violation: Violation): string[] {
  const target = curlTargetOf(result);
  const lines: string[] = [];
  if (target !== undefined) {
    if (result.target === 'double') {
      lines.push(`npx opsworks-contract serve --port ${SERVE_PORT} &  # the embedded double over HTTP`);
    }
    lines.push(curlCommand(violation.request, target));
  }
  if (violation.fixture !== undefined) {
    lines.push(`npx opsworks-contract replay ${violation.fixture} --target ${result.target}`);
  } else if (target === undefined) {
    lines.push(
      `# no URL for ${result.target}: run with --fixtures-dir DIR, then opsworks-contract replay DIR`,
    );
  }
  return lines;
}

/** Expected outcomes in words. */
export function expectedText(v: Violation): string {
  const allowed = v.expected.allowed.join(' | ');
  const rules = v.expected.rules.length > 0 ? ` (rules: ${v.expected.rules.join(', ')})` : '';
  // The check's own words, unless they only repeat the allowed outcomes.
  const detail = v.expected.detail !== '' && v.expected.detail !== allowed ? `; ${v.expected.detail}` : '';
  return `${allowed}${rules}${detail}`;
}

/** Observed outcome in words. */
export function observedText(v: Violation): string {
  const o = v.observed;
  // The check's description usually says it all (`success (HTTP 200)`); add only what it lacks.
  const parts: string[] = [];
  // transportError is `reason: message`, the detail `transport error (reason): message`: the same
  // news when the detail holds the message.
  const transportMessage = o.transportError?.slice(o.transportError.indexOf(': ') + 2);
  if (o.transportError !== undefined && !o.detail.includes(transportMessage ?? o.transportError)) {
    parts.push(`no answer (${o.transportError})`);
  }
  if (o.outcome !== undefined && !o.detail.includes(o.outcome)) parts.push(o.outcome);
  if (o.status !== undefined && !o.detail.includes(String(o.status))) parts.push(`HTTP ${o.status}`);
  if (o.message !== undefined && o.message !== '' && !o.detail.includes(o.message.slice(0, 50))) {
    parts.push(`message ${JSON.stringify(o.message.slice(0, 200))}`);
  }
  if (o.detail !== '') parts.push(o.detail);
  return parts.join(' · ');
}

/**
 * The plain-text block describing one violation (used by the console and JUnit reporters).
 *
 * @example
 * violationText(result, result.violations[0]);
 */
export function violationText(result: RunResult, v: Violation, options: { maxString?: number } = {}): string {
  const shrink = v.shrink.shrunk
    ? `shrunk in ${v.shrink.steps} steps, ${v.shrink.sends} sends`
    : v.shrink.sends > 0
      ? `not shrunk further after ${v.shrink.sends} sends`
      : 'not shrunk';
  const lines = [
    `${v.check} failed · rule ${v.rule} (${v.level}) · category ${v.category} · ${v.count} case${v.count === 1 ? '' : 's'}`,
    `  why:      ${v.reason}`,
    `  expected: ${expectedText(v)}`,
    `  observed: ${observedText(v)}`,
    `  labels:   ${v.labels.length > 0 ? v.labels.join(', ') : '(none: a valid request)'}`,
    `  minimal counterexample (${shrink}):`,
    ...abbreviateJson(v.request, { maxString: options.maxString ?? 120 })
      .split('\n')
      .map((l) => `    ${l}`),
    '  reproduce:',
    ...reproduceLines(result, v).map((l) => `    ${l}`),
  ];
  if (v.fixture !== undefined) lines.push(`  fixture:  ${v.fixture}`);
  return lines.join('\n');
}
