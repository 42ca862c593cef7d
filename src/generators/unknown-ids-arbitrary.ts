import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { APP_COMMANDS } from '../contract/wire.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import type { Body } from './draft.js';
import { stackAt, type WorldView } from './world-view.js';

type IdKind = 'AppIds' | 'LayerIds' | 'InstanceIds';

/**
 * IDs that exist nowhere in the world: random UUIDs, empty and blank strings, a non-UUID name, very
 * long strings. Each is checked against every known ID.
 */
export function unknownIdArbitrary(view: WorldView): fc.Arbitrary<string> {
  return fc
    .oneof(
      { arbitrary: fc.uuid(), weight: 4 },
      {
        arbitrary: fc.constantFrom(
          '',
          ' ',
          '\t',
          'fake_stack',
          'null',
          '00000000-0000-0000-0000-000000000000',
        ),
        weight: 2,
      },
      { arbitrary: fc.integer({ min: 256, max: 4096 }).map((n) => 'a'.repeat(n)), weight: 1 },
    )
    .filter((id) => !view.knownIds.has(id));
}

/**
 * An ID of `kind` that exists, but in a stack other than `stackIndex` (undefined when no other stack
 * has one). `pick` chooses which.
 */
function foreignId(view: WorldView, stackIndex: number, kind: IdKind, pick: number): string | undefined {
  const own = stackAt(view, stackIndex);
  const pool = view.stacks.filter((s) => s !== own).flatMap((s) => s[kind]);
  return pool.length === 0 ? undefined : pool[pick % pool.length];
}

/** Draws either a foreign ID (when the world has one) or an unknown one. */
const choice = (view: WorldView) =>
  fc.record({ foreign: fc.boolean(), pick: fc.nat({ max: 1023 }), unknown: unknownIdArbitrary(view) });

function resolve(
  view: WorldView,
  stackIndex: number,
  kind: IdKind,
  c: { foreign: boolean; pick: number; unknown: string },
): string {
  return (c.foreign ? foreignId(view, stackIndex, kind, c.pick) : undefined) ?? c.unknown;
}

/** Replaces StackId with one that names no stack (label `unknown-ids:StackId`). */
export function unknownStackIdMutationArbitrary(view: WorldView): fc.Arbitrary<BodyMutation> {
  return unknownIdArbitrary(view).map((id) => ({
    labels: ['unknown-ids:StackId'],
    apply: (b: Body) => ({ ...b, StackId: id }),
  }));
}

function listWith(body: Body, key: string, id: string, at: number): string[] {
  const current = Array.isArray(body[key]) ? (body[key] as string[]) : [];
  const i = at % (current.length + 1);
  return [...current.slice(0, i), id, ...current.slice(i)];
}

/**
 * `unknown-ids`: a valid request naming a stack, app, layer or instance that does not exist, or
 * that exists in another stack (labels `unknown-ids:StackId|AppId|InstanceIds|LayerIds`).
 *
 * @example
 * fc.sample(unknownIdsArbitrary(view, { nulls: true }), 1)[0].labels // ['unknown-ids:LayerIds']
 */
export function unknownIdsArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  const stackId = unknownStackIdMutationArbitrary(view);
  const appId = choice(view).map(
    (c): BodyMutation => ({
      labels: ['unknown-ids:AppId'],
      apply: (b, s) => ({ ...b, AppId: resolve(view, s, 'AppIds', c) }),
    }),
  );
  const list = (key: 'InstanceIds' | 'LayerIds') =>
    fc.tuple(choice(view), fc.nat({ max: 63 })).map(
      ([c, at]): BodyMutation => ({
        labels: [`unknown-ids:${key}`],
        apply: (b, s) => ({ ...b, [key]: listWith(b, key, resolve(view, s, key, c), at) }),
      }),
    );
  return fc.oneof(
    mutatedCaseArbitrary(view, options, stackId),
    mutatedCaseArbitrary(view, { ...options, commands: APP_COMMANDS }, appId),
    mutatedCaseArbitrary(view, options, list('InstanceIds')),
    mutatedCaseArbitrary(view, options, list('LayerIds')),
  );
}
