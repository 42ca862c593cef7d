/**
 * Worker-process entry: runs one slice of the random phase against this process's own copy of the
 * embedded double and sends back its counts (`random-phase-workers.ts` forks it).
 */
import { runRandomSlice } from './check-target.js';
import type { RandomPhaseParentMessage, RandomPhaseWorkerMessage } from './random-phase-workers.js';

const stop = new AbortController();
const post = (m: RandomPhaseWorkerMessage): void => {
  if (process.connected) process.send?.(m);
};
// The terminal sends SIGINT to the whole process group: the parent decides when this one stops.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => stop.abort());
// An orphan stops: nobody would read its counts.
process.on('disconnect', () => {
  stop.abort();
  setTimeout(() => process.exit(0), 2_000).unref();
});
process.on('message', (m: RandomPhaseParentMessage) => {
  if (m.type === 'stop') stop.abort();
  else if (m.type === 'start') void run(m);
});

async function run(m: Extract<RandomPhaseParentMessage, { type: 'start' }>): Promise<void> {
  try {
    const outcome = await runRandomSlice(m.data, {
      signal: stop.signal,
      onEvent: (event) => {
        if (event.type === 'progress' || event.type === 'failure-group') post({ type: 'event', event });
      },
    });
    post({ type: 'done', outcome });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect?.();
}
