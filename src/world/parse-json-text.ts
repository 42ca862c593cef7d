import { InputError } from '../errors/input-error.js';

/**
 * Parses the text of a user-supplied JSON file, or throws one `InputError` naming the file, the line
 * and column, and what was wrong. Shared by the world and fixture loaders.
 *
 * @example
 * parseJsonText('{"stacks": [}', 'world.json');
 * // InputError: world.json: not valid JSON at line 1, column 13: unexpected '}'; ...
 */
export function parseJsonText(text: string, fileName: string): unknown {
  // A BOM is invisible in editors and JSON.parse refuses it; accept it rather than confuse the user.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch {
    const offset = jsonErrorOffset(body);
    const { line, column } = lineColumn(body, offset);
    const found =
      offset >= body.length ? 'unexpected end of file' : `unexpected ${describeChar(body, offset)}`;
    throw new InputError(
      `${fileName}: not valid JSON at line ${line}, column ${column}: ${found}; fix the syntax (a JSON linter shows the spot)`,
    );
  }
}

function describeChar(text: string, offset: number): string {
  const ch = String.fromCodePoint(text.codePointAt(offset) ?? 0);
  return /[\x20-\x7e]/.test(ch)
    ? `'${ch}'`
    : `character U+${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

/** 1-based line and column (in UTF-16 units) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset where `text` stops being JSON. Node 20's `JSON.parse` does not always say where, so a
 * small scanner finds it. Only called after `JSON.parse` has failed.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  class Stop {
    constructor(readonly at: number) {}
  }
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text.charAt(i) !== ch) throw new Stop(i);
      i++;
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) throw new Stop(i);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 0x20) throw new Stop(i);
      if (c === 92) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i);
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') {
          i += 2;
        } else {
          throw new Stop(i + 1);
        }
      } else {
        i++;
      }
    }
  };
  const number = (): void => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (m === null || m[0] === '' || m[0] === '-') throw new Stop(i);
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      ws();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text.charAt(i) !== '"') throw new Stop(i);
        string();
        ws();
        if (text.charAt(i) !== ':') throw new Stop(i);
        i++;
        value();
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) === '}') {
          i++;
          return;
        }
        throw new Stop(i);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text.charAt(i) === ',') {
          i++;
          continue;
        }
        if (text.charAt(i) === ']') {
          i++;
          return;
        }
        throw new Stop(i);
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else throw new Stop(i);
  };
  try {
    value();
    ws();
    return Math.min(i, text.length);
  } catch (stop) {
    if (stop instanceof Stop) return stop.at;
    // Nesting too deep for the scanner's stack: the JSON.parse failure is somewhere past here.
    return i;
  }
}
