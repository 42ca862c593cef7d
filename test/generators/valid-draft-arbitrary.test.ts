import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { World } from '../../src/contract/types.js';
import { JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { type Draft, draftToCase } from '../../src/generators/draft.js';
import { validDraftArbitrary } from '../../src/generators/valid-draft-arbitrary.js';
import { createWorldView } from '../../src/generators/world-view.js';
import { generateCase } from '../../src/runner/case-random.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();
const view = createWorldView(world);
const drafts = validDraftArbitrary(view, { nulls: true, big: false });

/** Every shrink candidate of `value`, breadth first, up to `limit` of them. */
function shrinksOf(arb: fc.Arbitrary<Draft>, value: fc.Value<Draft>, limit: number): fc.Value<Draft>[] {
  const out: fc.Value<Draft>[] = [];
  const queue = [value];
  while (queue.length > 0 && out.length < limit) {
    const next = queue.shift() as fc.Value<Draft>;
    for (const s of arb.shrink(next.value_, next.context).take(20)) {
      out.push(s);
      queue.push(s);
    }
  }
  return out;
}

describe('validDraftArbitrary (drawn by hand, shrinking with its own context)', () => {
  it('draws the same draft for the same seed, and different drafts for different seeds', () => {
    const a = generateCase(drafts, 42, 0, 7).value_;
    const b = generateCase(drafts, 42, 0, 7).value_;
    expect(b).toEqual(a);
    const many = new Set(
      Array.from({ length: 50 }, (_, i) => JSON.stringify(generateCase(drafts, 42, 0, i).value_)),
    );
    expect(many.size).toBeGreaterThan(45);
  });

  it('every shrink candidate is still a valid request (the oracle allows success)', () => {
    for (let i = 0; i < 40; i++) {
      const start = generateCase(drafts, 9, 0, i);
      for (const s of shrinksOf(drafts, start, 150)) {
        const e = expectedOutcomes(draftToCase(s.value_, []).request, world);
        expect(e.allowed, JSON.stringify(s.value_.body)).toContain('success');
      }
    }
  });

  it('fast-check shrinks a failure to the smallest draft that still fails', () => {
    // Fails for any draft with two layers or more: the minimum is the first command (no Args) with
    // exactly two LayerIds, every other optional member absent, the plain Content-Type.
    const out = fc.check(
      fc.property(drafts, (d) => !(Array.isArray(d.body.LayerIds) && d.body.LayerIds.length >= 2)),
      { seed: 3, numRuns: 500 },
    );
    expect(out.failed).toBe(true);
    const [d] = out.counterexample as [Draft];
    expect(Object.keys(d.body)).toEqual(['StackId', 'LayerIds', 'Command']);
    expect(d.body.LayerIds).toHaveLength(2);
    expect(d.body.Command).toEqual({ Name: 'install_dependencies' });
    expect(d.contentType).toBe(JSON_CONTENT_TYPE);
  });

  it('shrinks an app command toward the first stack with apps and the first app', () => {
    const apps = validDraftArbitrary(view, { nulls: true, big: false, commands: ['deploy'] });
    const out = fc.check(
      fc.property(apps, (d) => typeof d.body.Comment !== 'string' || d.body.Comment.length === 0),
      { seed: 5, numRuns: 500 },
    );
    expect(out.failed).toBe(true);
    const [d] = out.counterexample as [Draft];
    const firstAppStack = world.stacks[view.appStackIndexes[0] as number];
    expect(d.body.StackId).toBe(firstAppStack?.StackId);
    expect(d.body.AppId).toBe(firstAppStack?.AppIds[0]);
    expect(Array.from(d.body.Comment as string)).toHaveLength(1);
    expect(Object.keys(d.body)).toEqual(['StackId', 'AppId', 'Command', 'Comment']);
  });

  it('draws subsets of long ID lists past the first 30 IDs, in order', () => {
    const ids = (p: string) => Array.from({ length: 45 }, (_, i) => `${p}-${String(i).padStart(2, '0')}`);
    const wide: World = {
      stacks: [{ StackId: 'stack-wide', AppIds: [], LayerIds: ids('layer'), InstanceIds: ids('instance') }],
    };
    const arb = validDraftArbitrary(createWorldView(wide), { nulls: false, big: false });
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const body = generateCase(arb, 1, 0, i).value_.body;
      const list = body.InstanceIds as string[] | undefined;
      if (list === undefined) continue;
      expect([...list].sort()).toEqual(list);
      for (const id of list) seen.add(id);
    }
    expect(seen.has('instance-44')).toBe(true);
    expect(seen.size).toBe(45);
  });
});
