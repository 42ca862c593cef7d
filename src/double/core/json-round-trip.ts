/**
 * True when `JSON.parse(JSON.stringify(value))` gives back the same value: strings, booleans, null,
 * finite numbers other than -0, and arrays (no holes) and objects with the ordinary prototypes
 * holding only such values, at most 64 deep. Anything else (undefined, NaN, functions, symbols,
 * class instances, null-prototype objects, cycles) is false. Lets an in-process caller hand the
 * double an object instead of its JSON text, skipping a serialise-and-parse that changes nothing.
 *
 * @example
 * isJsonRoundTrip({ StackId: 's', Command: { Name: 'setup' } }); // true
 * isJsonRoundTrip({ StackId: undefined }); // false: JSON.stringify drops the member
 */
export function isJsonRoundTrip(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (depth >= 64) return false;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonRoundTrip(value[i], depth + 1)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    // An own toJSON method would change what JSON.stringify writes.
    if (!isJsonRoundTrip(record[key], depth + 1)) return false;
  }
  return true;
}
