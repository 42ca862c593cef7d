import type { World, WorldStack } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { closest, jsonPath, jsonTypeOf } from './json-path.js';

const WORLD_KEYS = ['stacks'] as const;
const STACK_KEYS = ['StackId', 'AppIds', 'LayerIds', 'InstanceIds'] as const;
const ID_LISTS = ['AppIds', 'LayerIds', 'InstanceIds'] as const;

function fail(source: string, path: string, problem: string): never {
  throw new InputError(`${source}: ${path}: ${problem}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuseUnknownKeys(
  source: string,
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const hint = closest(key, known);
    fail(
      source,
      jsonPath(path, key),
      `unknown key${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; allowed keys are ${known.join(', ')}`,
    );
  }
}

function id(source: string, path: string, value: unknown): string {
  if (typeof value !== 'string') fail(source, path, `expected an ID string, got ${jsonTypeOf(value)}`);
  if (value.trim() === '') fail(source, path, 'empty ID; every ID must be a non-empty string');
  return value;
}

/**
 * Checks that a parsed value is a world and returns a fresh copy, or throws one `InputError`
 * naming `source`, the JSON path and the problem. `AppIds`, `LayerIds` and `InstanceIds` may be
 * left out (empty); every ID must be a non-empty string and unique across the whole world.
 * IDs need not be UUIDs: users' worlds may use other ID styles.
 *
 * @example
 * validateWorld({ stacks: [{ StackId: 's1', AppIds: ['a1'] }] }, 'world.json');
 * // { stacks: [{ StackId: 's1', AppIds: ['a1'], LayerIds: [], InstanceIds: [] }] }
 */
export function validateWorld(value: unknown, source: string, basePath = '$'): World {
  if (!isPlainObject(value)) {
    fail(source, basePath, `expected an object like {"stacks": [...]}, got ${jsonTypeOf(value)}`);
  }
  refuseUnknownKeys(source, basePath, value, WORLD_KEYS);
  const stacksPath = jsonPath(basePath, 'stacks');
  const rawStacks = value.stacks;
  if (rawStacks === undefined) fail(source, stacksPath, 'missing; a world needs a "stacks" array');
  if (!Array.isArray(rawStacks)) fail(source, stacksPath, `expected an array, got ${jsonTypeOf(rawStacks)}`);
  if (rawStacks.length === 0) fail(source, stacksPath, 'empty; a world needs at least one stack');

  // Where each ID was first seen, so a duplicate names both places.
  const seen = new Map<string, { path: string; stack: number }>();
  const claim = (value: string, path: string, stack: number): void => {
    const first = seen.get(value);
    if (first !== undefined) {
      const where = first.stack === stack ? 'twice in one stack' : 'in two stacks';
      fail(
        source,
        path,
        `ID ${JSON.stringify(value)} appears ${where} (first at ${first.path}); IDs must be unique`,
      );
    }
    seen.set(value, { path, stack });
  };

  const stacks: WorldStack[] = rawStacks.map((raw: unknown, s) => {
    const stackPath = jsonPath(stacksPath, s);
    if (!isPlainObject(raw)) {
      fail(source, stackPath, `expected a stack object with a StackId, got ${jsonTypeOf(raw)}`);
    }
    refuseUnknownKeys(source, stackPath, raw, STACK_KEYS);
    const stackIdPath = jsonPath(stackPath, 'StackId');
    if (raw.StackId === undefined) fail(source, stackIdPath, 'missing; every stack needs a StackId');
    const stack: WorldStack = {
      StackId: id(source, stackIdPath, raw.StackId),
      AppIds: [],
      LayerIds: [],
      InstanceIds: [],
    };
    claim(stack.StackId, stackIdPath, s);
    for (const list of ID_LISTS) {
      const listPath = jsonPath(stackPath, list);
      const ids = raw[list];
      if (ids === undefined) continue;
      if (!Array.isArray(ids))
        fail(source, listPath, `expected an array of ID strings, got ${jsonTypeOf(ids)}`);
      stack[list] = ids.map((v: unknown, k) => {
        const itemPath = jsonPath(listPath, k);
        const checked = id(source, itemPath, v);
        claim(checked, itemPath, s);
        return checked;
      });
    }
    return stack;
  });
  return { stacks };
}
