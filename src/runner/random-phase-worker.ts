/**
 * Worker-process entry: runs chunks of the random phase, as the parent deals them, against this
 * process's own copy of the embedded double and sends back its counts (`random-phase-workers.ts`
 * forks it).
 */
import { runRandomSlice } from './check-target.js';
import type { RandomPhaseParentMessage, RandomPhaseWorkerMessage } from './random-phase-workers.js';

/**
 * Chunks asked for before they are needed: two requests are out while a chunk runs. The parent
 * answers between its own batches (every 25 ms), and a chunk of 250 cases is 12-20 ms of work here:
 * with one request out, a worker spent 17-19% of its life waiting for its next chunk (726 ms of
 * 4.3 s at 80k cases, 1.7 of 8.7 s at 200k); with two, 1-2%. More would only leave more cases with
 * a worker at the end.
 */
const AHEAD = 2;

const stop = new AbortController();
const post = (m: RandomPhaseWorkerMessage): void => {
  if (process.connected) process.send?.(m);
};

/** Chunks dealt and not yet run, and whoever waits for the next one. */
const dealt: number[] = [];
let noMore = false;
let waiting: ((chunk: number | undefined) => void) | undefined;

/** The next chunk to run, asking for another to keep {@link AHEAD} on the way. */
function nextChunk(): Promise<number | undefined> {
  const ready = dealt.shift();
  if (ready !== undefined) {
    if (!noMore) post({ type: 'more' });
    return Promise.resolve(ready);
  }
  if (noMore || stop.signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    waiting = (chunk) => {
      waiting = undefined;
      if (chunk !== undefined && !noMore) post({ type: 'more' });
      resolve(chunk);
    };
  });
}

// The terminal sends SIGINT to the whole process group: the parent decides when this one stops.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => stop.abort());
// An orphan stops: nobody would read its counts.
process.on('disconnect', () => {
  stop.abort();
  waiting?.(undefined);
  setTimeout(() => process.exit(0), 2_000).unref();
});
process.on('message', (m: RandomPhaseParentMessage) => {
  if (m.type === 'stop') {
    stop.abort();
    waiting?.(undefined);
  } else if (m.type === 'chunk') {
    if (m.chunk === null) noMore = true;
    if (waiting !== undefined) waiting(m.chunk ?? undefined);
    else if (m.chunk !== null) dealt.push(m.chunk);
  } else if (m.type === 'start') void run(m);
});

async function run(m: Extract<RandomPhaseParentMessage, { type: 'start' }>): Promise<void> {
  for (let i = 0; i < AHEAD; i++) post({ type: 'more' });
  try {
    const outcome = await runRandomSlice(m.data, {
      signal: stop.signal,
      nextChunk,
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
