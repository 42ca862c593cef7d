/**
 * True when `value` crosses a structured clone as the same data: primitives other than symbols, and
 * arrays and objects with the ordinary prototypes (no holes) holding such values, at most 64 deep.
 * Null-prototype objects, class instances, functions, symbols and deeper or cyclic structures are
 * false, so a caller can fall back to not cloning. Cheap: no allocation per object.
 *
 * @example
 * isPlainData({ a: [1, 'x', null, undefined] }); // true
 * isPlainData(Object.create(null)); // false
 */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'bigint':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isPlainData(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) if (!isPlainData(record[key], depth + 1)) return false;
  return true;
}
