import type { ShardOption } from './run-result.js';
import type { TallySnapshot } from './run-tally.js';

/**
 * Random cases per chunk, the unit in which processes share the random phase. Small enough that the
 * last chunks even out the processes' finishing times (500 cases are 40-100 ms of work here), large
 * enough that asking for one is rare (one IPC message per chunk, answered between batches).
 */
export const RANDOM_CHUNK_SIZE = 250;

/** Where the random phase's cases are: what every process sharing it needs to find a chunk's cases. */
export interface RandomPhasePlan {
  /** Random-phase cases of the whole run (before sharding). */
  runs: number;
  shard?: ShardOption | undefined;
  /** Cases per chunk ({@link RANDOM_CHUNK_SIZE} unless a test says otherwise). */
  chunkSize: number;
}

/** What a worker hands back after running its chunks (plain data, structured-clone safe). */
export interface SliceOutcome {
  tally: TallySnapshot;
  /** Random-phase cases the worker ran. */
  random: number;
  readBack: { sampled: number; matched: number; mismatched: number; callFailures: number };
  deploymentIds: { tracked: number; duplicates: number; overflowed: number; full: boolean };
}

/**
 * This shard's random indices are `first`, `first + step`, ... below `runs`: shard i of n takes the
 * random indices congruent to i - 1 modulo n. By the random index alone, not by the run's case
 * ordinal: each shard runs as many coverage top-up rounds as its own share needs, so the ordinal at
 * the first random case differs between shards, and counting from it made shards of a count that
 * does not divide a coverage round (5 of 84 cases) overlap and miss cases.
 */
function progression(plan: RandomPhasePlan): { first: number; step: number; count: number } {
  const step = plan.shard?.count ?? 1;
  const first = plan.shard === undefined ? 0 : plan.shard.index - 1;
  const count = first < plan.runs ? Math.floor((plan.runs - 1 - first) / step) + 1 : 0;
  return { first, step, count };
}

/**
 * How many chunks the random phase has: this shard's random cases, {@link RandomPhasePlan.chunkSize}
 * at a time.
 *
 * @example
 * randomChunkCount({ runs: 1_200, chunkSize: 500 }); // 3
 */
export function randomChunkCount(plan: RandomPhasePlan): number {
  return Math.ceil(progression(plan).count / plan.chunkSize);
}

/**
 * The random-phase case indices of chunk `chunk`, in order, one per call (`undefined` when done).
 * Chunk k holds this shard's k-th run of `chunkSize` random cases, so the chunks together are exactly
 * the cases one process would run, whichever process runs which chunk.
 *
 * @example
 * const next = randomChunkIndices({ runs: 5, chunkSize: 2 }, 1);
 * [next(), next(), next()]; // [2, 3, undefined]
 */
export function randomChunkIndices(plan: RandomPhasePlan, chunk: number): () => number | undefined {
  const { first, step, count } = progression(plan);
  let position = chunk * plan.chunkSize;
  const end = Math.min(count, position + plan.chunkSize);
  return () => (position < end ? first + step * position++ : undefined);
}
