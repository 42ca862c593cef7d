import type * as fc from 'fast-check';
import type { Case, World } from '../../src/contract/types.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import { generateCase } from '../../src/runner/case-random.js';

/** The seed every benchmark uses, so figures compare the same cases run after run. */
export const BENCH_SEED = 20_251_126;

/** The random-phase arbitrary `checkTarget` builds for a target with these capabilities. */
export function randomPhaseArbitrary(
  world: World,
  caps: { nulls: boolean; wire: boolean },
): fc.Arbitrary<Case> {
  return createDeploymentArbitraries(world, { nulls: caps.nulls, wire: caps.wire }).all;
}

/**
 * The first `count` random-phase cases of `checkTarget({ seed: BENCH_SEED, coveragePerCategory: 0 })`
 * (stream 0, indices 0..count-1): exactly the cases the pipeline figure runs.
 */
export function randomPhaseCases(arbitrary: fc.Arbitrary<Case>, count: number): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < count; i++) out.push(generateCase(arbitrary, BENCH_SEED, 0, i).value_);
  return out;
}
