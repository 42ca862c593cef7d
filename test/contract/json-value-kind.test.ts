import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonValueKind, NOT_JSON, parseJson } from '../../src/contract/json-value-kind.js';

/** What JSON.parse says: the value's kind, or undefined when it throws. */
function parsedKind(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

// Characters that matter to the grammar, so random edits often land on the edge of validity.
const JSONISH = fc.constantFrom(
  ...'{}[]":,\\/ \t\n\r\f\v\u00a0\ufeff0123456789-+.eEtrufalsnbx'.split(''),
  'true',
  'false',
  'null',
  '\\u00e9',
  '\\u',
  '\\ud800',
  '\u0000',
  '\u001f',
  '\ud83d',
  'é',
);

/** A JSON text with one random edit: a character inserted, removed or replaced. */
const editedJson = fc
  .tuple(
    fc
      .jsonValue()
      .chain((v) =>
        fc.constantFrom(JSON.stringify(v), JSON.stringify(v, null, 2), JSON.stringify(v, null, '\t')),
      ),
    fc.nat(),
    fc.constantFrom('insert', 'remove', 'replace'),
    JSONISH,
  )
  .map(([text, at, edit, s]) => {
    const i = text.length === 0 ? 0 : at % (text.length + 1);
    if (edit === 'insert') return text.slice(0, i) + s + text.slice(i);
    if (edit === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + s + text.slice(i + 1);
  });

describe('jsonValueKind', () => {
  it('agrees with JSON.parse on valid JSON in every spelling', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t', ' \r\n'), (v, space) => {
        const text = JSON.stringify(v, null, space);
        expect(jsonValueKind(text)).toBe(parsedKind(text));
        expect(jsonValueKind(` \n${text}\t `)).toBe(parsedKind(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with JSON.parse on JSON with one random edit', () => {
    fc.assert(
      fc.property(editedJson, (text) => {
        expect(jsonValueKind(text)).toBe(parsedKind(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with JSON.parse on strings made of grammar pieces', () => {
    fc.assert(
      fc.property(fc.array(JSONISH, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(jsonValueKind(text)).toBe(parsedKind(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with JSON.parse on numbers, literals and escapes at their edges', () => {
    const texts = [
      '0',
      '-0',
      '01',
      '-',
      '1.',
      '.5',
      '1.5e',
      '1e+',
      '1E-2',
      '1e400',
      '-01.0',
      '1.0e+10',
      '2e0',
      '0x10',
      'true',
      'tru',
      'truee',
      'nul',
      'null ',
      'false',
      'False',
      'NaN',
      'Infinity',
      '-Infinity',
      '""',
      '"\\u00E9"',
      '"\\u00g9"',
      '"\\x41"',
      '"\\/"',
      '"\\\'"',
      '"\t"',
      '"\u007f"',
      '"\ud800"',
      '{"a":1,}',
      '[1,]',
      '[,1]',
      '{"a" 1}',
      '{,"a":1}',
      '{"a":1 "b":2}',
      '[1 2]',
      '{}}',
      '[]]',
      '{]',
      '[}',
      '',
      ' ',
      '\ufeff{}',
      '{}\u00a0',
      '[[[[]]]]',
      '[[[[]]]',
      '{"a":{"b":{"c":[{}]}}}',
      '{"__proto__":1}',
    ];
    for (const text of texts) expect(jsonValueKind(text), JSON.stringify(text)).toBe(parsedKind(text));
  });

  it('agrees with JSON.parse on long texts, deep nesting included', () => {
    const long = `{"padding":"${'ab\\"c'.repeat(3000)}"}`;
    for (const text of [
      long,
      `${long} `,
      long.slice(0, -1),
      `[${'1,'.repeat(3000)}1]`,
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `${'['.repeat(5000)}${']'.repeat(4999)}`,
      `${'{"a":'.repeat(1500)}{}${'}'.repeat(1500)}`,
    ]) {
      expect(jsonValueKind(text)).toBe(parsedKind(text));
      expect(jsonValueKind(text)).toBe(parsedKind(text)); // the second answer comes from the memo
    }
  });

  it('parseJson gives what JSON.parse gives, or NOT_JSON where it throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          editedJson,
          fc.array(JSONISH, { maxLength: 30 }).map((p) => p.join('')),
        ),
        (text) => {
          let expected: unknown;
          try {
            expected = JSON.parse(text);
          } catch {
            expected = NOT_JSON;
          }
          expect(parseJson(text)).toStrictEqual(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
