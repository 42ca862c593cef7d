import type { ShardOption } from './run-result.js';
import type { TallySnapshot } from './run-tally.js';

/** One thread's share of the random phase: the random cases of `shard` whose rank is `thread` mod `threads`. */
export interface RandomSlice {
  /** This thread's number (0 is the thread that reports). */
  thread: number;
  /** How many threads share the random phase. */
  threads: number;
  /** The run's case ordinal at the first random case (`--shard` counts coverage cases too). */
  ordinalStart: number;
}

/** What a thread hands back after running its slice (plain data, structured-clone safe). */
export interface SliceOutcome {
  tally: TallySnapshot;
  /** Random-phase cases the thread ran. */
  random: number;
  readBack: { sampled: number; matched: number; mismatched: number; callFailures: number };
  deploymentIds: { tracked: number; duplicates: number; overflowed: number; full: boolean };
}

/**
 * The random-phase case indices of one slice, in order, one per call (`undefined` when done). With
 * one thread and no shard that is 0..runs-1. Cases are dealt round-robin, so every thread gets early
 * (small, edge-biased) and late cases alike, and the union over all threads is exactly the
 * single-threaded run's cases.
 *
 * @example
 * const next = randomSliceIndices({ runs: 5, ordinalStart: 0, thread: 1, threads: 2 });
 * [next(), next(), next()]; // [1, 3, undefined]
 */
export function randomSliceIndices(p: {
  runs: number;
  ordinalStart: number;
  thread: number;
  threads: number;
  shard?: ShardOption | undefined;
}): () => number | undefined {
  let i = 0;
  let rank = 0;
  return () => {
    while (i < p.runs) {
      const index = i++;
      const ordinal = p.ordinalStart + index;
      if (p.shard !== undefined && ordinal % p.shard.count !== p.shard.index - 1) continue;
      if (rank++ % p.threads === p.thread) return index;
    }
    return undefined;
  };
}
