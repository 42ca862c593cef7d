import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonString } from '../../src/double/core/double-response.js';
import { createDoubleState } from '../../src/double/core/double-state.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';

describe('jsonString', () => {
  it('writes what JSON.stringify writes for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string({
            unit: fc.constantFrom(
              'a',
              '"',
              '\\',
              '\n',
              '\u0000',
              '\u001f',
              '\u007f',
              '\u2028',
              '\ud800',
              '\udc00',
              '😀',
              '/',
            ),
          }),
        ),
        (s) => {
          expect(jsonString(s)).toBe(JSON.stringify(s));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('errorResponse', () => {
  it('writes the body JSON.stringify writes for the type and message', () => {
    const state = createDoubleState(DEFAULT_WORLD, { newId: () => 'id' });
    for (const message of ['plain', 'with "quotes" and \\ and\nnewline', 'lone \ud800', '']) {
      expect(errorResponse(state, 400, 'ValidationException', message).body).toBe(
        JSON.stringify({ __type: 'ValidationException', message }),
      );
    }
  });
});
