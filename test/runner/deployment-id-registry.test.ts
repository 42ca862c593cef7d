import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeploymentIdRegistry } from '../../src/runner/deployment-id-registry.js';

describe('DeploymentIdRegistry', () => {
  it('answers as a Set would, whatever order the ids come in', () => {
    // Short ids from a small alphabet: many repeats, and ids that differ in one character only.
    const id = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', '0', 'é'), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const registry = new DeploymentIdRegistry();
        const seen = new Set<string>();
        for (const x of ids) {
          expect(registry.add(x)).toBe(seen.has(x) ? 'duplicate' : 'new');
          seen.add(x);
        }
        expect(registry.size).toBe(seen.size);
        expect(registry.full).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('tracks a long run of UUIDs, more than one block a bucket: every one new, every repeat found', () => {
    const registry = new DeploymentIdRegistry();
    const ids = Array.from({ length: 200_000 }, () => randomUUID());
    // Counted rather than one expect per id: vitest's expect costs more than the registry.
    const answers = (xs: readonly string[]) => {
      const counts = { new: 0, duplicate: 0, untracked: 0 };
      for (const x of xs) counts[registry.add(x)]++;
      return counts;
    };
    expect(answers(ids)).toEqual({ new: ids.length, duplicate: 0, untracked: 0 });
    expect(registry.size).toBe(ids.length);
    // Repeats from anywhere in the run (first, last, a spread between) are caught.
    const repeats = ids.filter((_, i) => i % 97 === 0 || i === ids.length - 1);
    expect(answers(repeats)).toEqual({ new: 0, duplicate: repeats.length, untracked: 0 });
    expect(registry.size).toBe(ids.length);
  });

  it('stops tracking at its capacity, says so, and still finds the ids it holds', () => {
    const registry = new DeploymentIdRegistry({ capacity: 3 });
    expect(['a', 'b', 'c'].map((x) => registry.add(x))).toEqual(['new', 'new', 'new']);
    expect(registry.full).toBe(true);
    expect(registry.add('d')).toBe('untracked');
    expect(registry.add('e')).toBe('untracked');
    expect(registry.overflowed).toBe(2);
    expect(registry.add('b')).toBe('duplicate');
    expect(registry.size).toBe(3);
  });
});
