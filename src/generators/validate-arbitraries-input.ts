import type { World } from '../contract/types.js';
import { CATEGORY_NAMES, type CategoryName, isCategoryName } from './category-names.js';

/** The options of `createDeploymentArbitraries` with every default filled in. */
export interface ResolvedArbitrariesOptions {
  nulls: boolean;
  bigValues: boolean;
  categories: readonly CategoryName[];
  wire: boolean;
  validRatio: number;
}

const CALL = 'createDeploymentArbitraries';

function fail(where: string, problem: string): never {
  throw new Error(`${CALL}: ${where}: ${problem}`);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Checks the world and options eagerly, so a mistake shows where the arbitraries are made rather
 * than deep inside a run, and fills in defaults.
 *
 * @example
 * validateArbitrariesInput(world, { validRatio: 2 }) // throws 'createDeploymentArbitraries: options.validRatio: ...'
 */
export function validateArbitrariesInput(world: World, options: unknown): ResolvedArbitrariesOptions {
  if (typeof world !== 'object' || world === null || !Array.isArray((world as World).stacks)) {
    fail('world', 'expected { stacks: [...] } (see fixtures/world.json)');
  }
  if (world.stacks.length === 0) fail('world.stacks', 'is empty; a world needs at least one stack');
  world.stacks.forEach((s, i) => {
    if (typeof s !== 'object' || s === null || typeof s.StackId !== 'string') {
      fail(`world.stacks[${i}].StackId`, 'expected a string');
    }
    for (const k of ['AppIds', 'LayerIds', 'InstanceIds'] as const) {
      if (!isStringArray(s[k])) fail(`world.stacks[${i}].${k}`, 'expected an array of strings');
    }
  });
  if (typeof options !== 'object' || options === null) fail('options', 'expected an object');
  const o = options as Record<string, unknown>;
  const known = ['nulls', 'bigValues', 'categories', 'wire', 'validRatio'];
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) fail(`options.${k}`, `unknown option; expected one of ${known.join(', ')}`);
  }
  for (const k of ['nulls', 'bigValues', 'wire']) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') fail(`options.${k}`, 'expected a boolean');
  }
  const ratio = o.validRatio ?? 0.5;
  if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) {
    fail('options.validRatio', `expected a number from 0 to 1, got ${String(ratio)}`);
  }
  const categories = o.categories ?? CATEGORY_NAMES;
  if (!Array.isArray(categories)) fail('options.categories', 'expected an array of category names');
  categories.forEach((c: unknown, i) => {
    if (typeof c !== 'string' || !isCategoryName(c)) {
      fail(
        `options.categories[${i}]`,
        `unknown category ${JSON.stringify(c)}; expected one of ${CATEGORY_NAMES.join(', ')}`,
      );
    }
  });
  const wire = (o.wire as boolean | undefined) ?? true;
  const usable = (categories as CategoryName[]).filter((c) => wire || !c.startsWith('wire-'));
  if (usable.length === 0) {
    fail(
      'options.categories',
      'no category left to draw invalid cases from (wire categories are off with wire: false)',
    );
  }
  return {
    nulls: (o.nulls as boolean | undefined) ?? true,
    bigValues: (o.bigValues as boolean | undefined) ?? true,
    categories: categories as CategoryName[],
    wire,
    validRatio: ratio,
  };
}
