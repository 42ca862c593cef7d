/** Control characters a terminal acts on, except line feed and tab: C0, DEL and C1. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Makes text safe to print to a terminal: every control character except `\n` and `\t` (escape
 * sequences, carriage returns, backspaces, C1 codes) is shown as its `\u00XX` escape instead of
 * acting on the terminal. A target's error message goes into scorecards and replay lines; without
 * this, a hostile target could retitle the window, clear the screen or overwrite the verdict line.
 *
 * @example
 * terminalSafe('bad \u001b[2J message'); // 'bad \\u001b[2J message'
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
