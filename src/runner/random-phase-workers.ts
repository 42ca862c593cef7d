import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Level, World } from '../contract/types.js';
import type { RandomSlice, SliceOutcome } from './random-slice.js';
import type { RunEvent } from './run-events.js';
import type { ShardOption } from './run-result.js';

/** What a random-phase worker receives once, in its first message. */
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

/** Messages to a random-phase worker. */
export type RandomPhaseParentMessage = { type: 'start'; data: RandomPhaseWorkerData } | { type: 'stop' };

/** Live counts of one worker, from its latest progress event. */
interface Live {
  done: number;
  passed: number;
  failed: number;
  skipped: number;
  unspecified: number;
}

/** The worker processes running slices of the random phase. */
export interface RandomPhaseWorkers {
  /** The workers' counts so far (for progress lines), summed. */
  live(): Live;
  /**
   * Waits for every worker. Each slot holds the worker's outcome, or `undefined` when it failed
   * (could not start, threw, died) or was cut off after an interrupt: the caller runs that slice
   * itself, or reports it lost.
   */
  finish(): Promise<Array<{ slice: number; outcome: SliceOutcome | undefined; error?: string }>>;
}

/**
 * How to start the worker: the compiled `.js` next to this file, or from the sources (tsx in
 * development, vitest in tests) the `.ts` file under tsx's loader.
 */
function workerCommand(): { path: string; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts')) {
    return { path: fileURLToPath(new URL('./random-phase-worker.js', import.meta.url)), execArgv: [] };
  }
  const loader = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
  return {
    path: fileURLToPath(new URL('./random-phase-worker.ts', import.meta.url)),
    execArgv: ['--import', loader],
  };
}

/**
 * A worker's old-space cap: the one given to this process (`node --max-old-space-size=N`) if any,
 * else 160 MB plus room for the world. A worker's live heap is small and flat (its tally, the
 * double's 256 deployments, the world), but without a cap V8 lets garbage pile up between major
 * collections, more the longer the run: measured sum over parent and 2 workers, 100k vs 300k cases,
 * 410 vs 483 MB uncapped, 313 vs 321 MB at 160 MB, at the same speed. A worker that still runs out
 * fails alone, and its slice is run in the parent.
 */
function workerHeapFlags(world: World): string[] {
  const given = process.execArgv.filter((a) => a.startsWith('--max-old-space-size'));
  if (given.length > 0) return given;
  const worldMB = JSON.stringify(world).length / 1_048_576;
  return [`--max-old-space-size=${Math.ceil(160 + 8 * worldMB)}`];
}

/**
 * Starts one worker process per slice in `slices`, each running its share of the random phase
 * against its own copy of the embedded double and handing back its counts. Processes, not threads:
 * each case allocates a lot, and with one V8 per process and `--single-threaded-gc` every core runs
 * cases instead of one isolate's garbage-collector helpers (measured on 2 cores, 60k cases: worker
 * threads 7.4-7.8 s, processes 6.0-6.9 s, one thread 9.6-9.7 s). `onEvent` receives the workers'
 * failure-group events; aborting `stop` tells the workers to stop taking cases, and any still running
 * `graceMs` later are killed. Workers ignore SIGINT (the terminal sends it to the whole group): the
 * parent decides when they stop, so their counts reach the partial report.
 *
 * @example
 * const workers = startRandomPhaseWorkers({ world, seed, runs, levels, ordinalStart, count: 2, maxDeployments: 256 }, [0, 1], { stop, onEvent, graceMs: 2000 });
 * const outcomes = await workers.finish();
 */
export function startRandomPhaseWorkers(
  data: Omit<RandomPhaseWorkerData, 'slice'> & { ordinalStart: number; count: number },
  slices: readonly number[],
  control: { stop: AbortSignal; onEvent: (event: RunEvent) => void; graceMs: number },
): RandomPhaseWorkers {
  const lives: Live[] = [];
  const results: Array<Promise<{ slice: number; outcome: SliceOutcome | undefined; error?: string }>> = [];
  const children: ChildProcess[] = [];
  const command = workerCommand();
  const heapFlags = workerHeapFlags(data.world);
  for (const slice of slices) {
    const live: Live = { done: 0, passed: 0, failed: 0, skipped: 0, unspecified: 0 };
    lives.push(live);
    const workerData: RandomPhaseWorkerData = {
      world: data.world,
      seed: data.seed,
      runs: data.runs,
      levels: data.levels,
      ...(data.shard !== undefined && { shard: data.shard }),
      slice: { index: slice, count: data.count, ordinalStart: data.ordinalStart },
      maxDeployments: data.maxDeployments,
    };
    results.push(
      new Promise((resolve) => {
        let settled = false;
        let stderr = '';
        const settle = (outcome: SliceOutcome | undefined, error?: string): void => {
          if (settled) return;
          settled = true;
          resolve({ slice, outcome, ...(error !== undefined && { error }) });
        };
        let child: ChildProcess | undefined;
        try {
          child = fork(command.path, [], {
            execArgv: [...command.execArgv, ...heapFlags, '--single-threaded-gc'],
            // Structured clone over IPC: cases may hold byte arrays.
            serialization: 'advanced',
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          });
          child.send({ type: 'start', data: workerData } satisfies RandomPhaseParentMessage);
        } catch (error) {
          // A started child that never got its data would wait for it forever.
          child?.kill('SIGKILL');
          settle(undefined, `could not start a worker process: ${String(error)}`);
          return;
        }
        children.push(child);
        child.stderr?.setEncoding('utf8');
        child.stderr?.on('data', (chunk: string) => {
          if (stderr.length < 4_000) stderr += chunk;
        });
        child.on('message', (m: RandomPhaseWorkerMessage) => {
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
        child.on('error', (error) => settle(undefined, `worker process failed: ${String(error)}`));
        child.on('exit', (code, signal) => {
          const last = stderr.trim().split('\n').at(-1);
          settle(
            undefined,
            `worker process exited (${signal ?? `code ${code}`}) before its result${last ? `: ${last}` : ''}`,
          );
        });
      }),
    );
  }
  const onStop = (): void => {
    for (const c of children) {
      if (c.connected) c.send({ type: 'stop' } satisfies RandomPhaseParentMessage, () => undefined);
    }
    // A worker that does not stop in time is killed: its cases are lost, the run still reports.
    setTimeout(() => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
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
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      return all;
    },
  };
}
