import { headerValue } from './header-value.js';
import { jsonObject } from './json-object.js';
import { getRule } from './rule-catalog.js';
import type { CaseRequest, Exchange, Expectation, Level, Verdict, World } from './types.js';
import { ANY_CLIENT_ERROR, LEVELS, SUCCESS, UNRECOGNIZED } from './types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from './wire.js';

/** Everything a check may look at for one exchange. */
export interface CheckContext {
  request: CaseRequest;
  expectation: Expectation;
  exchange: Exchange;
  world: World;
}

/**
 * One check: a pure function from an exchange to a verdict, registered by id. A check that does not
 * apply (an object-level target has no headers to read) returns `skipped` with the reason.
 */
export interface Check {
  /** Stable kebab-case id, used in reports, fixture names and `--rules` listings. */
  id: string;
  /** The rule it enforces (`outcome-allowed` enforces the oracle's deciding rules instead). */
  rule?: string;
  level: Level;
  description: string;
  /** Runs across the whole run (uniqueness, read-back) rather than on one exchange. */
  stateful?: boolean;
  run(ctx: CheckContext): Verdict;
}

/** One verdict with the check and rules it belongs to. */
export interface CheckResult {
  check: string;
  /** The primary rule (the first deciding rule for `outcome-allowed`), if any. */
  rule?: string;
  /** Every rule this verdict counts for. */
  rules: string[];
  level: Level;
  verdict: Verdict;
}

const PASSED: Verdict = { status: 'passed' };
const skip = (why: string): Verdict => ({ status: 'skipped', why });
const fail = (expected: string, observed: string, reason: string): Verdict => ({
  status: 'failed',
  expected,
  observed,
  reason,
});

/**
 * HTTP status codes each known outcome may carry: the two documented errors and the other client
 * errors are 400; the common-errors page gives the rest (both its templates are accepted).
 */
const STATUS_BY_OUTCOME: Readonly<Record<string, readonly number[]>> = {
  [SUCCESS]: [200],
  ValidationException: [400],
  ResourceNotFoundException: [400],
  SerializationException: [400],
  // Coral answers 404 when the Content-Type is wrong (contract-facts.md), 400 for a bad target.
  UnknownOperationException: [400, 404],
  UnsupportedMediaTypeException: [415],
  ThrottlingException: [400],
  AccessDeniedException: [400, 403],
  IncompleteSignature: [400],
  IncompleteSignatureException: [400],
  InvalidAction: [400],
  InvalidClientTokenId: [403],
  NotAuthorized: [400, 401],
  OptInRequired: [403],
  RequestExpired: [400],
  ValidationError: [400],
  MissingAuthenticationToken: [403],
  MissingAuthenticationTokenException: [403],
};

function classification(exchange: Exchange) {
  return exchange.kind === 'transport-error' ? undefined : exchange.classification;
}

function describeObserved(exchange: Exchange): string {
  if (exchange.kind === 'transport-error') return `transport error (${exchange.reason}): ${exchange.message}`;
  const c = exchange.classification;
  // Object-level targets (client:, sdk:) report no status (0): say nothing of HTTP rather than a placeholder.
  return `${c.outcome}${c.status ? ` (HTTP ${c.status})` : ''}${c.message ? `: ${c.message.slice(0, 200)}` : ''}`;
}

/** True when `outcome` (with `status`) is one of `allowed`, the client-error wildcard included. */
export function isOutcomeAllowed(allowed: readonly string[], outcome: string, status: number): boolean {
  if (allowed.includes(outcome)) return true;
  if (!allowed.includes(ANY_CLIENT_ERROR) || outcome === SUCCESS) return false;
  // Object-level targets may not know the status; a named error type is then a client error
  // unless it is one of the documented server errors.
  if (status === 0)
    return outcome !== UNRECOGNIZED && outcome !== 'InternalFailure' && outcome !== 'ServiceUnavailable';
  return status >= 400 && status < 500;
}

/** Requests the operation itself answers (the framework may answer the others in its own way). */
function reachesOperation(request: CaseRequest, expectation: Expectation): boolean {
  if ((request.method ?? 'POST').toUpperCase() !== 'POST' || (request.path ?? '/') !== '/') return false;
  if (expectation.rules.includes('content-type-required')) return false;
  return (
    headerValue(request.headers, 'x-amz-target') === CREATE_DEPLOYMENT_TARGET ||
    expectation.rules.includes('target-header-required')
  );
}

/** The strongest level among `rules` (LEVELS runs strongest first); `observed` when none is known. */
const STRONGEST = (rules: readonly string[]): Level => {
  let best = LEVELS.length;
  for (const id of rules) {
    const level = getRule(id)?.level;
    if (level === undefined) continue;
    const rank = LEVELS.indexOf(level);
    if (rank >= 0 && rank < best) best = rank;
  }
  return LEVELS[best] ?? 'observed';
};

/**
 * The check catalog. Stateful checks (`deployment-id-unique`, `read-back-matches`) are listed so the
 * vocabulary is complete; the runner drives them across the run (see `compareReadBack`).
 */
export const CHECKS: readonly Check[] = [
  {
    id: 'target-answered',
    level: 'protocol',
    description: 'The target answers every request with an HTTP response (no timeout, reset or garbage).',
    run: ({ exchange }) =>
      exchange.kind === 'transport-error'
        ? fail('an HTTP response', describeObserved(exchange), `no answer: ${exchange.reason}`)
        : PASSED,
  },
  {
    id: 'outcome-allowed',
    level: 'documented',
    description: "The outcome is one the oracle allows for the request (the deciding rules' verdict).",
    run: ({ expectation, exchange }) => {
      const c = classification(exchange);
      if (c === undefined) return skip('no response');
      if (c.outcome === 'ThrottlingException') return skip('throttled: a retry, not a verdict');
      if (isOutcomeAllowed(expectation.allowed, c.outcome, c.status)) return PASSED;
      if (expectation.unspecified) {
        return skip(`unspecified: the documents are silent; observed ${c.outcome}`);
      }
      return fail(
        expectation.allowed.join(' | '),
        describeObserved(exchange),
        expectation.notes.slice(0, 3).join('; ') || 'outcome not allowed',
      );
    },
  },
  {
    id: 'status-matches-outcome',
    rule: 'errors-are-http-400',
    level: 'documented',
    description: 'The HTTP status fits the outcome: 200 for success, 400 for the documented client errors.',
    run: ({ exchange, expectation }) => {
      const c = classification(exchange);
      if (c === undefined) return skip('no response');
      if (c.status === 0) return skip('the target does not report HTTP status');
      if (c.status >= 500) return skip('server errors are judged by no-server-error');
      const expected = STATUS_BY_OUTCOME[c.outcome];
      if (expected === undefined) {
        if (c.outcome === UNRECOGNIZED)
          return skip('unrecognized response: judged by error-type-on-the-wire');
        return c.status >= 400 && c.status < 500
          ? PASSED
          : fail(
              'a 4xx status for an error',
              `HTTP ${c.status} with ${c.outcome}`,
              'error with a non-error status',
            );
      }
      if (expected.includes(c.status)) return PASSED;
      // Framework-level rejections (wrong Content-Type, non-POST) may carry any 4xx.
      if (
        expectation.allowed.includes(ANY_CLIENT_ERROR) &&
        c.outcome !== SUCCESS &&
        c.status >= 400 &&
        c.status < 500
      ) {
        return PASSED;
      }
      return fail(
        `HTTP ${expected.join(' or ')}`,
        `HTTP ${c.status} with ${c.outcome}`,
        'status does not fit the outcome',
      );
    },
  },
  {
    id: 'no-server-error',
    rule: 'no-server-errors',
    level: 'documented',
    description: 'No request gets a 5xx answer.',
    run: ({ exchange }) => {
      const c = classification(exchange);
      if (c === undefined) return skip('no response');
      return c.status >= 500
        ? fail('a 2xx or 4xx answer', describeObserved(exchange), 'server error')
        : PASSED;
    },
  },
  {
    id: 'response-content-type',
    rule: 'response-content-type',
    level: 'protocol',
    description: 'Every response carries Content-Type: application/x-amz-json-1.1.',
    run: ({ exchange, request, expectation }) => {
      if (exchange.kind !== 'wire') return skip('needs the wire');
      if (!reachesOperation(request, expectation))
        return skip('answered by the framework before the operation');
      const ct = headerValue(exchange.response.headers, 'content-type');
      const media = ct?.split(';')[0]?.trim().toLowerCase();
      return media === JSON_CONTENT_TYPE
        ? PASSED
        : fail(JSON_CONTENT_TYPE, ct === undefined ? 'no Content-Type' : ct, 'wrong response Content-Type');
    },
  },
  {
    id: 'error-type-on-the-wire',
    rule: 'error-type-on-the-wire',
    level: 'protocol',
    description: 'Every error response names its type in X-Amzn-Errortype, body code or body __type.',
    run: ({ exchange, request, expectation }) => {
      if (exchange.kind !== 'wire') return skip('needs the wire');
      const c = exchange.classification;
      if (c.status < 300) return skip('not an error');
      if (!reachesOperation(request, expectation))
        return skip('answered by the framework before the operation');
      return c.outcome === UNRECOGNIZED
        ? fail(
            '__type, code or X-Amzn-Errortype',
            `HTTP ${c.status} with no readable error type`,
            'error type missing',
          )
        : PASSED;
    },
  },
  {
    id: 'result-body-shape',
    rule: 'success-result-shape',
    level: 'documented',
    description: 'A success carries {"DeploymentId": "<non-empty string>"}.',
    run: ({ exchange, request }) => {
      const c = classification(exchange);
      if (c === undefined) return skip('no response');
      if (c.outcome !== SUCCESS) return skip('not a success');
      if (
        headerValue(request.headers, 'x-amz-target') !== CREATE_DEPLOYMENT_TARGET &&
        exchange.kind === 'wire'
      ) {
        return skip('the request named another operation');
      }
      return typeof c.deploymentId === 'string' && c.deploymentId !== ''
        ? PASSED
        : fail('{"DeploymentId": "<string>"}', 'a success without a DeploymentId string', 'malformed result');
    },
  },
  {
    id: 'error-body-shape',
    rule: 'error-body-shape',
    level: 'documented',
    description: 'An error body is a JSON object with a string message.',
    run: ({ exchange, request, expectation }) => {
      if (exchange.kind !== 'wire') return skip('needs the wire');
      const c = exchange.classification;
      if (c.status < 300 || c.outcome === UNRECOGNIZED) return skip('not a readable error');
      if (!reachesOperation(request, expectation))
        return skip('answered by the framework before the operation');
      if (c.outcome === 'ThrottlingException') return skip('throttled');
      return typeof c.message === 'string'
        ? PASSED
        : fail(
            '{"__type": "...", "message": "..."}',
            `${c.outcome} without a message`,
            'error body lacks message',
          );
    },
  },
  {
    id: 'request-id-header',
    rule: 'request-id-header',
    level: 'observed',
    description: 'Every response carries a non-empty x-amzn-RequestId header.',
    run: ({ exchange }) => {
      if (exchange.kind !== 'wire') return skip('needs the wire');
      const id = headerValue(exchange.response.headers, 'x-amzn-requestid');
      return id !== undefined && id.trim() !== ''
        ? PASSED
        : fail('x-amzn-RequestId header', 'none', 'request id header missing');
    },
  },
  {
    id: 'deployment-id-unique',
    rule: 'deployment-id-unique',
    level: 'observed',
    stateful: true,
    description: 'No two successes return the same DeploymentId (driven by the runner).',
    run: () => skip('stateful: driven by the runner'),
  },
  {
    id: 'read-back-matches',
    rule: 'read-back-matches',
    level: 'observed',
    stateful: true,
    description: 'DescribeDeployments returns what CreateDeployment was sent (driven by the runner).',
    run: () => skip('stateful: driven by the runner'),
  },
];

const PER_EXCHANGE = CHECKS.filter((c) => c.stateful !== true);

/** Rules that only say a detail changes nothing (see {@link runChecks}). */
const NEUTRAL_RULES: ReadonlySet<string> = new Set(['null-is-absent', 'charset-parameter-accepted']);

/** Looks a check up by id. */
export function getCheck(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}

/** Options of {@link runChecks}. */
export interface RunChecksOptions {
  /** Checks whose level is not listed come back skipped. Default: every level. */
  levels?: readonly Level[];
}

/**
 * Runs every per-exchange check on one exchange. A transport error is judged by `target-answered`
 * alone (the other checks have nothing to read).
 *
 * @example
 * const results = runChecks({ request, expectation: expectedOutcomes(request, world), exchange, world });
 * const failed = results.filter((r) => r.verdict.status === 'failed');
 */
export function runChecks(ctx: CheckContext, options: RunChecksOptions = {}): CheckResult[] {
  const results: CheckResult[] = [];
  for (const check of PER_EXCHANGE) {
    if (ctx.exchange.kind === 'transport-error' && check.id !== 'target-answered') continue;
    const isOutcome = check.id === 'outcome-allowed';
    let rules = isOutcome ? ctx.expectation.rules : check.rule !== undefined ? [check.rule] : [];
    const level = isOutcome ? STRONGEST(rules) : check.level;
    let verdict: Verdict;
    if (options.levels !== undefined && !isOutcome && !options.levels.includes(level)) {
      verdict = skip(`level ${level} not selected`);
    } else verdict = check.run(ctx);
    if (isOutcome && verdict.status === 'failed' && !ctx.expectation.allowed.includes(SUCCESS)) {
      // "null is absent" and "charset is accepted" say a request is handled as if they were not
      // there; when a request that must be refused is accepted, they are not what broke.
      rules = rules.filter((id) => !NEUTRAL_RULES.has(id));
    }
    const result: CheckResult = { check: check.id, rules, level, verdict };
    const rule = rules[0];
    if (rule !== undefined) result.rule = rule;
    results.push(result);
  }
  return results;
}

function sameStringSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  const x = [...a].map(String).sort();
  const y = [...b].map(String).sort();
  return x.every((v, i) => v === y[i]);
}

function sameArgs(sent: unknown, got: unknown): boolean {
  const s = jsonObject(sent) ?? {};
  const g = jsonObject(got) ?? {};
  const keys = Object.keys(s);
  if (keys.length !== Object.keys(g).length) return false;
  return keys.every((k) => {
    const sv = s[k];
    const gv = g[k];
    return (
      Array.isArray(sv) && Array.isArray(gv) && sv.length === gv.length && sv.every((v, i) => v === gv[i])
    );
  });
}

/**
 * The read-back verdict for one created deployment, from what DescribeDeployments answered when
 * asked for it (alone or with others): its deployments, or `'not-found'` for a
 * ResourceNotFoundException. The deployment is the one carrying `deploymentId`, else the one at
 * `position.index` when the answer lists as many deployments as were asked for (`position.asked`);
 * none is a failure, one is judged by {@link compareReadBack}. `check` and `replay` both judge
 * read-back with it.
 *
 * @example
 * readBackVerdict(body, 'd-1', 'not-found').status; // 'failed'
 */
export function readBackVerdict(
  sent: Record<string, unknown>,
  deploymentId: string,
  answer: readonly unknown[] | 'not-found',
  position: { index: number; asked: number } = { index: 0, asked: 1 },
): Verdict {
  const deployments = answer === 'not-found' ? [] : answer;
  const found =
    deployments.find((d) => jsonObject(d)?.DeploymentId === deploymentId) ??
    (deployments.length === position.asked ? deployments[position.index] : undefined);
  if (found !== undefined) return compareReadBack(sent, found);
  return {
    status: 'failed',
    // Ids come from the target: a hostile one must not fill a report line.
    expected: `deployment ${deploymentId.slice(0, 200)} in DescribeDeployments`,
    observed: answer === 'not-found' ? 'ResourceNotFoundException' : 'not among the deployments returned',
    reason: 'a created deployment cannot be read back',
  };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Compares what CreateDeployment was sent (`sent`, the request body) with one `Deployment` that
 * DescribeDeployments returned for its DeploymentId: StackId, AppId, Command (Args `{}` when none was
 * sent), Comment, CustomJson and InstanceIds when they were sent, CreatedAt as an ISO-8601 string.
 *
 * @example
 * compareReadBack({ StackId: s, Command: { Name: 'setup' } }, deployments[0]); // { status: 'passed' }
 */
export function compareReadBack(sent: Record<string, unknown>, deployment: unknown): Verdict {
  const d = jsonObject(deployment);
  if (d === undefined)
    return fail(
      'a Deployment object',
      JSON.stringify(deployment)?.slice(0, 200) ?? 'nothing',
      'no deployment',
    );
  const diffs: string[] = [];
  const same = (member: string, got: unknown, want: unknown): void => {
    if (got !== want) diffs.push(`${member}: sent ${JSON.stringify(want)}, read back ${JSON.stringify(got)}`);
  };
  same('StackId', d.StackId, sent.StackId);
  for (const member of ['AppId', 'Comment', 'CustomJson'] as const) {
    const v = sent[member];
    if (v !== undefined && v !== null) same(member, d[member], v);
  }
  const sentCommand = jsonObject(sent.Command) ?? {};
  const gotCommand = jsonObject(d.Command) ?? {};
  same('Command.Name', gotCommand.Name, sentCommand.Name);
  if (!sameArgs(sentCommand.Args, gotCommand.Args)) {
    diffs.push(
      `Command.Args: sent ${JSON.stringify(sentCommand.Args ?? {})}, read back ${JSON.stringify(gotCommand.Args)}`,
    );
  }
  const ids = sent.InstanceIds;
  if (Array.isArray(ids) && ids.length > 0 && !sameStringSet(d.InstanceIds, ids)) {
    diffs.push(`InstanceIds: sent ${JSON.stringify(ids)}, read back ${JSON.stringify(d.InstanceIds)}`);
  }
  if (d.CreatedAt !== undefined && (typeof d.CreatedAt !== 'string' || !ISO_8601.test(d.CreatedAt))) {
    diffs.push(`CreatedAt: ${JSON.stringify(d.CreatedAt)} is not an ISO-8601 string`);
  }
  return diffs.length === 0
    ? PASSED
    : fail('the deployment as it was sent', diffs.join('; ').slice(0, 1000), 'read-back differs');
}
