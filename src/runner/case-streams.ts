import type * as fc from 'fast-check';
import type { Case, World } from '../contract/types.js';
import { createDeploymentArbitraries } from '../generators/create-deployment-arbitraries.js';

/**
 * The run's case streams, in their fixed order: 0 the random phase (`all`), 1 the valid cases, 2.. one
 * per generator category, then compound cases (coverage phase). New streams go last so a seed keeps
 * drawing the same cases on the others. The runner and its random-phase worker processes both build
 * them here, so a (stream, index) pair names the same case in every process.
 *
 * @example
 * const streams = caseStreams(world, { nulls: true, wire: true });
 * generateCase(streams[0]!, seed, 0, 7).value_; // random-phase case 7
 */
export function caseStreams(
  world: World,
  capabilities: { nulls: boolean; wire: boolean },
): fc.Arbitrary<Case>[] {
  // Arbitraries are pure (same seed, same cases), so one set per world and capabilities serves every
  // run: building them took 35-140 ms per `checkTarget` call, 3-8% of a 1,500-case HTTP run.
  const key = `${capabilities.nulls}|${capabilities.wire}`;
  let perWorld = CACHE.get(world);
  if (perWorld === undefined) {
    perWorld = new Map();
    CACHE.set(world, perWorld);
  }
  const cached = perWorld.get(key);
  if (cached !== undefined) return cached;
  const built = buildStreams(world, capabilities);
  perWorld.set(key, built);
  return built;
}

/**
 * Streams built per world object. A world is not mutated after loading (the oracle indexes it
 * once, in a WeakMap, on the same assumption), and a dropped world frees its streams.
 */
const CACHE = new WeakMap<World, Map<string, fc.Arbitrary<Case>[]>>();

function buildStreams(world: World, capabilities: { nulls: boolean; wire: boolean }): fc.Arbitrary<Case>[] {
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
