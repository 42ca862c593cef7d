import { describe, expect, it } from 'vitest';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { createDoubleTarget } from '../../src/targets/create-double-target.js';
import { expectConformant } from '../../src/vitest/expect-conformant.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();
const stack = world.stacks[0];
if (stack === undefined) throw new Error('the default world has no stack');
const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const ok = {
  status: 200,
  headers: { 'Content-Type': JSON_CONTENT_TYPE, 'X-Amzn-RequestId': 'r-1' },
  body: '{"DeploymentId":"d-1"}',
};
const validation = {
  status: 400,
  headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': 'r-2' },
  body: '{"__type":"com.amazonaws.opsworks#ValidationException","message":"StackId is required"}',
};

describe('expectConformant', () => {
  it('returns the verdicts of a conformant exchange', () => {
    const results = expectConformant(
      { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } },
      ok,
      world,
    );
    expect(results.find((r) => r.check === 'outcome-allowed')?.verdict).toEqual({ status: 'passed' });
  });

  it('takes a bare CreateDeployment input, sent the way an SDK would send it', () => {
    expect(() => expectConformant({ Command: { Name: 'setup' } }, validation)).not.toThrow();
  });

  it('throws a readable error listing each failed check with expected vs observed', () => {
    let message = '';
    try {
      expectConformant({ Command: { Name: 'setup' } }, ok, world);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('not conformant: 1 check(s) failed');
    expect(message).toContain('- outcome-allowed [stack-id-required]');
    expect(message).toContain('expected ValidationException');
    expect(message).toContain('observed success (HTTP 200)');
    expect(message).toContain('"Command"');
  });

  it('fails on wire faults too: an error without its type, a 500', () => {
    const untyped = { status: 400, headers: { 'content-type': JSON_CONTENT_TYPE }, body: '{"message":"no"}' };
    expect(() => expectConformant({ Command: { Name: 'setup' } }, untyped, world)).toThrow(
      /error-type-on-the-wire/,
    );
    const crash = { status: 500, headers: {}, body: 'boom' };
    expect(() => expectConformant({ Command: { Name: 'setup' } }, crash, world)).toThrow(/no-server-error/);
  });

  it('accepts an Exchange from a Target', async () => {
    const target = createDoubleTarget({ world });
    const request = { headers, body: { StackId: stack.StackId, Command: { Name: 'deploy' } } };
    const exchange = await target.send(request);
    expect(() => expectConformant(request, exchange, world)).not.toThrow();
  });

  it('never fails a case the documents leave open', () => {
    const unknownMember = { StackId: stack.StackId, Command: { Name: 'setup' }, Colour: 'blue' };
    expect(() => expectConformant(unknownMember, ok, world)).not.toThrow();
    expect(() => expectConformant(unknownMember, validation, world)).not.toThrow();
  });
});
