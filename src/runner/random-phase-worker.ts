/**
 * Worker-thread entry: runs one slice of the random phase against this thread's own copy of the
 * embedded double and posts back its counts (`random-phase-threads.ts` starts it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runRandomSlice } from './check-target.js';
import type { RandomPhaseWorkerData, RandomPhaseWorkerMessage } from './random-phase-threads.js';

const data = workerData as RandomPhaseWorkerData;
const stop = new AbortController();
const post = (m: RandomPhaseWorkerMessage): void => parentPort?.postMessage(m);
parentPort?.on('message', (m: { type?: string }) => {
  if (m?.type === 'stop') stop.abort();
});
try {
  const outcome = await runRandomSlice(data, {
    signal: stop.signal,
    onEvent: (event) => {
      if (event.type === 'progress' || event.type === 'failure-group') post({ type: 'event', event });
    },
  });
  post({ type: 'done', outcome });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
// The stop listener would keep the thread alive.
parentPort?.close();
