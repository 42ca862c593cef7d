/**
 * Coral-style validation messages, e.g.
 * `1 validation error detected: Value null at 'stackId' failed to satisfy constraint: Member must not be null`.
 * Member paths are lower camel case (`stackId`, `command.name`), as Coral prints them.
 */

/** One violated constraint: the offending value as Coral prints it, and where. */
export interface ConstraintViolation {
  /** `null`, or the value in single quotes. */
  value: string;
  path: string;
  constraint: string;
}

/** A required member is absent (or `null`). */
export function notNull(path: string): ConstraintViolation {
  return { value: 'null', path, constraint: 'Member must not be null' };
}

/** A value outside an enum. */
export function notInEnum(path: string, value: string, allowed: readonly string[]): ConstraintViolation {
  return {
    value: `'${value}'`,
    path,
    constraint: `Member must satisfy enum value set: [${allowed.join(', ')}]`,
  };
}

/**
 * Joins violations into the one message Coral sends.
 *
 * @example
 * validationMessage([notNull('stackId')]);
 * // '1 validation error detected: Value null at \'stackId\' failed to satisfy constraint: Member must not be null'
 */
export function validationMessage(violations: readonly ConstraintViolation[]): string {
  const n = violations.length;
  const parts = violations.map(
    (v) => `Value ${v.value} at '${v.path}' failed to satisfy constraint: ${v.constraint}`,
  );
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}
