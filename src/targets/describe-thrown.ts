/**
 * One line describing anything that was thrown, without ever throwing itself: user modules and
 * mocks can throw Proxies whose every property read throws, or objects whose `toString` does.
 *
 * @example
 * describeThrown(new TypeError('x is not a function')); // 'TypeError: x is not a function'
 */
export function describeThrown(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`.split('\n')[0] ?? value.name;
    return String(value).split('\n')[0] ?? '';
  } catch {
    return 'a value that cannot be read';
  }
}
