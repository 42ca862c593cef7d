import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Level, World } from '../contract/types.js';
import type { SliceOutcome } from './random-slice.js';
import type { RunEvent } from './run-events.js';
import type { ShardOption } from './run-result.js';

/** What a random-phase worker receives once, in its first message; chunks to run come after. */
export interface RandomPhaseWorkerData {
  world: World;
  seed: number;
  runs: number;
  levels: Level[];
  shard?: ShardOption;
  /** Cases per chunk of the random phase (`random-slice.ts`). */
  chunkSize: number;
  /** Deployments the worker's own copy of the double keeps. */
  maxDeployments: number;
}

/** Messages from a random-phase worker. */
export type RandomPhaseWorkerMessage =
  | { type: 'event'; event: RunEvent }
  /** Asks for one more chunk of the random phase. */
  | { type: 'more' }
  | { type: 'done'; outcome: SliceOutcome }
  | { type: 'failed'; message: string };

/** Messages to a random-phase worker. */
export type RandomPhaseParentMessage =
  | { type: 'start'; data: RandomPhaseWorkerData }
  /** A chunk to run, or `null`: there are no more. */
  | { type: 'chunk'; chunk: number | null }
  | { type: 'stop' };

/** What became of one worker: its counts, or why there are none, and the chunks it was given. */
export interface WorkerOutcome {
  /** The worker's counts; `undefined` when it failed or was cut off after an interrupt. */
  outcome: SliceOutcome | undefined;
  error?: string;
  /** The chunks it was given: without an outcome, the caller runs them itself or reports them lost. */
  chunks: number[];
}

/** Live counts of one worker, from its latest progress event. */
interface Live {
  done: number;
  passed: number;
  failed: number;
  skipped: number;
  unspecified: number;
}

/** The worker processes sharing the random phase. */
export interface RandomPhaseWorkers {
  /** The workers' counts so far (for progress lines), summed. */
  live(): Live;
  /**
   * Call once `nextChunk` has nothing left. Workers that never got a chunk (still starting up) are
   * stopped at once; the others are awaited. Each outcome is the worker's counts, or `undefined` when
   * it failed (could not start, threw, died) or was cut off after an interrupt, with its chunks.
   */
  finish(): Promise<WorkerOutcome[]>;
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
 * The environment of a worker process: this one's, without `NODE_EXTRA_CA_CERTS`. Node parses the
 * certificates that variable names while it starts, before any code runs (it cannot know nobody
 * will open a TLS connection), and a worker only ever talks to its own in-process double. Measured
 * here, where the variable names the system bundle (220 KB): Node's own start-up 125-204 ms with it,
 * 34-49 ms without, for every worker of every long run.
 *
 * @example
 * workerEnv({ NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', PATH: '/usr/bin' }); // { PATH: '/usr/bin' }
 */
export function workerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
}

/**
 * Starts `count` worker processes that share the random phase with the caller, each against its own
 * copy of the embedded double. Work is dealt in chunks (`random-slice.ts`): a worker keeps two
 * chunk requests out while it runs one (so it rarely waits on the parent), and `nextChunk` (the
 * caller's dealer, which the caller also draws from) decides. So a worker still starting up takes
 * nothing from a short run, and a slow one takes less. Processes, not threads: each case allocates a
 * lot, and with one V8 per process and `--single-threaded-gc` every core runs cases instead of one
 * isolate's garbage-collector helpers (measured on 2 cores, 60k cases: worker threads 7.4-7.8 s,
 * processes 6.0-6.9 s, one thread 9.6-9.7 s). `onEvent` receives the workers' failure-group events;
 * aborting `stop` tells the workers to stop taking cases, and any still running `graceMs` later are
 * killed. Workers ignore SIGINT (the terminal sends it to the whole group): the parent decides when
 * they stop, so their counts reach the partial report.
 *
 * @example
 * let next = 0;
 * const deal = () => (next < 10 ? next++ : undefined);
 * const workers = startRandomPhaseWorkers(data, 1, { stop, onEvent, graceMs: 2000, nextChunk: deal });
 * for (let c = deal(); c !== undefined; c = deal()) await runChunk(c); // the caller's share
 * const outcomes = await workers.finish();
 */
export function startRandomPhaseWorkers(
  data: RandomPhaseWorkerData,
  count: number,
  control: {
    stop: AbortSignal;
    onEvent: (event: RunEvent) => void;
    graceMs: number;
    nextChunk: () => number | undefined;
  },
): RandomPhaseWorkers {
  const lives: Live[] = [];
  const results: Array<Promise<WorkerOutcome>> = [];
  const children: ChildProcess[] = [];
  /** Per worker: its chunks, and how to settle it as unused. */
  const slots: Array<{ chunks: number[]; dropIfIdle: () => void }> = [];
  const command = workerCommand();
  const heapFlags = workerHeapFlags(data.world);
  for (let w = 0; w < count; w++) {
    const live: Live = { done: 0, passed: 0, failed: 0, skipped: 0, unspecified: 0 };
    lives.push(live);
    const chunks: number[] = [];
    results.push(
      new Promise((resolve) => {
        let settled = false;
        let stderr = '';
        let child: ChildProcess | undefined;
        const settle = (outcome: SliceOutcome | undefined, error?: string): void => {
          if (settled) return;
          settled = true;
          resolve({ outcome, ...(error !== undefined && { error }), chunks });
        };
        slots.push({
          chunks,
          dropIfIdle: () => {
            if (chunks.length > 0 || settled) return;
            settle(undefined);
            child?.kill('SIGKILL');
          },
        });
        try {
          child = fork(command.path, [], {
            execArgv: [...command.execArgv, ...heapFlags, '--single-threaded-gc'],
            // Structured clone over IPC: cases may hold byte arrays.
            serialization: 'advanced',
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
            env: workerEnv(process.env),
          });
          child.send({ type: 'start', data } satisfies RandomPhaseParentMessage);
        } catch (error) {
          // A started child that never got its data would wait for it forever.
          child?.kill('SIGKILL');
          settle(undefined, `could not start a worker process: ${String(error)}`);
          return;
        }
        const started = child;
        children.push(started);
        started.stderr?.setEncoding('utf8');
        started.stderr?.on('data', (text: string) => {
          if (stderr.length < 4_000) stderr += text;
        });
        started.on('message', (m: RandomPhaseWorkerMessage) => {
          if (m.type === 'more') {
            if (settled || !started.connected) return;
            const chunk = control.stop.aborted ? undefined : control.nextChunk();
            if (chunk !== undefined) chunks.push(chunk);
            started.send(
              { type: 'chunk', chunk: chunk ?? null } satisfies RandomPhaseParentMessage,
              () => {},
            );
          } else if (m.type === 'event') {
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
        started.on('error', (error) => settle(undefined, `worker process failed: ${String(error)}`));
        started.on('exit', (code, signal) => {
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
      // Nothing is left to deal: a worker without chunks would only start up to hear so.
      for (const slot of slots) slot.dropIfIdle();
      const all = await Promise.all(results);
      control.stop.removeEventListener('abort', onStop);
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      return all;
    },
  };
}
