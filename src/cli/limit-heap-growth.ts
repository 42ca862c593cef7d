import { setFlagsFromString } from 'node:v8';

/** How much V8 may grow the old generation past what survived the last full collection, in percent. */
export const CLI_HEAP_GROWING_PERCENT = 30;

/**
 * Makes this process's V8 heap grow by at most {@link CLI_HEAP_GROWING_PERCENT}% after each full
 * collection, unless the user chose a heap-growth flag (`--heap-growing-percent` in the command line
 * or `NODE_OPTIONS`). Only the CLI calls this, for its own process: a library must not change its
 * host's V8 flags. Why: a long `check` keeps little alive (12 MB after a full collection, at 100k
 * and at 1M cases), but V8's default growth let the runner's heap ratchet up on bursts of large
 * CustomJson strings, so its peak RSS rose with the run's length: measured by hand, 300k cases,
 * 3 alternating pairs, runner peak 154-168 MB by default and 115-117 MB with 30%, at the same speed
 * (21.9-23.1k vs 20.0-27.8k cases/s); 100k vs 1M cases, 143-160 vs 165-178 MB by default, 115-118 vs
 * 122-125 MB with 30%. The worker processes already run with a capped old space. The flag is read
 * at each collection, so setting it after start-up takes effect (V8 documents no guarantee for
 * flags set late; this one was measured).
 *
 * @example
 * limitHeapGrowth(); // before a long check
 */
export function limitHeapGrowth(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): boolean {
  const chosen = (s: string) => /--heap[-_]growing[-_]percent/.test(s);
  if (execArgv.some(chosen) || (nodeOptions !== undefined && chosen(nodeOptions))) return false;
  setFlagsFromString(`--heap-growing-percent=${CLI_HEAP_GROWING_PERCENT}`);
  return true;
}
