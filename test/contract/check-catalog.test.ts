import { describe, expect, it } from 'vitest';
import {
  CHECKS,
  compareReadBack,
  isOutcomeAllowed,
  readBackVerdict,
  runChecks,
} from '../../src/contract/check-catalog.js';
import { classifyResponse } from '../../src/contract/classify-response.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import { getRule } from '../../src/contract/rule-catalog.js';
import type { CaseRequest, WireResponse } from '../../src/contract/types.js';
import type { Exchange } from '../../src/targets/target.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';

const world = DEFAULT_WORLD;
const stack = world.stacks[0];
if (stack === undefined) throw new Error('default world has stacks');
const HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
};
const valid: CaseRequest = { headers: HEADERS, body: { StackId: stack.StackId, Command: { Name: 'setup' } } };
const missingStack: CaseRequest = { headers: HEADERS, body: { Command: { Name: 'setup' } } };

const GOOD_HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' };
const wire = (status: number, body: string, headers: Record<string, string> = GOOD_HEADERS): Exchange => {
  const response: WireResponse = { status, headers, body };
  return { kind: 'wire', response, classification: classifyResponse(response), durationMs: 1 };
};
const judge = (request: CaseRequest, exchange: Exchange) =>
  Object.fromEntries(
    runChecks({ request, exchange, world, expectation: expectedOutcomes(request, world) }).map((r) => [
      r.check,
      r.verdict.status,
    ]),
  );

describe('runChecks', () => {
  it('a conformant success passes every check that applies', () => {
    const v = judge(valid, wire(200, '{"DeploymentId":"d"}'));
    expect(v).toMatchObject({
      'outcome-allowed': 'passed',
      'status-matches-outcome': 'passed',
      'no-server-error': 'passed',
      'response-content-type': 'passed',
      'result-body-shape': 'passed',
      'request-id-header': 'passed',
    });
    expect(Object.values(v)).not.toContain('failed');
  });

  it('a success where ValidationException is due fails outcome-allowed', () => {
    expect(judge(missingStack, wire(200, '{"DeploymentId":"d"}'))['outcome-allowed']).toBe('failed');
  });

  it('blames the deciding rule, not the charset or a null, when a refusal is due', () => {
    const request: CaseRequest = {
      headers: { ...HEADERS, 'content-type': 'application/x-amz-json-1.1; charset=utf-8' },
      body: { StackId: null, Command: { Name: 'setup' } },
    };
    const [outcome] = runChecks({
      request,
      world,
      expectation: expectedOutcomes(request, world),
      exchange: wire(200, '{"DeploymentId":"d"}'),
    }).filter((r) => r.check === 'outcome-allowed');
    expect(outcome?.rules).toEqual(['stack-id-required']);
    const refused = runChecks({
      request: { ...request, body: { StackId: stack.StackId, Command: { Name: 'setup' }, Comment: null } },
      world,
      expectation: expectedOutcomes(
        { ...request, body: { StackId: stack.StackId, Command: { Name: 'setup' }, Comment: null } },
        world,
      ),
      exchange: wire(400, '{"__type":"SerializationException","message":"m"}'),
    }).find((r) => r.check === 'outcome-allowed');
    expect(refused?.rules).toEqual([
      'valid-request-succeeds',
      'charset-parameter-accepted',
      'null-is-absent',
    ]);
  });

  it('the right error with the wrong status fails status-matches-outcome', () => {
    const v = judge(missingStack, wire(404, '{"__type":"ValidationException","message":"m"}'));
    expect(v['outcome-allowed']).toBe('passed');
    expect(v['status-matches-outcome']).toBe('failed');
  });

  it('a 500 fails no-server-error and outcome-allowed', () => {
    const v = judge(valid, wire(500, '{"__type":"InternalFailure","message":"boom"}'));
    expect(v['no-server-error']).toBe('failed');
    expect(v['outcome-allowed']).toBe('failed');
  });

  it('an error without a type or message fails the wire checks', () => {
    const v = judge(missingStack, wire(400, '{}'));
    expect(v['error-type-on-the-wire']).toBe('failed');
    const m = judge(missingStack, wire(400, '{"__type":"ValidationException"}'));
    expect(m['error-body-shape']).toBe('failed');
  });

  it('a missing content type or request id fails those checks', () => {
    const v = judge(valid, wire(200, '{"DeploymentId":"d"}', {}));
    expect(v['response-content-type']).toBe('failed');
    expect(v['request-id-header']).toBe('failed');
  });

  it('a success without a DeploymentId fails result-body-shape', () => {
    expect(judge(valid, wire(200, '{}'))['result-body-shape']).toBe('failed');
  });

  it('object-level exchanges skip the checks that need the wire', () => {
    const exchange: Exchange = {
      kind: 'object',
      classification: { outcome: 'success', status: 200, deploymentId: 'd' },
      durationMs: 1,
    };
    const v = judge(valid, exchange);
    expect(v['response-content-type']).toBe('skipped');
    expect(v['outcome-allowed']).toBe('passed');
  });

  it('a transport error fails target-answered and nothing else runs', () => {
    const results = runChecks({
      request: valid,
      world,
      expectation: expectedOutcomes(valid, world),
      exchange: {
        kind: 'transport-error',
        reason: 'timeout',
        message: 'no answer in 10 s',
        durationMs: 10_000,
      },
    });
    expect(results.map((r) => [r.check, r.verdict.status])).toEqual([['target-answered', 'failed']]);
  });

  it('throttling is a retry, not a verdict', () => {
    expect(
      judge(valid, wire(400, '{"__type":"ThrottlingException","message":"Rate exceeded"}'))[
        'outcome-allowed'
      ],
    ).toBe('skipped');
  });

  it('an unspecified case never fails outcome-allowed, but a 5xx still fails no-server-error', () => {
    const odd: CaseRequest = {
      headers: HEADERS,
      body: { StackId: stack.StackId, Command: { Name: 'setup' }, Extra: 1 },
    };
    const v = judge(odd, wire(500, 'oops'));
    expect(v['outcome-allowed']).toBe('skipped');
    expect(v['no-server-error']).toBe('failed');
  });

  it('a wrong Content-Type may be answered by any 4xx', () => {
    const request: CaseRequest = { ...valid, headers: { ...HEADERS, 'content-type': 'text/plain' } };
    const v = judge(request, wire(404, '{"__type":"UnknownOperationException"}'));
    expect(v['outcome-allowed']).toBe('passed');
    expect(v['status-matches-outcome']).toBe('passed');
    expect(judge(request, wire(415, ''))['outcome-allowed']).toBe('passed');
    expect(judge(request, wire(200, '{"DeploymentId":"d"}'))['outcome-allowed']).toBe('failed');
  });

  it('every check cites a rule of the catalog, or is the oracle or transport check', () => {
    for (const c of CHECKS) {
      if (c.id === 'outcome-allowed' || c.id === 'target-answered') continue;
      expect(c.rule && getRule(c.rule), c.id).toBeTruthy();
    }
  });

  it('skips checks of levels not selected', () => {
    const results = runChecks(
      {
        request: valid,
        world,
        expectation: expectedOutcomes(valid, world),
        exchange: wire(200, '{"DeploymentId":"d"}', {}),
      },
      { levels: ['documented'] },
    );
    expect(results.find((r) => r.check === 'request-id-header')?.verdict.status).toBe('skipped');
  });
});

describe('isOutcomeAllowed', () => {
  it('the client-error wildcard takes any 4xx error but not success or 5xx', () => {
    expect(isOutcomeAllowed(['client-error'], 'Whatever', 403)).toBe(true);
    expect(isOutcomeAllowed(['client-error'], 'success', 200)).toBe(false);
    expect(isOutcomeAllowed(['client-error'], 'InternalFailure', 500)).toBe(false);
  });
});

describe('compareReadBack', () => {
  const sent = {
    StackId: stack.StackId,
    AppId: stack.AppIds[0],
    Command: { Name: 'deploy' },
    Comment: 'hi',
    CustomJson: '{"a":1}',
  };
  const back = {
    DeploymentId: 'd',
    StackId: stack.StackId,
    AppId: stack.AppIds[0],
    Command: { Name: 'deploy', Args: {} },
    Comment: 'hi',
    CustomJson: '{"a":1}',
    CreatedAt: '2013-07-25T18:57:49+00:00',
    InstanceIds: stack.InstanceIds,
  };
  it('passes when the deployment reads back as sent, Args {} standing for none', () => {
    expect(compareReadBack(sent, back).status).toBe('passed');
  });
  it('finds the deployment in a DescribeDeployments answer by id, else by position, else fails', () => {
    const other = { ...back, DeploymentId: 'e', Comment: 'not this one' };
    expect(readBackVerdict(sent, 'd', [other, back]).status).toBe('passed');
    // As many deployments as asked for and none carries the id: the one at the same position.
    const { DeploymentId: _id, ...anonymous } = back;
    expect(readBackVerdict(sent, 'd', [other, anonymous], { index: 1, asked: 2 }).status).toBe('passed');
    expect(readBackVerdict(sent, 'd', [other], { index: 0, asked: 2 })).toMatchObject({
      status: 'failed',
      observed: 'not among the deployments returned',
    });
    expect(readBackVerdict(sent, 'd', 'not-found')).toMatchObject({
      status: 'failed',
      observed: 'ResourceNotFoundException',
      reason: 'a created deployment cannot be read back',
    });
  });
  it('fails on any difference, naming the member', () => {
    const v = compareReadBack(sent, { ...back, Comment: 'changed' });
    expect(v.status).toBe('failed');
    expect(v.status === 'failed' && v.observed).toContain('Comment');
    expect(compareReadBack(sent, { ...back, CreatedAt: 1374778669 }).status).toBe('failed');
    expect(compareReadBack({ ...sent, InstanceIds: [stack.InstanceIds[0]] }, back).status).toBe('failed');
  });
});
