/**
 * Worker-thread entry of the case prefetcher: generates cases and their expectations off the main
 * thread, so the main thread only sends, checks and counts. Each answer is exactly what the main
 * thread would compute (same arbitraries, same seed derivation, same oracle).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { expectedOutcomes } from '../contract/expected-outcomes.js';
import type { Level, World } from '../contract/types.js';
import type { PreparedCase } from './case-prefetcher.js';
import { generateCase } from './case-random.js';
import { caseStreams } from './case-streams.js';
import { isPlainData } from './plain-data.js';

/** What the main thread gives the worker once. */
export interface CaseWorkerData {
  world: World;
  capabilities: { nulls: boolean; wire: boolean };
  seed: number;
  levels: Level[];
}

/** What the worker receives: the data, and the count of origins the main thread has gone past. */
interface WorkerInput extends CaseWorkerData {
  progress: Int32Array;
}

/** One request: `origins` holds stream, index pairs. */
export interface CaseWorkerRequest {
  id: number;
  /** The number of the first origin (origins are numbered across requests). */
  first: number;
  origins: number[];
}

/** One answer: per origin, the case and its expectation, or `null` where the main thread must generate. */
export interface CaseWorkerAnswer {
  id: number;
  prepared: PreparedCase[];
}

const data = workerData as WorkerInput;
// The same streams, in the same order, as the runner's.
const streams = caseStreams(data.world, data.capabilities);

parentPort?.on('message', (message: CaseWorkerRequest) => {
  const prepared: CaseWorkerAnswer['prepared'] = [];
  for (let i = 0; i + 1 < message.origins.length; i += 2) {
    const stream = message.origins[i] as number;
    const index = message.origins[i + 1] as number;
    const arbitrary = streams[stream];
    // The main thread went past it (and made the case itself): skip, to get ahead again.
    if (arbitrary === undefined || Atomics.load(data.progress, 0) > message.first + (i >> 1)) {
      prepared.push(null);
      continue;
    }
    const c = generateCase(arbitrary, data.seed, stream, index).value_;
    // Only data that survives the structured clone unchanged crosses over; the rest is regenerated.
    if (!isPlainData(c)) {
      prepared.push(null);
      continue;
    }
    prepared.push({ case: c, expectation: expectedOutcomes(c.request, data.world, { levels: data.levels }) });
  }
  const answer: CaseWorkerAnswer = { id: message.id, prepared };
  try {
    parentPort?.postMessage(answer);
  } catch {
    // An expectation that does not clone (it should always): let the main thread do all of them.
    parentPort?.postMessage({ id: message.id, prepared: prepared.map(() => null) });
  }
});
