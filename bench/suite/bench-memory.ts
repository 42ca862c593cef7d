import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_SEED } from './bench-cases.js';
import { cliCommand } from './cli-command.js';
import type { BenchFigure } from './figure.js';
import { type ChildRun, spawnTimed } from './spawn-timed.js';

const GOAL = 1.1;

async function checkChild(runs: number, heapCapMB?: number): Promise<ChildRun & { maxRssKB: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-memory-'));
  try {
    const { command, args } = cliCommand();
    const cap = heapCapMB === undefined ? [] : [`--max-old-space-size=${heapCapMB}`];
    const run = await spawnTimed(
      command,
      [
        ...cap,
        ...args,
        'check',
        '--target',
        'double',
        '--runs',
        String(runs),
        '--seed',
        String(BENCH_SEED),
        '--quiet',
      ],
      { cwd: dir, rss: true },
    );
    if (run.code !== 0 || run.maxRssKB === undefined) {
      throw new Error(
        `check --runs ${runs} exited ${run.code}: ${run.stderr.slice(-1000)}${run.stdout.slice(-1000)}`,
      );
    }
    return { ...run, maxRssKB: run.maxRssKB };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Benchmark 4: peak RSS of `opsworks-contract check --target double` (reports on, as users run it) at
 * a small and a large case count, each in its own process. The small run is the baseline; the goal is
 * the large run within 10% of it (nothing retained per case).
 */
export async function benchMemory(options: {
  small: number;
  large: number;
  note?: string;
  heapCapMB?: number;
}): Promise<BenchFigure> {
  // One after the other: a long run shares its random phase between threads (one per core), so two
  // runs side by side would each go at half speed.
  const small = await checkChild(options.small, options.heapCapMB);
  const large = await checkChild(options.large, options.heapCapMB);
  const ratio = large.maxRssKB / small.maxRssKB;
  const mb = (kb: number): number => kb / 1024;
  const notes = options.note === undefined ? [] : [options.note];
  const capped = options.heapCapMB !== undefined;
  return {
    id: capped ? 'memory-capped-heap' : 'memory',
    name: `Peak RSS, check --target double, ${options.large.toLocaleString('en-US')} vs ${options.small.toLocaleString('en-US')} random cases${capped ? ` (node --max-old-space-size=${options.heapCapMB}: what is retained, without V8's heap slack)` : ''}`,
    value: mb(large.maxRssKB),
    unit: 'MB',
    baseline: {
      name: `${options.small.toLocaleString('en-US')} cases`,
      value: mb(small.maxRssKB),
      unit: 'MB',
    },
    ratio,
    goal: { text: `<= ${GOAL}x (within 10%)`, met: ratio <= GOAL, lowerIsBetter: true },
    notes,
    details: {
      smallRuns: options.small,
      largeRuns: options.large,
      smallWallMs: Math.round(small.wallMs),
      largeWallMs: Math.round(large.wallMs),
      largeCasesPerSecond: Math.round((options.large * 1000) / large.wallMs),
      heapCapMB: options.heapCapMB ?? 0,
    },
  };
}
