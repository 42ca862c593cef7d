import type * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import type { CommandName } from '../contract/wire.js';
import { type Body, draftToCase } from './draft.js';
import { draftCaseArbitrary } from './draft-case-arbitrary.js';
import { type ValidDraftOptions, validDraftArbitrary } from './valid-draft-arbitrary.js';
import type { WorldView } from './world-view.js';

/**
 * One drawn change to a valid body. `apply` builds a new body (it never mutates its input, because
 * fast-check may hand the same drawn value to several shrink candidates).
 */
export interface BodyMutation {
  readonly labels: readonly string[];
  apply(body: Body, stackIndex: number): Body;
}

/** Options every category shares. */
export interface CategoryOptions {
  /** Draw `null` for optional members of the base request. */
  readonly nulls: boolean;
  /**
   * Send the base request with the plain protocol Content-Type only (no `; charset=utf-8` spelling):
   * for object-level targets (the SDK), which cannot choose it and would skip those cases.
   */
  readonly plainContentType?: boolean;
}

/**
 * A case made from a valid base (restricted to `commands` when given) and a drawn mutation. The
 * mutation is applied after both are drawn, so shrinking simplifies the base and the mutation but
 * can never undo the mutation: a shrunk case stays in its category.
 */
export function mutatedCaseArbitrary(
  view: WorldView,
  options: CategoryOptions & { commands?: readonly CommandName[] },
  mutation: fc.Arbitrary<BodyMutation>,
): fc.Arbitrary<Case> {
  const base: ValidDraftOptions = { nulls: options.nulls, big: false, anyStack: true };
  if (options.plainContentType === true) base.plainContentType = true;
  if (options.commands !== undefined) base.commands = options.commands;
  return draftCaseArbitrary(validDraftArbitrary(view, base), mutation, (draft, m) =>
    draftToCase({ ...draft, body: m.apply(draft.body, draft.stackIndex) }, [...m.labels]),
  );
}
