import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWellFormedUtf8 } from '../../src/contract/is-well-formed-utf8.js';

const FATAL = new TextDecoder('utf-8', { fatal: true });

function decodes(bytes: Uint8Array): boolean {
  try {
    FATAL.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

// Bytes near every boundary of table 3-7, so random sequences hit lead/continuation edge cases.
const EDGE_BYTE = fc.constantFrom(
  0x00,
  0x41,
  0x7f,
  0x80,
  0x8f,
  0x90,
  0x9f,
  0xa0,
  0xbf,
  0xc0,
  0xc1,
  0xc2,
  0xdf,
  0xe0,
  0xe1,
  0xec,
  0xed,
  0xee,
  0xef,
  0xf0,
  0xf1,
  0xf3,
  0xf4,
  0xf5,
  0xff,
);

describe('isWellFormedUtf8', () => {
  it('agrees with a fatal TextDecoder on byte soup around the boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(EDGE_BYTE, fc.integer({ min: 0, max: 255 })), { maxLength: 12 }), (a) => {
        const bytes = Uint8Array.from(a);
        expect(isWellFormedUtf8(bytes)).toBe(decodes(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the encoding of any string and agrees on it after one byte is changed or cut', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), fc.integer({ min: 0, max: 256 }), (s, at, b) => {
        const bytes = new TextEncoder().encode(s);
        expect(isWellFormedUtf8(bytes)).toBe(true);
        if (bytes.length === 0) return;
        const i = at % bytes.length;
        const edited = b === 256 ? bytes.subarray(0, i) : bytes.slice();
        if (b !== 256) edited[i] = b;
        expect(isWellFormedUtf8(edited)).toBe(decodes(edited));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses overlong forms, surrogates and code points past U+10FFFF', () => {
    for (const bad of [
      [0xc0, 0xaf],
      [0xe0, 0x80, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf0, 0x80, 0x80, 0xaf],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
    ]) {
      expect(isWellFormedUtf8(Uint8Array.from(bad))).toBe(false);
    }
    expect(isWellFormedUtf8(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe(true); // BOM + {}
  });
});
