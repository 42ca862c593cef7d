import type { Command } from './command.js';

/** A number as a user types one after a flag: `-1`, `-0.5`, `-.5`, `-1e3`. */
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Rewrites `--flag -1` as `--flag=-1` (and `-f -1` as `-f-1`) when the flag takes a value and the
 * next argument is a negative number, and leaves every other argument as it is.
 *
 * Why: `node:util` parseArgs refuses any value that starts with a dash unless it is attached with
 * `=` ("argument is ambiguous"), so `--seed -1` (a valid seed) failed, and `--runs -1` never reached
 * the command's own range check that names the accepted values. Only numbers are joined: a
 * following `--other-flag` still means the value was forgotten, and parseArgs says so. Arguments
 * after `--` are positionals and stay untouched.
 *
 * @example
 * joinNegativeFlagValues(['--seed', '-1', '--quiet'], checkCommand.flags); // ['--seed=-1', '--quiet']
 */
export function joinNegativeFlagValues(args: readonly string[], flags: Command['flags']): string[] {
  // How each spelling attaches its value: parseArgs reads `-s=-1` as the value '=-1', `-s-1` as '-1'.
  const joiner = new Map<string, string>();
  for (const [name, flag] of Object.entries(flags)) {
    if (flag.type !== 'string') continue;
    joiner.set(`--${name}`, '=');
    if (flag.short !== undefined) joiner.set(`-${flag.short}`, '');
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    const join = joiner.get(arg);
    if (join !== undefined && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}${join}${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}
