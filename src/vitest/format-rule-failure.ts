import { getRule } from '../contract/rule-catalog.js';
import type { CaseRequest, Expectation } from '../contract/types.js';
import type { Exchange } from '../targets/target.js';
import type { FailedVerdict } from './judge-rule-case.js';

/** Longest string printed in full inside a counterexample; the rest is summarised. */
const MAX_STRING = 300;
/** Headers that carry signing material and never reach a message. */
const SECRET_HEADERS = /^(authorization|x-amz-security-token|x-amz-date|x-amz-content-sha256)$/i;

function shorten(text: string): string {
  if (text.length <= MAX_STRING) return text;
  const head = Math.floor(MAX_STRING * 0.7);
  const tail = MAX_STRING - head;
  return `${text.slice(0, head)}…(${text.length - head - tail} more chars)…${text.slice(text.length - tail)}`;
}

function shortenStrings(value: unknown): unknown {
  if (typeof value === 'string') return shorten(value);
  if (Array.isArray(value)) return value.map(shortenStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [shorten(k), shortenStrings(v)]));
  }
  return value;
}

/**
 * A request as a person reads it: method and path, headers (signing material left out), then the
 * body (long strings cut to head…tail).
 *
 * @example
 * formatRequest({ headers: { 'x-amz-target': 'OpsWorks_20130218.CreateDeployment' }, body: {} });
 * // 'POST /\nx-amz-target: OpsWorks_20130218.CreateDeployment\n\n{}'
 */
export function formatRequest(request: CaseRequest): string {
  const lines = [`${request.method ?? 'POST'} ${request.path ?? '/'}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SECRET_HEADERS.test(name)) lines.push(`${name}: ${shorten(value)}`);
  }
  lines.push('');
  if (request.rawBody !== undefined) {
    const encoding = request.rawBodyEncoding === 'base64' ? ' (base64 bytes)' : '';
    lines.push(`${shorten(JSON.stringify(request.rawBody))}${encoding}  (raw body)`);
  } else if (request.body !== undefined) {
    lines.push(JSON.stringify(shortenStrings(request.body), null, 2) ?? String(request.body));
  } else lines.push('(empty body)');
  return lines.join('\n');
}

/** What the target answered, in one line. */
export function describeExchange(exchange: Exchange | undefined): string {
  if (exchange === undefined) return 'nothing';
  if (exchange.kind === 'transport-error') return `transport error (${exchange.reason}): ${exchange.message}`;
  const c = exchange.classification;
  const status = c.status === 0 ? '' : ` (HTTP ${c.status})`;
  return `${c.outcome}${status}${c.message !== undefined ? `: ${shorten(c.message)}` : ''}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Everything the failure message of one rule's test shows. */
export interface RuleFailureReport {
  ruleId: string;
  seed: number;
  /** fast-check's replay path of the counterexample. */
  path?: string | undefined;
  shrinks: number;
  /** The run (1-based) that first failed, before shrinking. */
  failedAtRun: number;
  request: CaseRequest;
  labels: readonly string[];
  expectation: Expectation;
  exchange: Exchange | undefined;
  failures: readonly FailedVerdict[];
  /** How to run this rule's test again with the same seed. */
  reproduce: string;
}

/**
 * The failure message of one rule's test: the minimal counterexample, expected vs observed, the
 * failed checks, and the seed with the command that reproduces it.
 *
 * @example
 * throw new Error(formatRuleFailure(report));
 */
export function formatRuleFailure(r: RuleFailureReport): string {
  const expected = r.expectation.unspecified
    ? `${r.expectation.allowed.join(' | ')} (unspecified)`
    : r.expectation.allowed.join(' | ');
  const rule = getRule(r.ruleId);
  const noAnswer = r.exchange?.kind === 'transport-error';
  const lines = [
    noAnswer
      ? `${r.ruleId}: no answer from the target at case ${r.failedAtRun} (not shrunk: a smaller case would only wait out the same failure)`
      : `${r.ruleId}: violated (first failure at case ${r.failedAtRun}; shrunk ${r.shrinks} time(s) to this minimal counterexample)`,
    ...(rule === undefined ? [] : [`  rule: ${rule.demands} (${rule.level}; ${rule.source})`]),
    `  labels: ${r.labels.length === 0 ? '(valid request)' : r.labels.join(', ')}`,
    '  request:',
    indent(formatRequest(r.request)),
    `  expected: ${expected}  (deciding rules: ${r.expectation.rules.join(', ') || 'none'})`,
    `  observed: ${describeExchange(r.exchange)}`,
    '  failed checks:',
    ...r.failures.map(
      (f) =>
        `    - ${f.check}: ${f.reason}\n        expected ${shorten(f.expected)}\n        observed ${shorten(f.observed)}`,
    ),
    `  seed: ${r.seed}${r.path !== undefined ? `  path: ${r.path}` : ''}`,
    `  reproduce: ${r.reproduce}`,
  ];
  return lines.join('\n');
}
