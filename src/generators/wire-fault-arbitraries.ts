import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, TARGET_PREFIX } from '../contract/wire.js';
import type { CategoryOptions } from './body-mutation.js';
import { type Draft, protocolHeaders } from './draft.js';
import { draftCaseArbitrary } from './draft-case-arbitrary.js';
import { validDraftArbitrary } from './valid-draft-arbitrary.js';
import { stackAt, type WorldView } from './world-view.js';

/** A valid base for a wire fault: small values, so the fault is what a shrunk case shows. */
function base(view: WorldView, options: CategoryOptions): fc.Arbitrary<Draft> {
  return validDraftArbitrary(view, { nulls: options.nulls, big: false, anyStack: true });
}

function rawCase(draft: Draft, rawBody: string, label: string): Case {
  return { request: { headers: protocolHeaders(draft.contentType), rawBody }, labels: [label] };
}

/**
 * `wire-not-json`: a body that is not JSON: a truncated serialisation of a valid request, form or
 * XML encodings, JavaScript-isms. Never blank (that is `wire-empty-body`'s business).
 */
export function wireNotJsonArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  const text = fc.oneof(
    { withCrossShrink: true },
    fc.tuple(base(view, options), fc.nat()).map(([d, n]) => {
      const t = JSON.stringify(d.body);
      return { d, t: t.slice(0, 1 + (n % (t.length - 1))) };
    }),
    fc
      .tuple(
        base(view, options),
        fc.constantFrom(
          (d: Draft) => `StackId=${encodeURIComponent(String(d.body.StackId))}&Command.Name=setup`,
          () => '<CreateDeploymentRequest><StackId>x</StackId></CreateDeploymentRequest>',
          (d: Draft) => JSON.stringify(d.body).replace(/"([A-Za-z]+)":/g, '$1:'),
          (d: Draft) => JSON.stringify(d.body).replace(/"/g, "'"),
          (d: Draft) => `${JSON.stringify(d.body).slice(0, -1)},}`,
          () => 'undefined',
          () => 'not json',
          () => '{"StackId": NaN}',
        ),
      )
      .map(([d, f]) => ({ d, t: f(d) })),
  );
  return text.map(({ d, t }) => rawCase(d, t, 'wire-not-json'));
}

/** `wire-not-object`: well-formed JSON that is not an object (array, number, string, null, boolean). */
export function wireNotObjectArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return draftCaseArbitrary(
    base(view, options),
    fc.constantFrom(
      () => '[]',
      () => 'null',
      () => 'true',
      () => '0',
      () => '"CreateDeployment"',
      (d: Draft) => `[${JSON.stringify(d.body)}]`,
      (d: Draft) => JSON.stringify(JSON.stringify(d.body)),
    ),
    (d, f) => rawCase(d, f(d), 'wire-not-object'),
  );
}

/** `wire-empty-body`: no body at all, or an empty one. */
export function wireEmptyBodyArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return draftCaseArbitrary(base(view, options), fc.boolean(), (d, noBody) =>
    noBody
      ? { request: { headers: protocolHeaders(d.contentType) }, labels: ['wire-empty-body'] }
      : rawCase(d, '', 'wire-empty-body'),
  );
}

/** Byte sequences that are not UTF-8: a stray continuation byte, a cut sequence, overlong forms, surrogates. */
export const INVALID_UTF8_SEQUENCES: readonly (readonly number[])[] = [
  [0xff],
  [0xfe],
  [0x80],
  [0xc3],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

const MARK = 'INVALID-UTF8-HERE';

/** `wire-invalid-utf8`: a valid request whose Comment holds bytes that are not UTF-8 (base64 `rawBody`). */
export function wireInvalidUtf8Arbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return draftCaseArbitrary(base(view, options), fc.constantFrom(...INVALID_UTF8_SEQUENCES), (d, seq) => {
    const [before, after] = JSON.stringify({ ...d.body, Comment: MARK }).split(MARK) as [string, string];
    const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(seq), Buffer.from(after, 'utf8')]);
    return {
      request: {
        headers: protocolHeaders(d.contentType),
        rawBody: bytes.toString('base64'),
        rawBodyEncoding: 'base64',
      },
      labels: ['wire-invalid-utf8'],
    };
  });
}

/**
 * `wire-duplicate-keys`: a request whose text repeats a top-level member (same value, another
 * stack's or an unknown ID, another command). JSON leaves the meaning open; so does the oracle.
 */
export function wireDuplicateKeysArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  const fault = fc.tuple(fc.constantFrom('StackId', 'Command', 'Comment'), fc.nat({ max: 3 }));
  return draftCaseArbitrary(base(view, options), fault, (d, [key, variant]) => {
    const other = stackAt(view, d.stackIndex + 1).StackId;
    const values: Record<string, unknown[]> = {
      StackId: [d.body.StackId, other, '00000000-0000-0000-0000-000000000000', ''],
      Command: [
        d.body.Command,
        { Name: 'setup' },
        { Name: 'configure' },
        { Name: 'update_custom_cookbooks' },
      ],
      Comment: ['first', 'second', '', 'duplicate 🚀'],
    };
    const dup = values[key]?.[variant] ?? null;
    // The key must be there once already for the added entry to repeat it (Comment is optional).
    const first = d.body[key] === undefined ? { ...d.body, [key]: values[key]?.[0] ?? null } : d.body;
    const entries = Object.entries(first).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    const text = `{${[...entries, `${JSON.stringify(key)}:${JSON.stringify(dup)}`].join(',')}}`;
    return {
      request: { headers: protocolHeaders(d.contentType), rawBody: text },
      labels: [`wire-duplicate-keys:${key}`],
    };
  });
}

/** Content types other than the protocol's (undefined means the header is left out). */
export const WRONG_CONTENT_TYPES = [
  undefined,
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data',
  '',
] as const;

/** `wire-content-type`: a valid body with a wrong or missing `Content-Type`. */
export function wireContentTypeArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return draftCaseArbitrary(base(view, options), fc.constantFrom(...WRONG_CONTENT_TYPES), (d, ct) => {
    const headers: Record<string, string> = { 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
    if (ct !== undefined) headers['content-type'] = ct;
    return { request: { headers, body: d.body }, labels: ['wire-content-type'] };
  });
}

/** `wire-missing-target`: a valid body without `X-Amz-Target`. */
export function wireMissingTargetArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return base(view, options).map((d) => ({
    request: { headers: { 'content-type': d.contentType }, body: d.body },
    labels: ['wire-missing-target'],
  }));
}

/**
 * Targets that are not CreateDeployment: misspellings, another API version, other services. Never a
 * real OpsWorks operation: a mutating one would be acted on (a real account could lose a stack), and
 * a read such as DescribeDeployments answers with everything the target holds (megabytes after a
 * long run), while its outcome says nothing about CreateDeployment's contract.
 */
export const WRONG_TARGETS = [
  `${TARGET_PREFIX}.CreateDeployments`,
  `${TARGET_PREFIX}.createDeployment`,
  `${TARGET_PREFIX}.`,
  'OpsWorks_20120101.CreateDeployment',
  'CreateDeployment',
  'DynamoDB_20120810.CreateDeployment',
  'CodeDeploy_20141006.CreateDeployment',
  '',
] as const;

/** `wire-wrong-target`: a valid body sent to another operation's or another service's target. */
export function wireWrongTargetArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return draftCaseArbitrary(base(view, options), fc.constantFrom(...WRONG_TARGETS), (d, target) => ({
    request: { headers: { 'content-type': d.contentType, 'x-amz-target': target }, body: d.body },
    labels: ['wire-wrong-target'],
  }));
}

/** Methods other than POST, as a misconfigured client or proxy might send them. */
export const WRONG_METHODS = ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const;

/**
 * `wire-method`: a valid request sent with another method. Nothing documents the answer, but a
 * non-POST must never create a deployment (contract-facts.md: "never success for a non-POST").
 */
export function wireMethodArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return draftCaseArbitrary(base(view, options), fc.constantFrom(...WRONG_METHODS), (d, method) => ({
    request: { method, headers: protocolHeaders(d.contentType), body: d.body },
    labels: [`wire-method:${method}`],
  }));
}
