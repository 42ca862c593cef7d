import { Worker } from 'node:worker_threads';
import type { Level, World } from '../contract/types.js';
import type { RandomSlice, SliceOutcome } from './random-slice.js';
import type { RunEvent } from './run-events.js';
import type { ShardOption } from './run-result.js';
import { workerEntry } from './worker-entry.js';

/** What a random-phase worker receives once. */
export interface RandomPhaseWorkerData {
  world: World;
  seed: number;
  runs: number;
  levels: Level[];
  shard?: ShardOption;
  slice: RandomSlice;
  /** Deployments the worker's own copy of the double keeps. */
  maxDeployments: number;
}

/** Messages from a random-phase worker. */
export type RandomPhaseWorkerMessage =
  | { type: 'event'; event: RunEvent }
  | { type: 'done'; outcome: SliceOutcome }
  | { type: 'failed'; message: string };

/** Live counts of one worker, from its latest progress event. */
interface Live {
  done: number;
  passed: number;
  failed: number;
  skipped: number;
  unspecified: number;
}

/** The worker threads running slices 1..threads-1 of the random phase. */
export interface RandomPhaseThreads {
  /** The workers' counts so far (for progress lines), summed. */
  live(): Live;
  /**
   * Waits for every worker. Each slot holds the worker's outcome, or `undefined` when it failed
   * (could not start, threw, died) or was cut off after an interrupt: the caller runs that slice
   * itself, or reports it lost.
   */
  finish(): Promise<Array<{ thread: number; outcome: SliceOutcome | undefined; error?: string }>>;
}

/**
 * Starts one worker thread per slice 1..threads-1 (slice 0 is the caller's), each running its share
 * of the random phase against its own copy of the embedded double and handing back its counts.
 * `onEvent` receives the workers' failure-group events (for live output); aborting `stop` tells the
 * workers to stop taking cases, and any still running `graceMs` later are terminated.
 *
 * @example
 * const threads = startRandomPhaseThreads({ world, seed, runs, levels, ordinalStart, threads: 2, maxDeployments: 256 }, { stop, onEvent, graceMs: 2000 });
 * const outcomes = await threads.finish();
 */
export function startRandomPhaseThreads(
  data: Omit<RandomPhaseWorkerData, 'slice'> & { ordinalStart: number; threads: number },
  control: { stop: AbortSignal; onEvent: (event: RunEvent) => void; graceMs: number },
): RandomPhaseThreads {
  const lives: Live[] = [];
  const results: Array<Promise<{ thread: number; outcome: SliceOutcome | undefined; error?: string }>> = [];
  const workers: Worker[] = [];
  for (let thread = 1; thread < data.threads; thread++) {
    const live: Live = { done: 0, passed: 0, failed: 0, skipped: 0, unspecified: 0 };
    lives.push(live);
    const workerData: RandomPhaseWorkerData = {
      world: data.world,
      seed: data.seed,
      runs: data.runs,
      levels: data.levels,
      ...(data.shard !== undefined && { shard: data.shard }),
      slice: { thread, threads: data.threads, ordinalStart: data.ordinalStart },
      maxDeployments: data.maxDeployments,
    };
    results.push(
      new Promise((resolve) => {
        let settled = false;
        const settle = (outcome: SliceOutcome | undefined, error?: string): void => {
          if (settled) return;
          settled = true;
          resolve({ thread, outcome, ...(error !== undefined && { error }) });
        };
        let worker: Worker;
        try {
          const start = workerEntry(import.meta.url, 'random-phase-worker');
          worker = new Worker(start.entry, { workerData, eval: start.eval });
        } catch (error) {
          settle(undefined, `could not start a worker thread: ${String(error)}`);
          return;
        }
        workers.push(worker);
        worker.on('message', (m: RandomPhaseWorkerMessage) => {
          if (m.type === 'event') {
            const e = m.event;
            if (e.type === 'progress') {
              live.done = e.done;
              live.passed = e.passed;
              live.failed = e.failed;
              live.skipped = e.skipped;
              live.unspecified = e.unspecified;
            } else control.onEvent(e);
          } else if (m.type === 'done') settle(m.outcome);
          else settle(undefined, m.message);
        });
        worker.on('error', (error) => settle(undefined, `worker thread failed: ${String(error)}`));
        worker.on('exit', (code) =>
          settle(undefined, `worker thread exited (code ${code}) before its result`),
        );
      }),
    );
  }
  const onStop = (): void => {
    for (const w of workers) w.postMessage({ type: 'stop' });
    // A worker that does not stop in time is cut off: its cases are lost, the run still reports.
    setTimeout(() => {
      for (const w of workers) void w.terminate();
    }, control.graceMs).unref();
  };
  if (control.stop.aborted) onStop();
  else control.stop.addEventListener('abort', onStop, { once: true });
  return {
    live() {
      const sum: Live = { done: 0, passed: 0, failed: 0, skipped: 0, unspecified: 0 };
      for (const l of lives) {
        sum.done += l.done;
        sum.passed += l.passed;
        sum.failed += l.failed;
        sum.skipped += l.skipped;
        sum.unspecified += l.unspecified;
      }
      return sum;
    },
    async finish() {
      const all = await Promise.all(results);
      control.stop.removeEventListener('abort', onStop);
      await Promise.all(workers.map((w) => w.terminate().catch(() => undefined)));
      return all;
    },
  };
}
