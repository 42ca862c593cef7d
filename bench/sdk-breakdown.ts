/**
 * Where the SDK figure's client CPU goes: the same 1,250 random-phase cases against one served
 * double, at concurrency 16, measured four ways in alternating rounds (this process's CPU per case
 * and cases per second, medians over the rounds):
 *
 *   bare      `OpsWorksClient.send` with the sdk target's caching (`cacheMiddleware`), pre-built inputs
 *   target    the `sdk:` target's `send` of pre-built cases (its deadline, abort and classification)
 *   +judge    the target, each case generated in the loop and judged (oracle and checks) after it
 *   pipeline  `checkTarget` itself (the runner: retries, counting, reports)
 *
 *   npx tsx bench/sdk-breakdown.ts [--rounds 6] [--cases 1250]
 *
 * It prints its figures only (no goal); `npm run bench` has the SDK figure and its baselines. CPU is
 * `process.cpuUsage`, so GC helper threads count; the served double runs in its own process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CreateDeploymentCommand } from '@aws-sdk/client-opsworks';
import { runChecks } from '../src/contract/check-catalog.js';
import { expectedOutcomes } from '../src/contract/expected-outcomes.js';
import { generateCase } from '../src/runner/case-random.js';
import { createSdkTarget, PLACEHOLDER_CREDENTIALS } from '../src/targets/create-sdk-target.js';
import { loadDefaultWorld } from '../src/world/load-world.js';
import { BENCH_SEED, randomPhaseArbitrary, randomPhaseCases } from './suite/bench-cases.js';
import { bareSdk } from './suite/bench-sdk.js';
import { loadCheckTarget } from './suite/cli-command.js';
import { spawnServedDouble } from './suite/served-double.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '6' }, cases: { type: 'string', default: '1250' } },
});
const ROUNDS = Number(values.rounds);
const N = Number(values.cases);
const CONCURRENCY = 16;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || !Number.isInteger(N) || N < 1) {
  console.error('--rounds and --cases take positive integers, e.g. --rounds 6 --cases 1250');
  process.exit(2);
}

const world = loadDefaultWorld();
const caps = { nulls: false, wire: false };
const arbitrary = randomPhaseArbitrary(world, caps);
const sdkTarget = (url: string) =>
  createSdkTarget({
    name: `sdk:${url}`,
    endpoint: url,
    region: 'us-east-1',
    timeoutMs: 10_000,
    concurrency: CONCURRENCY,
    credentials: PLACEHOLDER_CREDENTIALS,
  });
const probe = sdkTarget('http://127.0.0.1:1');
const cases = randomPhaseCases(arbitrary, N).filter((c) => probe.cannotExpress(c.request) === undefined);
await probe.close();
type Input = ConstructorParameters<typeof CreateDeploymentCommand>[0];
const inputs = cases.map((c) => c.request.body as Input);
const { module } = await loadCheckTarget();
const reportDir = await mkdtemp(join(tmpdir(), 'sdk-breakdown-'));

/** Runs `each` over 0..count-1 in CONCURRENCY loops. */
async function pool(count: number, each: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) await each(i);
    }),
  );
}

const ways: Record<string, (url: string) => Promise<void>> = {
  async bare(url) {
    await bareSdk(url, inputs, CONCURRENCY, true);
  },
  async target(url) {
    const target = sdkTarget(url);
    await pool(cases.length, async (i) => {
      await target.send((cases[i] as (typeof cases)[number]).request);
    });
    await target.close();
  },
  async '+judge'(url) {
    const target = sdkTarget(url);
    await pool(N, async (i) => {
      const c = generateCase(arbitrary, BENCH_SEED, 0, i).value_;
      if (target.cannotExpress(c.request) !== undefined) return;
      const exchange = await target.send(c.request);
      const expectation = expectedOutcomes(c.request, world);
      runChecks({ request: c.request, expectation, exchange, world });
    });
    await target.close();
  },
  async pipeline(url) {
    await module.checkTarget({
      target: `sdk:${url}`,
      world,
      runs: N,
      seed: BENCH_SEED,
      concurrency: CONCURRENCY,
      coveragePerCategory: 0,
      reportDir,
      onEvent: () => undefined,
    });
  },
};

const served = await spawnServedDouble();
const samples = new Map<string, Array<{ cpuUs: number; rate: number }>>();
try {
  for (const run of Object.values(ways)) await run(served.url); // warm-up, not counted
  const names = Object.keys(ways);
  for (let r = 0; r < ROUNDS; r++) {
    // Each round in a rotated order, so no way always follows the same one.
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length] as string;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      await (ways[name] as (url: string) => Promise<void>)(served.url);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const list = samples.get(name) ?? [];
      list.push({ cpuUs: (cpu.user + cpu.system) / cases.length, rate: (cases.length * 1000) / wallMs });
      samples.set(name, list);
    }
    process.stderr.write(`round ${r + 1} of ${ROUNDS}\n`);
  }
} finally {
  await served.close();
  await rm(reportDir, { recursive: true, force: true });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1] as number;
};
const bareCpu = median((samples.get('bare') ?? []).map((s) => s.cpuUs));
console.log(
  `${cases.length} cases sent of ${N}, concurrency ${CONCURRENCY}, ${ROUNDS} rounds (medians; all rounds in brackets)`,
);
for (const [name, list] of samples) {
  const cpu = median(list.map((s) => s.cpuUs));
  console.log(
    `${name.padEnd(9)} ${cpu.toFixed(0).padStart(5)} µs CPU/case (${(cpu / bareCpu).toFixed(2)}x bare) ${median(
      list.map((s) => s.rate),
    )
      .toFixed(0)
      .padStart(5)} cases/s  [${list.map((s) => s.cpuUs.toFixed(0)).join(' ')}]`,
  );
}
