/**
 * The generators are honest: what they label a case with is what the oracle, deciding on its own,
 * says about it. Valid cases may only succeed; invalid cases may not succeed unless the documents
 * leave them open; and the rules that decided an invalid case are rules its category claims.
 */
import { test } from '@fast-check/vitest';
import {
  CATEGORY_NAMES,
  CATEGORY_RULES,
  type Case,
  type CategoryName,
  categoryOfLabel,
  createDeploymentArbitraries,
  expectedOutcomes,
  loadDefaultWorld,
  SUCCESS,
} from 'opsworks-contract';
import { describe, expect } from 'vitest';
import { propertyParameters } from './property-settings.js';

const world = loadDefaultWorld();
const arbitraries = createDeploymentArbitraries(world);

describe('generators are honest', () => {
  test.prop([arbitraries.valid], propertyParameters(200))('a valid case may only succeed', (c) => {
    const e = expectedOutcomes(c.request, world);
    expect(c.labels).toEqual([]);
    expect(e.allowed, e.notes.join('; ')).toEqual([SUCCESS]);
    expect(e.unspecified).toBe(false);
  });

  const honestInvalid = (c: Case): void => {
    const e = expectedOutcomes(c.request, world);
    const categories = c.labels.map(categoryOfLabel) as CategoryName[];
    expect(categories.length, 'an invalid case carries a label').toBeGreaterThan(0);
    for (const k of categories) expect(CATEGORY_NAMES).toContain(k);
    if (e.unspecified) {
      // Only categories that say the documents may be silent about them may come back unspecified.
      expect(
        categories.some((k) => CATEGORY_RULES[k].mayBeUnspecified),
        `unspecified, but ${categories.join(', ')} claims a documented outcome: ${e.notes.join('; ')}`,
      ).toBe(true);
      return;
    }
    expect(e.allowed, `labels ${c.labels.join(', ')} but success is allowed`).not.toContain(SUCCESS);
    const claimed = new Set(categories.flatMap((k) => CATEGORY_RULES[k].rules));
    expect(
      e.rules.some((r) => claimed.has(r)),
      `labels ${c.labels.join(', ')} but decided by ${e.rules.join(', ')}`,
    ).toBe(true);
  };

  test.prop([arbitraries.invalid], propertyParameters(300))(
    'an invalid case may not succeed (unless unspecified), and is decided by a rule its label claims',
    honestInvalid,
  );

  // Every category on its own, so a rare category cannot hide behind the mix.
  for (const name of CATEGORY_NAMES) {
    const runs = name === 'custom-json-oversize' ? 10 : 30;
    test.prop([arbitraries.categories[name]], propertyParameters(runs))(
      `category ${name} is labelled and judged consistently`,
      (c) => {
        expect(categoryOfLabel(c.labels[0] ?? '')).toBe(name);
        honestInvalid(c);
      },
    );
  }
});
