import type { ShardOption } from './run-result.js';
import type { TallySnapshot } from './run-tally.js';

/** One worker's share of the random phase: the random cases of `shard` whose rank is `index` mod `count`. */
export interface RandomSlice {
  /** This slice's number, from 0. */
  index: number;
  /** How many slices share the random phase. */
  count: number;
  /** The run's case ordinal at the first random case (`--shard` counts coverage cases too). */
  ordinalStart: number;
}

/** What a worker hands back after running its slice (plain data, structured-clone safe). */
export interface SliceOutcome {
  tally: TallySnapshot;
  /** Random-phase cases the worker ran. */
  random: number;
  readBack: { sampled: number; matched: number; mismatched: number; callFailures: number };
  deploymentIds: { tracked: number; duplicates: number; overflowed: number; full: boolean };
}

/**
 * The random-phase case indices of one slice, in order, one per call (`undefined` when done). With
 * one slice and no shard that is 0..runs-1. Cases are dealt round-robin, so every slice gets early
 * (small, edge-biased) and late cases alike, and the union over all slices is exactly the cases of
 * a run in one process.
 *
 * @example
 * const next = randomSliceIndices({ runs: 5, ordinalStart: 0, index: 1, count: 2 });
 * [next(), next(), next()]; // [1, 3, undefined]
 */
export function randomSliceIndices(p: {
  runs: number;
  ordinalStart: number;
  index: number;
  count: number;
  shard?: ShardOption | undefined;
}): () => number | undefined {
  let i = 0;
  let rank = 0;
  return () => {
    while (i < p.runs) {
      const index = i++;
      const ordinal = p.ordinalStart + index;
      if (p.shard !== undefined && ordinal % p.shard.count !== p.shard.index - 1) continue;
      if (rank++ % p.count === p.index) return index;
    }
    return undefined;
  };
}
