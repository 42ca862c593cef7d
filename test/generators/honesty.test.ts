import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import { getRule } from '../../src/contract/rule-catalog.js';
import type { Case } from '../../src/contract/types.js';
import { CATEGORY_NAMES, type CategoryName, categoryOfLabel } from '../../src/generators/category-names.js';
import { CATEGORY_RULES, SUPPORTING_RULES } from '../../src/generators/category-rules.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';
import { labelHolds } from './label-holds.js';

const world = loadDefaultWorld();
const arbs = createDeploymentArbitraries(world);

/** Why the oracle's view of an invalid case disagrees with its labels, or undefined when it agrees. */
function disagreement(c: Case): string | undefined {
  const e = expectedOutcomes(c.request, world);
  const categories = c.labels.map(categoryOfLabel) as CategoryName[];
  if (categories.length === 0) return 'an invalid case carries no label';
  for (const label of c.labels) if (!labelHolds(c, label)) return `label ${label} is not true of the request`;
  if (e.unspecified) {
    return categories.some((k) => CATEGORY_RULES[k].mayBeUnspecified)
      ? undefined
      : `the oracle calls it unspecified (${e.notes.join('; ')})`;
  }
  if (e.allowed.includes('success')) return `the oracle allows success (rules ${e.rules.join(', ')})`;
  const claimed = new Set([...SUPPORTING_RULES, ...categories.flatMap((k) => CATEGORY_RULES[k].rules)]);
  const foreign = e.rules.filter((r) => !claimed.has(r));
  if (foreign.length > 0) return `decided by rules outside its labels: ${foreign.join(', ')}`;
  if (!e.rules.some((r) => !SUPPORTING_RULES.includes(r))) return 'no rule of its category decided it';
  return undefined;
}

/** Members in the body and in its Command: what "smaller everywhere else" is measured by. */
function memberCount(c: Case): number {
  const body = c.request.body;
  if (typeof body !== 'object' || body === null) return 0;
  const command = (body as { Command?: unknown }).Command;
  const inner = typeof command === 'object' && command !== null ? Object.keys(command).length : 0;
  return Object.keys(body).length + inner;
}

describe('honesty: valid cases', () => {
  it('every valid case is one the oracle allows to succeed, and only to succeed', () => {
    fc.assert(
      fc.property(arbs.valid, (c) => {
        const e = expectedOutcomes(c.request, world);
        expect(c.labels).toEqual([]);
        expect(e.unspecified, e.notes.join('; ')).toBe(false);
        expect(e.allowed).toEqual(['success']);
      }),
      { seed: 1, numRuns: 600 },
    );
  });
});

describe('honesty: invalid cases', () => {
  it('every rule a category claims is in the rule catalog', () => {
    for (const id of [...SUPPORTING_RULES, ...Object.values(CATEGORY_RULES).flatMap((s) => s.rules)]) {
      expect(getRule(id), id).toBeDefined();
    }
  });

  for (const name of CATEGORY_NAMES) {
    it(`${name}: the labels are true and the oracle refuses success by the category's rules (or leaves it open where the documents do)`, () => {
      fc.assert(
        fc.property(arbs.categories[name], (c) => {
          expect(categoryOfLabel(c.labels[0] ?? '')).toBe(name);
          expect(disagreement(c)).toBeUndefined();
        }),
        { seed: 2, numRuns: name === 'custom-json-oversize' ? 60 : 150 },
      );
    });
  }

  it('invalid mixes every category and every case agrees with the oracle', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbs.invalid, (c) => {
        for (const l of c.labels) seen.add(categoryOfLabel(l));
        expect(disagreement(c)).toBeUndefined();
      }),
      { seed: 3, numRuns: 600 },
    );
    expect([...seen].sort()).toEqual([...CATEGORY_NAMES].sort());
  });

  it('some invalid cases carry two categories at once; both labels hold and the oracle is decided by one of them', () => {
    const compound = fc
      .sample(arbs.invalid, { seed: 8, numRuns: 800 })
      .filter((c) => new Set(c.labels.map(categoryOfLabel)).size > 1);
    expect(compound.length).toBeGreaterThan(15);
    for (const c of compound) expect(disagreement(c)).toBeUndefined();
  });

  it('all yields valid and invalid cases, each honest', () => {
    let valid = 0;
    fc.assert(
      fc.property(arbs.all, (c) => {
        if (c.labels.length === 0) {
          valid++;
          expect(expectedOutcomes(c.request, world).allowed).toEqual(['success']);
        } else expect(disagreement(c)).toBeUndefined();
      }),
      { seed: 4, numRuns: 300 },
    );
    expect(valid).toBeGreaterThan(60);
    expect(valid).toBeLessThan(240);
  });
});

describe('shrinking stays inside the category', () => {
  for (const name of CATEGORY_NAMES) {
    it(`${name}: every shrink candidate keeps its labels true and the oracle's agreement`, () => {
      for (const seed of [11, 12, 13]) {
        const seen: Case[] = [];
        // A property that always fails: fast-check shrinks the first case as far as it can, and every
        // candidate it tries along the way is recorded.
        const result = fc.check(
          fc.property(arbs.categories[name], (c) => {
            seen.push(c);
            return false;
          }),
          { seed, numRuns: 1 },
        );
        expect(result.failed).toBe(true);
        const first = seen[0] as Case;
        const shrunk = (result.counterexample as [Case])[0];
        for (const c of seen) {
          expect(categoryOfLabel(c.labels[0] ?? '')).toBe(name);
          expect(disagreement(c)).toBeUndefined();
        }
        expect(memberCount(shrunk)).toBeLessThanOrEqual(memberCount(first));
      }
    });
  }

  it('a shrunk missing-StackId case still lacks StackId and carries nothing optional', () => {
    const arb = arbs.categories['missing-required'].filter((c) => c.labels[0] === 'missing-required:StackId');
    const result = fc.check(
      fc.property(arb, () => false),
      { seed: 5, numRuns: 1 },
    );
    const shrunk = (result.counterexample as [Case])[0];
    expect(shrunk.labels).toEqual(['missing-required:StackId']);
    expect(shrunk.request.body).toEqual({ Command: { Name: 'install_dependencies' } });
  });

  it('a shrunk oversize CustomJson stops at the smallest surely-oversize size', () => {
    const result = fc.check(
      fc.property(arbs.categories['custom-json-oversize'], () => false),
      { seed: 6, numRuns: 1 },
    );
    const body = (result.counterexample as [Case])[0].request.body as { CustomJson: string };
    expect(body.CustomJson.length).toBe(122_881);
  });
});

describe('shrinking a valid case', () => {
  it('every shrink candidate of a valid case is still valid', () => {
    for (const seed of [21, 22, 23, 24]) {
      const seen: Case[] = [];
      fc.check(
        fc.property(arbs.valid, (c) => {
          seen.push(c);
          return false;
        }),
        { seed, numRuns: 1 },
      );
      expect(seen.length).toBeGreaterThan(1);
      for (const c of seen) {
        expect(c.labels).toEqual([]);
        expect(expectedOutcomes(c.request, world).allowed).toEqual(['success']);
      }
    }
  });
});

describe('determinism', () => {
  it('the same seed gives the same cases, across separately made arbitraries', () => {
    const again = createDeploymentArbitraries(loadDefaultWorld());
    for (const name of CATEGORY_NAMES) {
      expect(fc.sample(again.categories[name], { seed: 5, numRuns: 10 })).toEqual(
        fc.sample(arbs.categories[name], { seed: 5, numRuns: 10 }),
      );
    }
    for (const key of ['valid', 'invalid', 'all'] as const) {
      expect(fc.sample(again[key], { seed: 99, numRuns: 80 })).toEqual(
        fc.sample(arbs[key], { seed: 99, numRuns: 80 }),
      );
    }
  });
});
