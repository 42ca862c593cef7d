/**
 * Pretty JSON for people: strings longer than `maxString` characters are cut to their head and tail
 * with the count of what was left out, so one 120 KB CustomJson does not bury a scorecard.
 * The full value stays in `report.json` and the fixture.
 *
 * @example
 * abbreviateJson({ CustomJson: 'x'.repeat(5000) }, { maxString: 40 });
 * // '{\n  "CustomJson": "xxxxxxxxxxxxxxxxxxxxxxxxxx…(4960 more chars)…xxxxxxxxxxxxxx"\n}'
 */
export function abbreviateJson(
  value: unknown,
  options: { maxString?: number; indent?: number } = {},
): string {
  const maxString = options.maxString ?? 200;
  const text = JSON.stringify(abbreviateStrings(value, maxString), null, options.indent ?? 2);
  // JSON.stringify returns undefined for undefined; print it the way a person would read it.
  return text ?? 'undefined';
}

function abbreviateStrings(value: unknown, maxString: number): unknown {
  if (typeof value === 'string') return abbreviateString(value, maxString);
  if (Array.isArray(value)) return value.map((v) => abbreviateStrings(v, maxString));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[abbreviateString(k, maxString)] = abbreviateStrings(v, maxString);
    return out;
  }
  return value;
}

/**
 * Cuts a long string to head…tail, naming how many characters were left out.
 *
 * @example
 * abbreviateString('a'.repeat(1000), 20); // 'aaaaaaaaaaaaa…(985 more chars)…aa' (roughly)
 */
export function abbreviateString(text: string, maxString: number): string {
  if (text.length <= maxString) return text;
  const head = Math.max(1, Math.floor(maxString * 0.7));
  const tail = Math.max(1, maxString - head);
  return `${text.slice(0, head)}…(${text.length - head - tail} more chars)…${text.slice(text.length - tail)}`;
}
