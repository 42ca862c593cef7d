import { type CheckResult, runChecks } from '../contract/check-catalog.js';
import { classifyResponse, type RawResponse } from '../contract/classify-response.js';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import type { CaseRequest, Level, World } from '../contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';
import type { Exchange } from '../targets/target.js';
import { loadDefaultWorld } from '../world/load-world.js';
import { describeExchange, formatRequest } from './format-rule-failure.js';

/** Options of {@link expectConformant}. */
export interface ExpectConformantOptions {
  /** Levels whose checks may fail the assertion. Default: all three. */
  levels?: readonly Level[];
}

/**
 * The request the helper judges: a full wire request (`{ headers, body }`), or just a CreateDeployment
 * input (`{ StackId, Command, ... }`), which is sent the way an SDK would send it.
 */
export type ConformantRequest = CaseRequest | Record<string, unknown>;

/** What the target answered: a raw HTTP response, or an `Exchange` from a `Target`. */
export type ConformantResponse = RawResponse | Exchange;

function toCaseRequest(request: ConformantRequest): CaseRequest {
  // A CreateDeployment input never has a `headers` member, so its presence marks a wire request.
  if ('headers' in request && typeof request.headers === 'object' && request.headers !== null) {
    return request as CaseRequest;
  }
  return {
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET },
    body: request,
  };
}

function toExchange(response: ConformantResponse): Exchange {
  if ('kind' in response) return response;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = v;
  const raw = { status: response.status, headers, body: response.body };
  return { kind: 'wire', response: raw, classification: classifyResponse(raw), durationMs: 0 };
}

/**
 * Judges one exchange by the contract: the oracle's allowed outcomes for `request` in `world` and
 * every per-exchange check. Returns every check's result when none failed; otherwise throws an
 * `Error` whose message lists the failed checks with expected vs observed, so it reads well in any
 * test runner. A case the documents leave open never fails.
 *
 * @example
 * import { expectConformant } from 'opsworks-contract/vitest';
 * const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(input) });
 * expectConformant({ headers, body: input }, { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() });
 */
export function expectConformant(
  request: ConformantRequest,
  response: ConformantResponse,
  world: World = loadDefaultWorld(),
  options: ExpectConformantOptions = {},
): CheckResult[] {
  const caseRequest = toCaseRequest(request);
  const levelOptions = options.levels === undefined ? {} : { levels: options.levels };
  const expectation = expectedOutcomes(caseRequest, world, levelOptions);
  const exchange = toExchange(response);
  const results = runChecks({ request: caseRequest, expectation, exchange, world }, levelOptions);
  const failed = results.filter((r) => r.verdict.status === 'failed');
  if (failed.length === 0) return results;
  const lines = [
    `not conformant: ${failed.length} check(s) failed`,
    ...failed.map((r) => {
      const v = r.verdict as Extract<CheckResult['verdict'], { status: 'failed' }>;
      const rules = r.rules.length > 0 ? ` [${r.rules.join(', ')}]` : '';
      return `  - ${r.check}${rules}: ${v.reason}\n      expected ${v.expected}\n      observed ${v.observed}`;
    }),
    `  allowed: ${expectation.allowed.join(' | ')}${expectation.unspecified ? ' (unspecified)' : ''}`,
    `  observed: ${describeExchange(exchange)}`,
    '  request:',
    ...formatRequest(caseRequest)
      .split('\n')
      .map((l) => `    ${l}`),
  ];
  throw new Error(lines.join('\n'));
}
