/**
 * Every performance figure of issue 7, each next to its baseline measured in the same run, with the
 * ratio and the goal; writes `reports/bench.json` (atomically).
 *
 *   npm run bench                      # the full run (under 3 minutes)
 *   npm run bench -- --quick           # a few seconds: proves every benchmark still works
 *   npx tsx bench/run.ts --out FILE    # write the JSON elsewhere
 *
 * `BENCH_QUICK=1` is the same as `--quick`. The full run rebuilds `dist/` first when a source is newer
 * (child processes run the bin users run); the quick run uses the sources instead.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { loadDefaultWorld } from '../src/world/load-world.js';
import { benchDefaultRun } from './suite/bench-default-run.js';
import { benchDouble, longRunDoubleFigure } from './suite/bench-double.js';
import { benchHttp } from './suite/bench-http.js';
import { benchMemory } from './suite/bench-memory.js';
import { benchSdk } from './suite/bench-sdk.js';
import { cliCommand, ensureFreshDist, ROOT, sourcesChangedDuringRun } from './suite/cli-command.js';
import { type BenchFigure, figureTable, fmt } from './suite/figure.js';
import { type MemorySizes, memorySizes } from './suite/memory-sizes.js';
import { spawnServedDouble, type WithServer, withServedDouble } from './suite/served-double.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    only: { type: 'string' },
  },
});
const quick = values.quick === true || process.env.BENCH_QUICK === '1';
const out = resolve(values.out ?? join(ROOT, 'reports', 'bench.json'));
const only = values.only === undefined ? undefined : new Set(values.only.split(','));
const wanted = (name: string): boolean => only === undefined || only.has(name);

/** Sizes of the full and the quick run. */
const PLAN = quick
  ? {
      httpCases: 120,
      sdkCases: 120,
      doubleSeconds: 0.2,
      doubleCases: undefined,
      memory: { small: 50, large: 200 },
      npx: true,
    }
  : {
      // The goal's concurrency gets the most cases; c=1 and c=8 (no goal) 1,000, which saves the
      // full run 6-8 s of its 3 minutes (c=1 goes at 500-700 cases/s, six runs of it).
      httpCases: (concurrency: number) => (concurrency === 32 ? 1_500 : 1_000),
      sdkCases: 1_250,
      doubleSeconds: 10,
      doubleCases: 80_000,
      memory: undefined,
      npx: true,
    };
/** Seconds the full run should end by: issue 7's 3 minutes, less a margin for the host's swings. */
const BUDGET_SECONDS = 175;
/**
 * Seconds kept for what runs after the large memory run: the long run's generation baseline and the
 * default-run benchmark: 6.0 and 4.6 s together in the runs at 2026-11-27 03:15 and 03:19 (`stages`
 * in bench.json).
 */
const AFTER_MEMORY_SECONDS = 8;

function print(f: BenchFigure): void {
  const met = f.goal.met ? 'met' : 'NOT MET';
  console.log(
    `${f.name}\n    ${fmt(f.value)} ${f.unit}  vs  ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit}  ratio ${f.ratio.toFixed(3)}  goal ${f.goal.text}: ${met}`,
  );
  for (const n of f.notes) console.log(`    note: ${n}`);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const loadBefore = loadavg();
  const build = quick ? 'not rebuilt (quick)' : ensureFreshDist();
  const world = loadDefaultWorld();
  const figures: BenchFigure[] = [];
  const add = (fs: BenchFigure | BenchFigure[]): void => {
    for (const f of Array.isArray(fs) ? fs : [fs]) {
      figures.push(f);
      print(f);
    }
  };
  const elapsedSeconds = (): number => (performance.now() - t0) / 1000;
  /** Where the run's time goes, benchmark by benchmark (bench.json's `stages`, and printed). */
  const stages: Array<{ name: string; ms: number }> = [];
  const stage = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const s0 = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - s0;
      stages.push({ name, ms: Math.round(ms) });
      console.log(`    [${name}: ${(ms / 1000).toFixed(1)} s; ${elapsedSeconds().toFixed(1)} s so far]`);
    }
  };
  console.log(
    `opsworks-contract benchmarks${quick ? ' (quick: proves they work, figures not meaningful)' : ''}; CLI children via ${cliCommand().via}, dist ${build}`,
  );

  let doubleRate = 1_000;
  if (wanted('double')) {
    const f = await stage('double', () =>
      benchDouble(world, {
        seconds: PLAN.doubleSeconds,
        ...(PLAN.doubleCases !== undefined && { cases: PLAN.doubleCases }),
      }),
    );
    // The long run's size follows the rate after start-up (the short run's second half): the short
    // run's average is start-up-bound and would shrink the long run below 1M on most minutes.
    const steady = f.details.secondHalfCasesPerSecond;
    doubleRate = typeof steady === 'number' && steady > 0 ? steady : f.value;
    add(f);
  }
  // The full run serves a fresh double for every measurement (same state for figure and baseline);
  // the quick run shares one, to stay short.
  const shared = quick && (wanted('http') || wanted('sdk')) ? await spawnServedDouble() : undefined;
  const withServer: WithServer = shared === undefined ? withServedDouble : (fn) => fn(shared.url);
  try {
    if (wanted('http')) {
      add(
        await stage('http', () =>
          benchHttp(world, { cases: PLAN.httpCases, concurrencies: [1, 8, 32], withServer }),
        ),
      );
    }
    if (wanted('sdk')) {
      add(await stage('sdk', () => benchSdk(world, { cases: PLAN.sdkCases, concurrency: 16, withServer })));
    }
  } finally {
    await shared?.close();
  }
  if (wanted('memory')) {
    // One pair only: long runs' worker processes now carry an old-space cap of their own, which is
    // what the capped-heap pair (--max-old-space-size=96) used to show by hand.
    // The large run's share of what is left of the budget: less the small run (100k cases at the
    // measured rate, and a CLI start-up) and what runs after the memory benchmark.
    const smallSeconds = 100_000 / Math.max(1, doubleRate) + 3;
    const sizes: MemorySizes =
      PLAN.memory ??
      memorySizes(doubleRate, BUDGET_SECONDS - elapsedSeconds() - smallSeconds - AFTER_MEMORY_SECONDS);
    const memory = await stage('memory', () => benchMemory(sizes));
    add(memory);
    const long = await stage('double-long baseline', () => longRunDoubleFigure(world, memory));
    if (long !== undefined) add(long);
  }
  if (wanted('default')) add(await stage('default', () => benchDefaultRun({ npx: PLAN.npx })));

  const durationMs = performance.now() - t0;
  const cpu = cpus()[0];
  const report = {
    formatVersion: 1,
    generatedAt: new Date().toISOString(),
    quick,
    durationMs: Math.round(durationMs),
    stages,
    machine: {
      nproc: availableParallelism(),
      cpu: cpu?.model ?? 'unknown',
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverageBefore: loadBefore.map((l) => Number(l.toFixed(2))),
      loadAverageAfter: loadavg().map((l) => Number(l.toFixed(2))),
    },
    figures,
  };
  await writeFileAtomic(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${figureTable(figures)}\n`);
  console.log(
    `machine: ${report.machine.nproc} cores (${report.machine.cpu}), node ${process.version}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${report.machine.loadAverageAfter.join(' ')} after`,
  );
  console.log(
    `total ${(durationMs / 1000).toFixed(1)} s (${stages.map((st) => `${st.name} ${(st.ms / 1000).toFixed(1)}`).join(', ')}); wrote ${out}`,
  );
  if (sourcesChangedDuringRun()) {
    console.log(
      'note: a source under src/ changed during the run; these figures measure the build it started with',
    );
  }
}

await main();
