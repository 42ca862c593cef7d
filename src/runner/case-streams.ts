import type * as fc from 'fast-check';
import type { Case, World } from '../contract/types.js';
import { createDeploymentArbitraries } from '../generators/create-deployment-arbitraries.js';

/**
 * The run's case streams, in their fixed order: 0 the random phase (`all`), 1 the valid cases, 2.. one
 * per generator category, then compound cases (coverage phase). New streams go last so a seed keeps
 * drawing the same cases on the others. The runner and its case worker both build them here, so a
 * (stream, index) pair names the same case on either thread.
 *
 * @example
 * const streams = caseStreams(world, { nulls: true, wire: true });
 * generateCase(streams[0]!, seed, 0, 7).value_; // random-phase case 7
 */
export function caseStreams(
  world: World,
  capabilities: { nulls: boolean; wire: boolean },
): fc.Arbitrary<Case>[] {
  const arbitraries = createDeploymentArbitraries(world, {
    nulls: capabilities.nulls,
    wire: capabilities.wire,
  });
  const categoryNames = Object.keys(arbitraries.categories) as Array<keyof typeof arbitraries.categories>;
  return [
    arbitraries.all,
    arbitraries.valid,
    ...categoryNames.map((name) => arbitraries.categories[name]),
    ...(arbitraries.compound === undefined ? [] : [arbitraries.compound]),
  ];
}
