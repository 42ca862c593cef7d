/** Control characters (C0, DEL, C1): printed raw they would act on the terminal showing the line. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Characters no POSIX shell treats specially in a word. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@%+=,-]+$/;

/**
 * `text` as one shell word that a POSIX shell (and bash, zsh, ksh) reads back exactly: single-quoted,
 * or ANSI-C quoted (`$'...'`) when it holds control characters, so the printed line stays printable.
 *
 * @example
 * shellQuote("it's");   // "'it'\\''s'"
 * shellQuote('a\nb');   // "$'a\\x0ab'"
 */
export function shellQuote(text: string): string {
  if (!HAS_CONTROL.test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  // ANSI-C quoting: control characters as escapes, so the line is printable and still gives the
  // exact text (\xHH for one byte, \uHHHH for a C1 code point's UTF-8).
  const escaped = text
    .replace(/[\\']/g, (c) => `\\${c}`)
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0);
      return code < 0x80
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    });
  return `$'${escaped}'`;
}

/**
 * `text` as a shell word, quoted only when it needs to be (paths and ids read better bare).
 *
 * @example
 * shellWord('test/contract.test.ts'); // 'test/contract.test.ts'
 * shellWord('my tests/a.ts');         // "'my tests/a.ts'"
 */
export function shellWord(text: string): string {
  return PLAIN_WORD.test(text) ? text : shellQuote(text);
}
