import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World } from '../../src/contract/types.js';
import { generateCase } from '../../src/runner/case-random.js';
import { BENCH_SEED, randomPhaseArbitrary } from './bench-cases.js';
import { loadCheckTarget } from './cli-command.js';
import { type BenchFigure, fmt } from './figure.js';
import { perSecond, timed, timingDetails } from './measure.js';

/** Issue 7's goal for the embedded double with reporting on. */
export const DOUBLE_GOAL = 20_000;

/** Generates the random-phase cases 0..count-1 and drops them: the rate the runner cannot beat. */
function generateOnly(world: World, count: number): number {
  const arbitrary = randomPhaseArbitrary(world, { nulls: true, wire: true });
  let sink = 0;
  for (let i = 0; i < count; i++) sink += generateCase(arbitrary, BENCH_SEED, 0, i).value_.labels.length;
  return sink;
}

/**
 * Benchmark 2: `checkTarget({ target: 'double' })` with reports written to a temp dir, next to the bare
 * generation of the same cases (same seed, same stream), in the same process.
 */
export async function benchDouble(
  world: World,
  options: { seconds: number; cases?: number },
): Promise<BenchFigure> {
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-double-'));
  const { module, via } = await loadCheckTarget();
  const { checkTarget, WORKERS_MIN_RUNS } = module;
  try {
    const run = (runs: number, workers?: number) =>
      checkTarget({
        target: 'double',
        world,
        runs,
        seed: BENCH_SEED,
        coveragePerCategory: 0,
        reportDir,
        // A listener on, as the CLI has one: events are part of reporting.
        onEvent: () => undefined,
        ...(workers !== undefined && { workers }),
      });
    // The warm-up also sizes the run: about `seconds` of checking at the warm rate.
    const warm = Math.max(50, Math.min(2_000, Math.round(options.seconds * 2_000)));
    generateOnly(world, warm);
    const pilot = await timed(() => run(warm));
    // A long run: worker processes start cold (each JIT-compiles the pipeline anew), which only a
    // run of many seconds amortises, as in the long runs they are for.
    const cases =
      options.cases ??
      Math.max(warm, Math.min(1_000_000, Math.round(perSecond(warm, pilot.timing.wallMs) * options.seconds)));
    const gen = await timed(() => generateOnly(world, cases));
    // As users run it: one worker process per core for a run this long (check-target.ts).
    const workers = cases >= WORKERS_MIN_RUNS ? Math.min(8, availableParallelism()) : 1;
    const check = await timed(() => run(cases, workers));
    // The same pipeline in one process, for what the workers bring (a third of the cases: it is slower).
    const singleCases = Math.max(warm, Math.round(cases / 3));
    const single = workers > 1 ? await timed(() => run(singleCases, 1)) : check;
    const result = check.value;
    const value = perSecond(result.cases, check.timing.wallMs);
    const baseline = perSecond(cases, gen.timing.wallMs);
    const notes: string[] = [
      `pipeline from ${via}; ${workers === 1 ? 'in one process' : `${workers} processes (the runner and ${workers - 1} worker${workers > 2 ? 's' : ''})`}; in one process: ${fmt(perSecond(single.value.cases, single.timing.wallMs))} cases/s`,
    ];
    if (result.status !== 'conformant') notes.push(`run status ${result.status} (expected conformant)`);
    return {
      id: 'double',
      name: 'Embedded double (check --target double, reports on)',
      value,
      unit: 'cases/s',
      baseline: { name: 'bare generation of the same cases', value: baseline, unit: 'cases/s' },
      ratio: baseline > 0 ? value / baseline : 0,
      goal: { text: `>= ${DOUBLE_GOAL.toLocaleString('en-US')} cases/s`, met: value >= DOUBLE_GOAL },
      notes,
      details: {
        cases: result.cases,
        ...timingDetails('check', check.timing),
        // process.cpuUsage counts this process only, not the worker processes.
        workers,
        singleProcessCases: single.value.cases,
        ...timingDetails('singleProcess', single.timing),
        singleProcessCasesPerCpuSecond: Math.round(perSecond(single.value.cases, single.timing.cpuMs)),
        ...timingDetails('generation', gen.timing),
      },
    };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

/**
 * Benchmark 2 again, over the memory benchmark's large run: the same `check --target double`, as a
 * user runs it (a CLI child, reports on, process start-up included), but long enough (300k-1M cases,
 * about a minute) for the worker processes' cold start to be amortised, as in the CI minute the issue
 * counts. Its baseline is the short figure's bare generation rate, measured in the same run.
 *
 * @example
 * const long = longRunDoubleFigure(memoryFigure, doubleFigure);
 */
export function longRunDoubleFigure(memory: BenchFigure, short: BenchFigure): BenchFigure | undefined {
  const runs = memory.details.largeRuns;
  const value = memory.details.largeCasesPerSecond;
  if (typeof runs !== 'number' || typeof value !== 'number') return undefined;
  const baseline = short.baseline.value;
  return {
    id: 'double-long',
    name: `Embedded double, one long CLI run (check --runs ${runs.toLocaleString('en-US')}, reports on; the memory benchmark's large run)`,
    value,
    unit: 'cases/s',
    baseline: { name: `${short.baseline.name} (short run)`, value: baseline, unit: short.baseline.unit },
    ratio: baseline > 0 ? value / baseline : 0,
    goal: { text: `>= ${DOUBLE_GOAL.toLocaleString('en-US')} cases/s`, met: value >= DOUBLE_GOAL },
    notes: ['wall time of the whole CLI process, start-up and reports included'],
    details: { runs, wallMs: Number(memory.details.largeWallMs ?? 0) },
  };
}
