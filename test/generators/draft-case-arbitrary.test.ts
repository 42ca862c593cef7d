import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/contract/types.js';
import { draftToCase } from '../../src/generators/draft.js';
import { draftCaseArbitrary } from '../../src/generators/draft-case-arbitrary.js';
import { validDraftArbitrary } from '../../src/generators/valid-draft-arbitrary.js';
import { createWorldView } from '../../src/generators/world-view.js';
import { generateCase } from '../../src/runner/case-random.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const view = createWorldView(loadDefaultWorld());
const base = validDraftArbitrary(view, { nulls: true, big: false });
const cases = draftCaseArbitrary(base, fc.integer({ min: 0, max: 1000 }), (d, n) =>
  draftToCase(d, [`n:${n}`]),
);
const numberOf = (c: Case) => Number((c.labels[0] as string).slice(2));

describe('draftCaseArbitrary (one node for tuple(draft, part).map(build))', () => {
  it('builds each case from one draft and one part, the same for the same seed', () => {
    const a = generateCase(cases, 5, 0, 3).value_;
    expect(generateCase(cases, 5, 0, 3).value_).toEqual(a);
    expect(a.labels).toHaveLength(1);
    expect(numberOf(a)).toBeGreaterThanOrEqual(0);
    expect(typeof a.request.body).toBe('object');
  });

  it('shrinks the draft and the part: a failure on the part alone ends at a minimal draft and the smallest failing part', () => {
    const out = fc.check(
      fc.property(cases, (c) => numberOf(c) < 300),
      { seed: 11, numRuns: 300 },
    );
    expect(out.failed).toBe(true);
    const [c] = out.counterexample as [Case];
    expect(numberOf(c)).toBe(300);
    const body = c.request.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['StackId', 'Command']);
    expect(body.Command).toEqual({ Name: 'install_dependencies' });
  });

  it('has nothing to shrink without the context it made', () => {
    const v = generateCase(cases, 5, 0, 3);
    expect([...cases.shrink(v.value_, undefined)]).toEqual([]);
    expect(cases.canShrinkWithoutContext(v.value_)).toBe(false);
  });
});
