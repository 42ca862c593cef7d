import * as fc from 'fast-check';
import type { Case, World } from '../contract/types.js';
import { appCommandWithoutAppIdArbitrary } from './app-command-without-app-id-arbitrary.js';
import { badEnumArbitrary } from './bad-enum-arbitrary.js';
import type { CategoryOptions } from './body-mutation.js';
import { CATEGORY_NAMES, type CategoryName, WIRE_CATEGORY_NAMES } from './category-names.js';
import { compoundArbitrary } from './compound-arbitrary.js';
import { customJsonNotObjectArbitrary } from './custom-json-not-object-arbitrary.js';
import { customJsonOversizeArbitrary } from './custom-json-oversize-arbitrary.js';
import { malformedCustomJsonArbitrary } from './malformed-custom-json-arbitrary.js';
import { missingRequiredArbitrary } from './missing-required-arbitrary.js';
import { oddArgsArbitrary } from './odd-args-arbitrary.js';
import { unknownIdsArbitrary } from './unknown-ids-arbitrary.js';
import { unknownMembersArbitrary } from './unknown-members-arbitrary.js';
import { validCaseArbitrary } from './valid-case-arbitrary.js';
import { validateArbitrariesInput } from './validate-arbitraries-input.js';
import {
  wireContentTypeArbitrary,
  wireDuplicateKeysArbitrary,
  wireEmptyBodyArbitrary,
  wireInvalidUtf8Arbitrary,
  wireMethodArbitrary,
  wireMissingTargetArbitrary,
  wireNotJsonArbitrary,
  wireNotObjectArbitrary,
  wireWrongTargetArbitrary,
} from './wire-fault-arbitraries.js';
import { createWorldView, type WorldView } from './world-view.js';
import { wrongTypeArbitrary } from './wrong-type-arbitrary.js';

/** Options of {@link createDeploymentArbitraries}. */
export interface DeploymentArbitrariesOptions {
  /** Draw `null` for optional members (the protocol reads it as absent). Default `true`; turn off for SDK targets, which drop nulls. */
  nulls?: boolean;
  /** Now and then draw large values: CustomJson near 120 KB, comments of thousands of characters. Default `true`. */
  bigValues?: boolean;
  /** The categories `invalid` draws from. Default: all of {@link CATEGORY_NAMES}. */
  categories?: readonly CategoryName[];
  /**
   * Let `invalid` draw wire-level categories (raw bodies, header faults), and valid requests use both
   * Content-Type spellings. Default `true`; turn off for object-level targets.
   */
  wire?: boolean;
  /** The share of valid cases in `all`, from 0 to 1. Default `0.5`. */
  validRatio?: number;
}

/** What {@link createDeploymentArbitraries} returns. */
export interface DeploymentArbitraries {
  /** Valid requests over the whole documented surface (labels empty). */
  valid: fc.Arbitrary<Case>;
  /**
   * Invalid requests, every selected category equally often, plus as often again cases that carry
   * two categories at once (labels of both).
   */
  invalid: fc.Arbitrary<Case>;
  /** Valid and invalid, in the `validRatio` proportion. */
  all: fc.Arbitrary<Case>;
  /** One arbitrary per category, whatever `categories` and `wire` say. */
  categories: Record<CategoryName, fc.Arbitrary<Case>>;
  /**
   * Cases carrying two faults of different categories at once (a missing member and an unknown
   * stack, say), so the framework-before-business order is exercised; absent when no pair of the
   * selected categories combines.
   */
  compound?: fc.Arbitrary<Case>;
}

const BUILDERS: Record<CategoryName, (view: WorldView, options: CategoryOptions) => fc.Arbitrary<Case>> = {
  'missing-required': missingRequiredArbitrary,
  'wrong-type': wrongTypeArbitrary,
  'bad-enum': badEnumArbitrary,
  'malformed-custom-json': malformedCustomJsonArbitrary,
  'custom-json-not-object': customJsonNotObjectArbitrary,
  'custom-json-oversize': customJsonOversizeArbitrary,
  'odd-args': oddArgsArbitrary,
  'unknown-ids': unknownIdsArbitrary,
  'app-command-without-app-id': appCommandWithoutAppIdArbitrary,
  'unknown-members': unknownMembersArbitrary,
  'wire-not-json': wireNotJsonArbitrary,
  'wire-not-object': wireNotObjectArbitrary,
  'wire-empty-body': wireEmptyBodyArbitrary,
  'wire-invalid-utf8': wireInvalidUtf8Arbitrary,
  'wire-duplicate-keys': wireDuplicateKeysArbitrary,
  'wire-content-type': wireContentTypeArbitrary,
  'wire-missing-target': wireMissingTargetArbitrary,
  'wire-wrong-target': wireWrongTargetArbitrary,
  'wire-method': wireMethodArbitrary,
};

/**
 * fast-check arbitraries of CreateDeployment cases for `world`: valid requests over the whole
 * documented surface, and invalid ones from named mutation categories, each case labelled with what
 * was mutated (`missing-required:StackId`, `wire-content-type`, ...). The generators never decide an
 * outcome: the oracle (`expectedOutcomes`) judges every case, and properties prove the two agree.
 *
 * Options are checked at once; a bad world or option throws an `Error` naming this call.
 *
 * @example
 * import * as fc from 'fast-check';
 * const world = loadDefaultWorld();
 * const { valid, invalid, categories } = createDeploymentArbitraries(world, { wire: false });
 * fc.assert(fc.property(valid, (c) => expectedOutcomes(c.request, world).allowed.includes('success')));
 * fc.sample(categories['missing-required'], { seed: 42, numRuns: 1 })[0].labels; // ['missing-required:StackId']
 */
export function createDeploymentArbitraries(
  world: World,
  options: DeploymentArbitrariesOptions = {},
): DeploymentArbitraries {
  const o = validateArbitrariesInput(world, options);
  const view = createWorldView(world);
  // An object-level target (wire off) cannot choose the Content-Type spelling: drawing the charset
  // one for it only made cases it skips (half the valid cases of an SDK run).
  const categoryOptions: CategoryOptions = { nulls: o.nulls, plainContentType: !o.wire };
  const categories = Object.fromEntries(
    CATEGORY_NAMES.map((name) => [name, BUILDERS[name](view, categoryOptions)]),
  ) as Record<CategoryName, fc.Arbitrary<Case>>;
  const chosen = o.categories.filter((c) => o.wire || !WIRE_CATEGORY_NAMES.includes(c));
  const valid = validCaseArbitrary(view, { nulls: o.nulls, big: o.bigValues, plainContentType: !o.wire });
  // Now and then a case carries two mutations at once (as often as any one category).
  const compound = compoundArbitrary(view, categoryOptions, chosen);
  const invalid = fc.oneof(
    ...chosen.map((c) => categories[c]),
    ...(compound === undefined ? [] : [compound]),
  );
  const validWeight = Math.round(o.validRatio * 1000);
  const parts: fc.WeightedArbitrary<Case>[] = [];
  if (validWeight > 0) parts.push({ arbitrary: valid, weight: validWeight });
  if (validWeight < 1000) parts.push({ arbitrary: invalid, weight: 1000 - validWeight });
  const result: DeploymentArbitraries = { valid, invalid, all: fc.oneof(...parts), categories };
  if (compound !== undefined) result.compound = compound;
  return result;
}
