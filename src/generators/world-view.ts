import type { World, WorldStack } from '../contract/types.js';

/**
 * The world, indexed once for the generators: which stacks can host app commands, and every ID that
 * exists anywhere (so an "unknown" ID is never one that exists by accident).
 */
export interface WorldView {
  readonly world: World;
  readonly stacks: readonly WorldStack[];
  /** Indexes into `stacks` of stacks with at least one app. */
  readonly appStackIndexes: readonly number[];
  /** Every StackId, AppId, LayerId and InstanceId in the world. */
  readonly knownIds: ReadonlySet<string>;
  /** The largest InstanceIds / LayerIds list of any stack (subset masks are drawn this long). */
  readonly maxInstances: number;
  readonly maxLayers: number;
}

/**
 * Indexes `world` for the generators.
 *
 * @example
 * const view = createWorldView(loadDefaultWorld());
 */
export function createWorldView(world: World): WorldView {
  const knownIds = new Set<string>();
  const appStackIndexes: number[] = [];
  let maxInstances = 0;
  let maxLayers = 0;
  world.stacks.forEach((s, i) => {
    knownIds.add(s.StackId);
    for (const id of [...s.AppIds, ...s.LayerIds, ...s.InstanceIds]) knownIds.add(id);
    if (s.AppIds.length > 0) appStackIndexes.push(i);
    maxInstances = Math.max(maxInstances, s.InstanceIds.length);
    maxLayers = Math.max(maxLayers, s.LayerIds.length);
  });
  return { world, stacks: world.stacks, appStackIndexes, knownIds, maxInstances, maxLayers };
}

/** The stack at `index`, which the caller drew from `0..stacks.length-1`. */
export function stackAt(view: WorldView, index: number): WorldStack {
  const s = view.stacks[index % view.stacks.length];
  if (s === undefined) throw new Error('generators: stack index out of range (empty world)');
  return s;
}
