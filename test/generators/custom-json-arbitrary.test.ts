import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJsonText } from '../../src/generators/custom-json-arbitrary.js';

/** The spelling as two regular-expression passes: every unit from U+007F up, then every `/`. */
const byReplace = (text: string): string =>
  text
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');

describe('escapeJsonText', () => {
  it('spells the same JSON value in ASCII without a slash, as the two-pass replace does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), (value) => {
        const compact = JSON.stringify(value);
        const escaped = escapeJsonText(compact);
        expect(escaped).toBe(byReplace(compact));
        expect(JSON.parse(escaped)).toEqual(JSON.parse(compact));
        expect(/^[\x20-\x7e]*$/.test(escaped)).toBe(true);
        expect(escaped.replaceAll('\\/', '')).not.toContain('/');
      }),
      { seed: 4, numRuns: 2000 },
    );
  });

  it('escapes each half of an astral character and leaves plain ASCII as it is', () => {
    expect(escapeJsonText('"🚀/é"')).toBe('"\\ud83d\\ude80\\/\\u00e9"');
    expect(escapeJsonText('{"a":"b"}')).toBe('{"a":"b"}');
    expect(escapeJsonText('\u007f')).toBe('\\u007f');
  });
});
