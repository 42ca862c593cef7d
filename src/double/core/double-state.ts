import type { World, WorldStack } from '../../contract/types.js';

/** A deployment as the double recorded it, in the shape DescribeDeployments returns. */
export interface DoubleDeployment {
  DeploymentId: string;
  StackId: string;
  AppId?: string;
  /** ISO-8601 with `+00:00`, e.g. `2013-07-25T18:57:49+00:00` (the documented example form). */
  CreatedAt: string;
  CompletedAt?: string;
  Duration?: number;
  Comment?: string;
  Command: { Name: string; Args: Record<string, string[]> };
  Status: 'running' | 'successful' | 'failed';
  CustomJson?: string;
  InstanceIds: string[];
}

/** Options of {@link createDoubleState}; every one has a default suited to production use. */
export interface DoubleStateOptions {
  /** The clock, in epoch milliseconds. Inject a fixed one for deterministic tests. */
  now?: () => number;
  /** Source of deployment and request IDs (lowercase UUIDs by default). */
  newId?: () => string;
  /**
   * Require a SigV4 `Authorization: AWS4-HMAC-SHA256 ...` header; without one the double answers
   * 403 MissingAuthenticationTokenException (checked after the target, as Coral does). Default false.
   */
  requireAuth?: boolean;
  /**
   * How many deployments to keep; the oldest are forgotten past it, so a long `check` run through
   * the core cannot grow memory without bound (and the garbage collector does not have to walk a
   * large live set). Default 1,000: `check` reads every sampled deployment back within 128
   * successes, and 1,000 deployments of up to 120 KB of CustomJson each stay near 120 MB.
   */
  maxDeployments?: number;
}

/** Where a stack-scoped ID lives. */
export interface IndexedStack {
  stack: WorldStack;
  apps: ReadonlySet<string>;
  layers: ReadonlySet<string>;
  instances: ReadonlySet<string>;
}

/**
 * The double's in-memory service: the world indexed by ID, and the deployments created so far.
 * Mutable only through {@link handleDoubleRequest} (and {@link resetDeployments}).
 */
export interface DoubleState {
  readonly world: World;
  readonly stacks: ReadonlyMap<string, IndexedStack>;
  /** App ID → the stack that holds it. */
  readonly appStacks: ReadonlyMap<string, string>;
  /** Deployments by ID, oldest first. */
  readonly deployments: Map<string, DoubleDeployment>;
  readonly now: () => number;
  readonly newId: () => string;
  readonly requireAuth: boolean;
  readonly maxDeployments: number;
  /**
   * Deployment IDs in creation order, as a ring of `maxDeployments` slots: evicting the oldest is
   * O(1). (Deleting a Map's first key each time is not: V8 leaves holes that `keys().next()` walks.)
   */
  readonly order: { ids: string[]; next: number };
}

function defaultNewId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Builds the double's state over a world: stacks, apps, layers and instances indexed by ID, and an
 * empty deployment log. The world is copied, so later changes to the object do not leak in.
 *
 * @example
 * let n = 0;
 * const state = createDoubleState(world, { now: () => Date.UTC(2013, 6, 25), newId: () => `id-${n++}` });
 */
export function createDoubleState(world: World, options: DoubleStateOptions = {}): DoubleState {
  const copy: World = {
    stacks: world.stacks.map((s) => ({
      StackId: s.StackId,
      AppIds: [...s.AppIds],
      LayerIds: [...s.LayerIds],
      InstanceIds: [...s.InstanceIds],
    })),
  };
  const stacks = new Map<string, IndexedStack>();
  const appStacks = new Map<string, string>();
  for (const stack of copy.stacks) {
    stacks.set(stack.StackId, {
      stack,
      apps: new Set(stack.AppIds),
      layers: new Set(stack.LayerIds),
      instances: new Set(stack.InstanceIds),
    });
    for (const app of stack.AppIds) appStacks.set(app, stack.StackId);
  }
  const maxDeployments = options.maxDeployments ?? 1000;
  if (!Number.isInteger(maxDeployments) || maxDeployments < 1) {
    throw new RangeError(
      `createDoubleState: maxDeployments must be a positive integer, got ${maxDeployments}`,
    );
  }
  return {
    world: copy,
    stacks,
    appStacks,
    deployments: new Map(),
    now: options.now ?? Date.now,
    newId: options.newId ?? defaultNewId,
    requireAuth: options.requireAuth ?? false,
    maxDeployments,
    order: { ids: [], next: 0 },
  };
}

/**
 * Forgets every deployment (between tests that share one state).
 *
 * @example
 * afterEach(() => resetDeployments(state));
 */
export function resetDeployments(state: DoubleState): void {
  state.deployments.clear();
  state.order.ids.length = 0;
  state.order.next = 0;
}
