/**
 * `value` as a JSON object (a record of members), or `undefined` when it is null, an array or not an
 * object: how request bodies, deployments and answers are read before their members are.
 *
 * @example
 * jsonObject({ DeploymentId: 'd-1' })?.DeploymentId; // 'd-1'
 * jsonObject([1, 2]); // undefined
 */
export function jsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
