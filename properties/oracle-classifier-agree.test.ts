/**
 * The oracle and the classifier agree with each other: for every case, a response built in
 * awsJson1_1 form from each outcome the oracle allows classifies back to that outcome and passes
 * `outcome-allowed`; a response of an outcome the oracle does not allow fails it (or, where the
 * documents are silent, is skipped — never failed).
 */
import { fc, test } from '@fast-check/vitest';
import {
  ANY_CLIENT_ERROR,
  type CaseRequest,
  classifyResponse,
  createDeploymentArbitraries,
  type Exchange,
  type Expectation,
  expectedOutcomes,
  isOutcomeAllowed,
  JSON_CONTENT_TYPE,
  loadDefaultWorld,
  runChecks,
  SUCCESS,
  type WireResponse,
} from 'opsworks-contract';
import { describe, expect } from 'vitest';
import { propertyParameters } from './property-settings.js';

const world = loadDefaultWorld();
const arbitraries = createDeploymentArbitraries(world);

/** Outcomes a response can be built of; `client-error` stands for an unnamed 4xx. */
const KNOWN_OUTCOMES = [
  SUCCESS,
  'ValidationException',
  'ResourceNotFoundException',
  'SerializationException',
  'UnknownOperationException',
  'AccessDeniedException',
];

/** The error type the wildcard is built as: a 4xx with a type no rule names. */
const SOME_CLIENT_ERROR = 'SomeClientErrorException';

/** How an awsJson1_1 service answers with `outcome`, in one of the three places an error type travels. */
function responseOf(outcome: string, where: 'header' | 'type' | 'code'): WireResponse {
  const headers: Record<string, string> = {
    'content-type': JSON_CONTENT_TYPE,
    'x-amzn-requestid': '6f1c3a52-8f1e-4c4f-9d0e-000000000000',
  };
  if (outcome === SUCCESS) {
    return {
      status: 200,
      headers,
      body: JSON.stringify({ DeploymentId: 'a1b2c3d4-0000-4000-8000-000000000000' }),
    };
  }
  const type = outcome === ANY_CLIENT_ERROR ? SOME_CLIENT_ERROR : outcome;
  const body: Record<string, unknown> = { message: `built ${type}` };
  if (where === 'header')
    headers['x-amzn-errortype'] = `${type}:http://internal.amazon.com/coral/com.amazonaws.opsworks/`;
  else if (where === 'code') body.code = type;
  else body.__type = `com.amazonaws.opsworks#${type}`;
  return { status: 400, headers, body: JSON.stringify(body) };
}

function outcomeVerdict(request: CaseRequest, expectation: Expectation, response: WireResponse) {
  const exchange: Exchange = {
    kind: 'wire',
    response,
    classification: classifyResponse(response),
    durationMs: 0,
  };
  const results = runChecks({ request, expectation, exchange, world });
  const verdict = results.find((r) => r.check === 'outcome-allowed')?.verdict;
  return { classification: exchange.classification, verdict };
}

const where = fc.constantFrom('header' as const, 'type' as const, 'code' as const);

describe('oracle and classifier agree', () => {
  test.prop([arbitraries.all, where], propertyParameters(300))(
    'a response of every allowed outcome classifies back to it and passes outcome-allowed',
    (c, place) => {
      const e = expectedOutcomes(c.request, world);
      expect(e.allowed.length).toBeGreaterThan(0);
      for (const outcome of e.allowed) {
        const { classification, verdict } = outcomeVerdict(c.request, e, responseOf(outcome, place));
        const expected = outcome === ANY_CLIENT_ERROR ? SOME_CLIENT_ERROR : outcome;
        expect(classification.outcome).toBe(expected);
        expect(verdict, `${outcome} (${place}) for ${e.rules.join(', ')}`).toEqual({ status: 'passed' });
      }
    },
  );

  test.prop([arbitraries.all, where], propertyParameters(300))(
    'a response of a disallowed outcome fails outcome-allowed, unless the case is unspecified',
    (c, place) => {
      const e = expectedOutcomes(c.request, world);
      const disallowed = KNOWN_OUTCOMES.filter(
        (o) => !isOutcomeAllowed(e.allowed, o, o === SUCCESS ? 200 : 400),
      );
      for (const outcome of disallowed) {
        const { verdict } = outcomeVerdict(c.request, e, responseOf(outcome, place));
        expect(verdict?.status, `${outcome} for a case allowing ${e.allowed.join(' | ')}`).toBe(
          e.unspecified ? 'skipped' : 'failed',
        );
      }
    },
  );
});
