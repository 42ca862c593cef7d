/**
 * The invalid-request categories, in the order the coverage phase and reports list them. Body-level
 * categories first, then wire-level ones (which need a target that can send raw bytes).
 */
export const CATEGORY_NAMES = [
  'missing-required',
  'wrong-type',
  'bad-enum',
  'malformed-custom-json',
  'custom-json-not-object',
  'custom-json-oversize',
  'odd-args',
  'unknown-ids',
  'app-command-without-app-id',
  'unknown-members',
  'wire-not-json',
  'wire-not-object',
  'wire-empty-body',
  'wire-invalid-utf8',
  'wire-duplicate-keys',
  'wire-content-type',
  'wire-missing-target',
  'wire-wrong-target',
  'wire-method',
] as const;

/** The name of an invalid-request category (the part of a label before `:`). */
export type CategoryName = (typeof CATEGORY_NAMES)[number];

/** Categories that need a wire-capable target (raw bodies or header changes). */
export const WIRE_CATEGORY_NAMES: readonly CategoryName[] = CATEGORY_NAMES.filter((c) =>
  c.startsWith('wire-'),
);

/**
 * The category of a label: `missing-required:StackId` → `missing-required`.
 *
 * @example
 * categoryOfLabel('unknown-ids:AppId') // 'unknown-ids'
 */
export function categoryOfLabel(label: string): string {
  const i = label.indexOf(':');
  return i < 0 ? label : label.slice(0, i);
}

/** True when `name` is a category name. */
export function isCategoryName(name: string): name is CategoryName {
  return (CATEGORY_NAMES as readonly string[]).includes(name);
}
