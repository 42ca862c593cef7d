import { describe, expect, it } from 'vitest';
import { classifyResponse, sanitizeErrorCode } from '../../src/contract/classify-response.js';

const CT = { 'content-type': 'application/x-amz-json-1.1' };

describe('classifyResponse: every place an error type travels on the wire', () => {
  it('reads body __type', () => {
    const c = classifyResponse({
      status: 400,
      headers: CT,
      body: '{"__type":"ValidationException","message":"m"}',
    });
    expect(c).toMatchObject({
      outcome: 'ValidationException',
      status: 400,
      message: 'm',
      errorTypeSource: '__type',
    });
  });
  it('reads body code', () => {
    const c = classifyResponse({ status: 400, headers: CT, body: '{"code":"ResourceNotFoundException"}' });
    expect(c).toMatchObject({ outcome: 'ResourceNotFoundException', errorTypeSource: 'code' });
  });
  it('reads the X-Amzn-Errortype header, in any letter case', () => {
    const c = classifyResponse({
      status: 400,
      headers: { 'X-Amzn-ErrorType': 'ValidationException:http://x/' },
      body: '',
    });
    expect(c).toMatchObject({ outcome: 'ValidationException', errorTypeSource: 'header' });
  });
  it('prefers the header, then code, then __type, as the AWS SDK does', () => {
    const body = '{"__type":"A","code":"B"}';
    expect(classifyResponse({ status: 400, headers: { 'x-amzn-errortype': 'C' }, body }).outcome).toBe('C');
    expect(classifyResponse({ status: 400, headers: {}, body }).outcome).toBe('B');
  });
  it('keeps the part before ":" and after "#"', () => {
    const c = classifyResponse({
      status: 400,
      headers: CT,
      body: '{"__type":"com.amazonaws.opsworks#ValidationException:http://internal.amazon.com/coral/"}',
    });
    expect(c.outcome).toBe('ValidationException');
    expect(sanitizeErrorCode('aws.protocoltests#FooError,Other')).toBe('FooError');
    expect(sanitizeErrorCode(404)).toBe('404');
  });
  it('never counts a nested __type', () => {
    const c = classifyResponse({
      status: 400,
      headers: CT,
      body: '{"error":{"__type":"ValidationException"}}',
    });
    expect(c.outcome).toBe('unrecognized');
  });
  it('reads message or Message', () => {
    expect(classifyResponse({ status: 400, headers: CT, body: '{"__type":"X","Message":"M"}' }).message).toBe(
      'M',
    );
  });
  it('reads bytes as well as text', () => {
    const body = new TextEncoder().encode('{"__type":"ValidationException"}');
    expect(classifyResponse({ status: 400, headers: CT, body }).outcome).toBe('ValidationException');
  });
});

describe('classifyResponse: successes', () => {
  it('reads the DeploymentId', () => {
    const c = classifyResponse({ status: 200, headers: CT, body: '{"DeploymentId":"d-1"}' });
    expect(c).toEqual({ outcome: 'success', status: 200, deploymentId: 'd-1' });
  });
  it('an empty 200 is a success without an id (the result-shape check judges it)', () => {
    expect(classifyResponse({ status: 200, headers: CT, body: '' })).toEqual({
      outcome: 'success',
      status: 200,
    });
  });
  it('a 200 whose body is not JSON is unrecognized', () => {
    expect(classifyResponse({ status: 200, headers: CT, body: '<html>' }).outcome).toBe('unrecognized');
  });
});

describe('classifyResponse: never throws', () => {
  it.each([
    ['empty', ''],
    ['not JSON', 'Internal Server Error'],
    ['truncated', '{"__type":"Validat'],
    ['an array', '[1,2]'],
    ['huge garbage', 'x'.repeat(5_000_000)],
    ['null type', '{"__type":null}'],
  ])('%s body on a 500 comes back classified', (_, body) => {
    const c = classifyResponse({ status: 500, headers: {}, body });
    expect(c.outcome).toBe('unrecognized');
    expect(c.status).toBe(500);
  });
});
