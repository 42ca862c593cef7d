import type { Level } from '../contract/types.js';
import type { RunResult, ShardOption } from './run-result.js';

/** The phases of a run, in order. */
export type RunPhase = 'coverage' | 'random' | 'shrink';

/** Counters carried by progress events. */
export interface ProgressCounts {
  done: number;
  passed: number;
  failed: number;
  skipped: number;
  unspecified: number;
  /** Failure groups so far. */
  groups: number;
  elapsedMs: number;
  casesPerSecond: number;
}

/**
 * What a run reports while it goes; reporters subscribe through `CheckOptions.onEvent`. Events are
 * plain data so a listener can forward them (to a worker, a log) without holding the run.
 *
 * @example
 * await checkTarget({ onEvent: (e) => { if (e.type === 'failure-group') console.log(e.group); } });
 */
export type RunEvent =
  | {
      type: 'run-start';
      target: string;
      seed: number;
      runs: number;
      levels: Level[];
      shard?: ShardOption;
      concurrency: number;
      /** What the target asks to be shown before anything is sent (e.g. the real-AWS deployment warning). */
      warnings: readonly string[];
    }
  | { type: 'phase-start'; phase: RunPhase; planned: number }
  | ({ type: 'progress'; phase: RunPhase } & ProgressCounts)
  | { type: 'failure-group'; group: string; check: string; rule: string; category: string; reason: string }
  | { type: 'shrink-start'; group: string }
  | { type: 'shrink-end'; group: string; sends: number; steps: number; durationMs: number }
  | { type: 'run-end'; result: RunResult };

/** A listener for run events. It must not throw; errors it throws are ignored by the runner. */
export type RunEventListener = (event: RunEvent) => void;
