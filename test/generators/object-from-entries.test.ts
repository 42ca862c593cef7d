import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { objectFromEntries } from '../../src/generators/custom-json-arbitrary.js';

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', '0', '1', 'a', ''),
  fc.string({ maxLength: 4 }),
);

describe('objectFromEntries', () => {
  it.prop([fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 1 })), { maxLength: 8 })])(
    'serialises as what Object.fromEntries builds: same own keys, order and values',
    (entries) => {
      const mine = objectFromEntries(entries);
      const theirs = Object.fromEntries(entries);
      expect(Object.getPrototypeOf(mine)).toBeNull();
      expect(Reflect.ownKeys(mine)).toEqual(Reflect.ownKeys(theirs));
      expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs));
    },
  );
});
