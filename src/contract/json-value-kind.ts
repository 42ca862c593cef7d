/** The type of a JSON text's top-level value, as `typeof` and `Array.isArray` would name it after parsing. */
export type JsonValueKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * Texts longer than this are checked with `JSON.parse` itself: V8's parser walks long string members
 * faster than a loop in JavaScript, and one thrown SyntaxError is cheap next to parsing 100 KB. Below
 * it, a thrown SyntaxError (10-30 µs with its stack trace) and the objects `JSON.parse` builds cost
 * far more than the scan, which allocates nothing.
 */
const SCAN_MAX_CHARS = 4096;

// The last text asked about and its answer: the oracle and the embedded double ask about the same
// CustomJson of each case in turn (the same string, so the comparison is one pointer check), and
// parsing a 120 KB one twice was most of the cost of such a case. A different text of the same
// length costs one comparison of the two.
let lastText: string | undefined;
let lastKind: JsonValueKind | undefined;

// The scanner's states: what may come next.
const VALUE = 0; // a value
const FIRST_ITEM = 1; // a value or `]`, just after `[`
const FIRST_KEY = 2; // a key or `}`, just after `{`
const KEY = 3; // a key, after `,` in an object
const COLON = 4; // `:` after a key
const AFTER = 5; // `,` or the closing bracket after a value, or the end of the text at the top

const IN_OBJECT = 1;
const IN_ARRAY = 2;
// Open containers, innermost last; reused (the scan never re-enters itself), so a scan allocates nothing.
const open: number[] = [];
/** A run of characters that stand for themselves in a JSON string (sticky: matches from lastIndex). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters end a run on purpose
const PLAIN_RUN = /[^"\\\x00-\x1f]*/y;
/** Characters of a string the loop reads itself before handing the rest of the run to {@link PLAIN_RUN}. */
const LOOP_RUN = 32;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * The grammar `JSON.parse` accepts, as one loop over the text. One function with the string and
 * number scans written in place, on purpose: split into helpers, V8 stopped inlining them and the
 * scan cost several times more per character than `JSON.parse`. It never reads past the end with
 * `charCodeAt` either (NaN there deoptimises it).
 */
function scanKind(text: string): JsonValueKind | undefined {
  const n = text.length;
  let kind: JsonValueKind | undefined;
  let depth = 0;
  let state = VALUE;
  let i = 0;
  for (;;) {
    let c = i < n ? text.charCodeAt(i) : -1;
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = ++i < n ? text.charCodeAt(i) : -1;
    if (c === -1) return state === AFTER && depth === 0 ? kind : undefined;
    if (state === AFTER) {
      if (depth === 0) return undefined; // more after the top-level value
      const top = open[depth - 1];
      if (c === 0x2c /* , */) state = top === IN_OBJECT ? KEY : VALUE;
      else if (c === (top === IN_OBJECT ? 0x7d : 0x5d) /* } or ] */) depth--;
      else return undefined;
      i++;
      continue;
    }
    if (state === COLON) {
      if (c !== 0x3a /* : */) return undefined;
      state = VALUE;
      i++;
      continue;
    }
    if (c === 0x22 /* " */) {
      // A string: a key or a value. Past its first characters, the regular expression skips the rest
      // of each run of plain characters natively: several times faster than this loop on long runs,
      // and far slower on the short keys and values most texts hold (each call has a fixed cost).
      let run = 0;
      for (;;) {
        c = ++i < n ? text.charCodeAt(i) : -1;
        if (c === 0x22) break;
        if (c === 0x5c /* \ */) {
          c = ++i < n ? text.charCodeAt(i) : -1;
          if (c === 0x75 /* u */) {
            if (
              i + 4 >= n ||
              !isHexDigit(text.charCodeAt(i + 1)) ||
              !isHexDigit(text.charCodeAt(i + 2)) ||
              !isHexDigit(text.charCodeAt(i + 3)) ||
              !isHexDigit(text.charCodeAt(i + 4))
            )
              return undefined;
            i += 4;
          } else if (
            c !== 0x22 &&
            c !== 0x5c &&
            c !== 0x2f &&
            c !== 0x62 &&
            c !== 0x66 &&
            c !== 0x6e &&
            c !== 0x72 &&
            c !== 0x74
          )
            return undefined;
        } else if (c < 0x20)
          return undefined; // a control character, or the end (-1)
        else if (++run === LOOP_RUN) {
          run = 0;
          PLAIN_RUN.lastIndex = i + 1;
          PLAIN_RUN.test(text); // matches the empty run too, so it always sets lastIndex
          i = PLAIN_RUN.lastIndex - 1; // the next character read is the one that ended the run
        }
      }
      i++;
      if (state === KEY || state === FIRST_KEY) state = COLON;
      else {
        kind ??= 'string';
        state = AFTER;
      }
      continue;
    }
    if (state === KEY) return undefined;
    if (state === FIRST_KEY) {
      if (c !== 0x7d) return undefined;
      depth--;
      state = AFTER;
      i++;
      continue;
    }
    // A value (state VALUE or FIRST_ITEM).
    if (c === 0x5d && state === FIRST_ITEM) {
      depth--;
      state = AFTER;
      i++;
      continue;
    }
    if (c === 0x7b /* { */) {
      kind ??= 'object';
      open[depth++] = IN_OBJECT;
      state = FIRST_KEY;
      i++;
      continue;
    }
    if (c === 0x5b /* [ */) {
      kind ??= 'array';
      open[depth++] = IN_ARRAY;
      state = FIRST_ITEM;
      i++;
      continue;
    }
    state = AFTER;
    if (c === 0x74 /* t */ || c === 0x66 /* f */ || c === 0x6e /* n */) {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      if (!text.startsWith(word, i)) return undefined;
      i += word.length;
      kind ??= c === 0x6e ? 'null' : 'boolean';
      continue;
    }
    // A number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    if (c === 0x2d /* - */) c = ++i < n ? text.charCodeAt(i) : -1;
    if (c === 0x30) c = ++i < n ? text.charCodeAt(i) : -1;
    else if (c >= 0x31 && c <= 0x39) {
      do c = ++i < n ? text.charCodeAt(i) : -1;
      while (isDigit(c));
    } else return undefined;
    if (c === 0x2e /* . */) {
      c = ++i < n ? text.charCodeAt(i) : -1;
      if (!isDigit(c)) return undefined;
      do c = ++i < n ? text.charCodeAt(i) : -1;
      while (isDigit(c));
    }
    if (c === 0x65 || c === 0x45 /* e E */) {
      c = ++i < n ? text.charCodeAt(i) : -1;
      if (c === 0x2b || c === 0x2d) c = ++i < n ? text.charCodeAt(i) : -1;
      if (!isDigit(c)) return undefined;
      do c = ++i < n ? text.charCodeAt(i) : -1;
      while (isDigit(c));
    }
    kind ??= 'number';
  }
}

function kindOfValue(value: unknown): JsonValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as 'object' | 'string' | 'number' | 'boolean';
}

/**
 * True when the first and last characters other than JSON whitespace are `{` and `}`, `[` and `]`,
 * or two quotes: the shapes of nearly every JSON text, and of few others.
 */
function looksComplete(text: string): boolean {
  let i = 0;
  let first = text.charCodeAt(i);
  while (first === 0x20 || first === 0x0a || first === 0x0d || first === 0x09) first = text.charCodeAt(++i);
  let j = text.length - 1;
  let last = text.charCodeAt(j);
  while (last === 0x20 || last === 0x0a || last === 0x0d || last === 0x09) last = text.charCodeAt(--j);
  if (j <= i) return false;
  return (
    (first === 0x7b && last === 0x7d) ||
    (first === 0x5b && last === 0x5d) ||
    (first === 0x22 && last === 0x22)
  );
}

/** What {@link parseJson} returns for a text `JSON.parse` refuses. */
export const NOT_JSON: unique symbol = Symbol('not JSON');

/**
 * `JSON.parse(text)`, or {@link NOT_JSON} where it would throw. A short text is checked first, so an
 * invalid one costs a scan rather than a thrown SyntaxError with its stack trace.
 *
 * @example
 * parseJson('{"a":1}'); // { a: 1 }
 * parseJson('{a:1}') === NOT_JSON; // true
 */
export function parseJson(text: string): unknown {
  // A text that opens and closes like an object, array or string nearly always is one: it is parsed
  // at once, as scanning it first would double its cost. Anything else is scanned before parsing.
  if (text.length <= SCAN_MAX_CHARS && !looksComplete(text) && scanKind(text) === undefined) {
    return NOT_JSON;
  }
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/**
 * What `JSON.parse(text)` would give, without building it: the top-level value's kind, or
 * `undefined` when `JSON.parse` would throw. For callers that only need to know whether a text is a
 * JSON object (CustomJson), it skips the objects, strings and numbers a parse allocates and the
 * SyntaxError an invalid text throws, which on small texts are most of the cost.
 *
 * @example
 * jsonValueKind('{"a": [1]}'); // 'object'
 * jsonValueKind('[1, 2]');     // 'array'
 * jsonValueKind('{a: 1}');     // undefined
 */
export function jsonValueKind(text: string): JsonValueKind | undefined {
  if (text === lastText) return lastKind;
  let kind: JsonValueKind | undefined;
  if (text.length <= SCAN_MAX_CHARS) kind = scanKind(text);
  else {
    try {
      kind = kindOfValue(JSON.parse(text));
    } catch {
      kind = undefined;
    }
  }
  lastText = text;
  lastKind = kind;
  return kind;
}
