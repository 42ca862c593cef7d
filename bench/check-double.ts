/**
 * Benchmark: `checkTarget` against the embedded double with reporting on, next to the bare generation
 * rate of the same cases (same process, same seed), and peak RSS of a small and a large run, each in
 * its own child process (so one run's heap does not colour the other's).
 *
 *   npx tsx bench/check-double.ts [--runs N] [--memory SMALL,LARGE] [--json FILE]
 *
 * Defaults: --runs 20000, --memory 100000,1000000 (issue 7's figures; the large run takes as long as
 * the pipeline needs). Prints every figure with its baseline and the ratio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Case } from '../src/contract/types.js';
import { createDeploymentArbitraries } from '../src/generators/create-deployment-arbitraries.js';
import { writeFileAtomic } from '../src/io/atomic-write.js';
import { generateCase } from '../src/runner/case-random.js';
import { checkTarget } from '../src/runner/check-target.js';
import { loadDefaultWorld } from '../src/world/load-world.js';

const SEED = 20_251_126;

interface ChildFigures {
  cases: number;
  casesPerSecond: number;
  maxRssMB: number;
  durationMs: number;
  status: string;
}

/** One full check run with reports on; in child mode its figures go to stdout as JSON. */
async function runCheck(runs: number): Promise<ChildFigures> {
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-check-'));
  try {
    const result = await checkTarget({
      target: 'double',
      runs,
      seed: SEED,
      reportDir,
      // Same cases as the generation baseline: the random phase only.
      coveragePerCategory: 0,
      // A listener on, as the CLI has one: events are part of "reporting on".
      onEvent: () => undefined,
    });
    return {
      cases: result.cases,
      casesPerSecond: result.casesPerSecond,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      durationMs: result.durationMs,
      status: result.status,
    };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

/** Bare generation of the random-phase cases of the same seed: the ceiling the runner can reach. */
function generationRate(runs: number): number {
  const { all } = createDeploymentArbitraries(loadDefaultWorld(), { nulls: true, wire: true });
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const c: Case = generateCase(all, SEED, 0, i).value_;
    sink += c.labels.length;
  }
  const ms = performance.now() - t0;
  if (sink < 0) console.log(sink);
  return (runs * 1000) / ms;
}

function child(runs: number): ChildFigures {
  const self = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', String(runs)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  const line = out.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as ChildFigures;
  } catch {
    throw new Error(`child run of ${runs} cases failed: ${out.stderr.slice(0, 2000)}`);
  }
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '20000' },
      memory: { type: 'string', default: '100000,1000000' },
      child: { type: 'string' },
      json: { type: 'string' },
    },
  });
  if (values.child !== undefined) {
    process.stdout.write(`${JSON.stringify(await runCheck(Number(values.child)))}\n`);
    return;
  }
  const runs = Number(values.runs);
  // Warm both paths once so the figures compare steady states, not JIT warm-up.
  generationRate(Math.min(2000, runs));
  await runCheck(Math.min(2000, runs));
  const gen = generationRate(runs);
  const check = await runCheck(runs);
  console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}`);
  console.log(
    `check --target double, reports on: ${fmt(check.casesPerSecond)} cases/s (${fmt(check.cases)} cases)`,
  );
  console.log(`baseline, bare generation of the same cases: ${fmt(gen)} cases/s`);
  console.log(
    `ratio check/generation: ${(check.casesPerSecond / gen).toFixed(3)}  (goal: >= 20,000 cases/s)`,
  );

  const [small, large] = (values.memory ?? '').split(',').map(Number);
  let memory: { small: ChildFigures; large: ChildFigures } | undefined;
  if (small !== undefined && large !== undefined && small > 0 && large > 0) {
    const a = child(small);
    const b = child(large);
    memory = { small: a, large: b };
    console.log(
      `peak RSS at ${fmt(a.cases)} cases: ${a.maxRssMB.toFixed(1)} MB (${fmt(a.casesPerSecond)} cases/s)`,
    );
    console.log(
      `peak RSS at ${fmt(b.cases)} cases: ${b.maxRssMB.toFixed(1)} MB (${fmt(b.casesPerSecond)} cases/s)`,
    );
    console.log(`ratio large/small: ${(b.maxRssMB / a.maxRssMB).toFixed(3)}  (goal: within 10%)`);
  }
  if (values.json !== undefined) {
    await writeFileAtomic(
      values.json,
      `${JSON.stringify({ generationCasesPerSecond: gen, check, memory }, null, 2)}\n`,
    );
  }
}

await main();
