import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { customJsonObjectValueArbitrary } from './custom-json-arbitrary.js';
import type { WorldView } from './world-view.js';

const IDENT = fc.constantFrom('key1', 'opsworks', 'app', 'deploy');
const ASCII_VALUE = fc.constantFrom('value1', 'x', 'phpapp');
const PAIR = fc.tuple(IDENT, ASCII_VALUE);

/** Texts that almost are a JSON object: each kind breaks RFC 8259 in one way JavaScript-ish parsers forgive. */
export const malformedCustomJsonTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  { withCrossShrink: true },
  // Truncated: any proper prefix of an object's serialisation lacks its closing brace.
  fc.tuple(customJsonObjectValueArbitrary, fc.nat()).map(([v, n]) => {
    const text = JSON.stringify(v);
    return text.slice(0, 1 + (n % (text.length - 1)));
  }),
  fc.tuple(customJsonObjectValueArbitrary).map(([v]) => {
    const text = JSON.stringify(v);
    return text === '{}' ? '{,}' : `${text.slice(0, -1)},}`;
  }),
  PAIR.map(([k, v]) => `{'${k}': '${v}'}`),
  PAIR.map(([k, v]) => `{${k}: "${v}"}`),
  PAIR.map(([k, v]) => `{/* comment */ "${k}": "${v}"}`),
  PAIR.map(([k, v]) => `{"${k}": "${v}"} // trailing comment`),
  fc
    .tuple(
      IDENT,
      fc.constantFrom('NaN', 'Infinity', '-Infinity', '0x1F', '01', '+1', '.5', '1.', 'undefined'),
    )
    .map(([k, n]) => `{"${k}": ${n}}`),
  fc
    .tuple(
      IDENT,
      fc.constantFrom('\\x41', '\\u12G4', '\\u12', '\\a', '\\U0001F680', 'raw\nnewline', 'raw\ttab'),
    )
    .map(([k, e]) => `{"${k}": "${e}"}`),
  PAIR.map(([k, v]) => `\ufeff{"${k}": "${v}"}`),
  fc.constantFrom('', ' ', '\n', '\t \r\n'),
  PAIR.map(([k, v]) => `{"${k}": "${v}"}}`),
  PAIR.map(([k, v]) => `{"${k}" "${v}"}`),
);

/** Replaces CustomJson with malformed JSON text (label `malformed-custom-json`). */
export function malformedCustomJsonMutationArbitrary(): fc.Arbitrary<BodyMutation> {
  return malformedCustomJsonTextArbitrary.map((text) => ({
    labels: ['malformed-custom-json'],
    apply: (b) => ({ ...b, CustomJson: text }),
  }));
}

/**
 * `malformed-custom-json`: CustomJson that is not JSON at all: truncated, trailing comma, single
 * quotes, unquoted keys, comments, `NaN`/`Infinity`, invalid escapes, a BOM, empty or blank.
 *
 * @example
 * fc.sample(malformedCustomJsonArbitrary(view, { nulls: true }), 1)[0].request.body.CustomJson // "{key1: \"x\"}"
 */
export function malformedCustomJsonArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return mutatedCaseArbitrary(view, options, malformedCustomJsonMutationArbitrary());
}
