import type { CategoryName } from './category-names.js';

/** Which oracle rules may decide a case of one category. */
export interface CategoryRuleSpec {
  /** Rule ids (see the rule catalog) that decide cases of this category when the outcome is settled. */
  readonly rules: readonly string[];
  /**
   * True when some cases of the category have no documented outcome (unknown members, undocumented
   * Args, duplicate keys, another real operation's target): the oracle may call them unspecified.
   */
  readonly mayBeUnspecified: boolean;
}

/**
 * Rules that may accompany any decision without deciding a category themselves: a `null` member read
 * as absent, framework validation winning over an unknown stack, the charset parameter.
 */
export const SUPPORTING_RULES: readonly string[] = [
  'null-is-absent',
  'validation-before-business',
  'charset-parameter-accepted',
];

/**
 * The generators' claim about each category, which the honesty properties hold the oracle to: a case
 * labelled with a category is decided by (some of) these rules, or is unspecified where allowed. The
 * generators never use this to decide an outcome; it exists so a disagreement is caught.
 *
 * @example
 * CATEGORY_RULES['missing-required'].rules // ['stack-id-required', 'command-required', 'command-name-required']
 */
export const CATEGORY_RULES: Readonly<Record<CategoryName, CategoryRuleSpec>> = {
  'missing-required': {
    rules: ['stack-id-required', 'command-required', 'command-name-required'],
    mayBeUnspecified: false,
  },
  'wrong-type': { rules: ['member-type-mismatch', 'args-map-of-string-lists'], mayBeUnspecified: false },
  'bad-enum': { rules: ['command-name-enum'], mayBeUnspecified: false },
  'malformed-custom-json': { rules: ['custom-json-must-be-object'], mayBeUnspecified: false },
  'custom-json-not-object': { rules: ['custom-json-must-be-object'], mayBeUnspecified: false },
  'custom-json-oversize': { rules: ['custom-json-size-limit'], mayBeUnspecified: false },
  'odd-args': {
    rules: ['member-type-mismatch', 'args-map-of-string-lists', 'upgrade-os-requires-allow-reboot'],
    mayBeUnspecified: true,
  },
  'unknown-ids': {
    rules: ['unknown-stack-not-found', 'unknown-resource-not-found', 'resources-belong-to-stack'],
    mayBeUnspecified: false,
  },
  'app-command-without-app-id': { rules: ['app-id-required-for-app-commands'], mayBeUnspecified: false },
  'unknown-members': { rules: [], mayBeUnspecified: true },
  'wire-not-json': { rules: ['body-must-be-json-object'], mayBeUnspecified: false },
  'wire-not-object': { rules: ['body-must-be-json-object'], mayBeUnspecified: false },
  'wire-empty-body': {
    rules: ['empty-body-is-empty-object', 'stack-id-required', 'command-required'],
    mayBeUnspecified: false,
  },
  'wire-invalid-utf8': { rules: ['body-must-be-json-object'], mayBeUnspecified: false },
  'wire-duplicate-keys': { rules: [], mayBeUnspecified: true },
  'wire-content-type': { rules: ['content-type-required'], mayBeUnspecified: false },
  'wire-missing-target': { rules: ['target-header-required'], mayBeUnspecified: false },
  'wire-wrong-target': { rules: ['target-header-required'], mayBeUnspecified: false },
  'wire-method': { rules: ['post-only'], mayBeUnspecified: false },
};
