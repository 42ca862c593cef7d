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
      httpCases: 1_500,
      sdkCases: 1_250,
      doubleSeconds: 10,
      doubleCases: 80_000,
      memory: undefined,
      npx: true,
    };
/**
 * The large memory run gets this many seconds' worth of cases at the measured rate (it runs alone,
 * after the small one): under a minute here. At 60 s, a slow minute (the short run's second half
 * at 17.5k cases/s) still chose 1M cases, which took 55 s and the whole bench to 174.5 s of its
 * 3-minute budget; at 55 s such a minute measures 500k instead.
 */
const MEMORY_LARGE_RUN_RATE_SECONDS = 55;

function print(f: BenchFigure): void {
  const met = f.goal.met ? 'met' : 'NOT MET';
  console.log(
    `${f.name}\n    ${fmt(f.value)} ${f.unit}  vs  ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit}  ratio ${f.ratio.toFixed(3)}  goal ${f.goal.text}: ${met}`,
  );
  for (const n of f.notes) console.log(`    note: ${n}`);
}

/** Memory run sizes: issue 7's 100k and 1M when the measured rate fits them in the budget. */
function memorySizes(doubleRate: number): { small: number; large: number; note?: string } {
  if (PLAN.memory !== undefined) return PLAN.memory;
  const affordable = doubleRate * MEMORY_LARGE_RUN_RATE_SECONDS;
  if (affordable >= 1_000_000) return { small: 100_000, large: 1_000_000 };
  if (affordable >= 300_000) {
    const large = affordable >= 500_000 ? 500_000 : 300_000;
    return {
      small: 100_000,
      large,
      note: `1M cases do not fit the time budget at ${fmt(doubleRate)} cases/s; measured 100k vs ${large / 1000}k`,
    };
  }
  const step = 10 ** Math.floor(Math.log10(Math.max(affordable / 4, 10)));
  const large = Math.max(step, Math.floor(affordable / step) * step);
  const small = Math.max(1, Math.floor(large / 10));
  return {
    small,
    large,
    note: `100k/1M cases do not fit the time budget at ${fmt(doubleRate)} cases/s; measured ${small.toLocaleString('en-US')} vs ${large.toLocaleString('en-US')}`,
  };
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
  console.log(
    `opsworks-contract benchmarks${quick ? ' (quick: proves they work, figures not meaningful)' : ''}; CLI children via ${cliCommand().via}, dist ${build}`,
  );

  let doubleRate = 1_000;
  if (wanted('double')) {
    const f = await benchDouble(world, {
      seconds: PLAN.doubleSeconds,
      ...(PLAN.doubleCases !== undefined && { cases: PLAN.doubleCases }),
    });
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
      add(await benchHttp(world, { cases: PLAN.httpCases, concurrencies: [1, 8, 32], withServer }));
    }
    if (wanted('sdk')) add(await benchSdk(world, { cases: PLAN.sdkCases, concurrency: 16, withServer }));
  } finally {
    await shared?.close();
  }
  if (wanted('memory')) {
    // One pair only: long runs' worker processes now carry an old-space cap of their own, which is
    // what the capped-heap pair (--max-old-space-size=96) used to show by hand.
    const memory = await benchMemory(memorySizes(doubleRate));
    add(memory);
    const long = await longRunDoubleFigure(world, memory);
    if (long !== undefined) add(long);
  }
  if (wanted('default')) add(await benchDefaultRun({ npx: PLAN.npx }));

  const durationMs = performance.now() - t0;
  const cpu = cpus()[0];
  const report = {
    formatVersion: 1,
    generatedAt: new Date().toISOString(),
    quick,
    durationMs: Math.round(durationMs),
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
  console.log(`total ${(durationMs / 1000).toFixed(1)} s; wrote ${out}`);
  if (sourcesChangedDuringRun()) {
    console.log(
      'note: a source under src/ changed during the run; these figures measure the build it started with',
    );
  }
}

await main();
