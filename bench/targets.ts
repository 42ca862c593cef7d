/**
 * Cases per second through each target kind, over the same pre-generated cases (valid and invalid
 * mixed, seeded), next to a baseline measured in the same run: the double's pure core called bare
 * (for the double target), and the other network targets against the same served double.
 *
 *   npx tsx bench/targets.ts [--seconds S] [--concurrency N] [--max-body BYTES]
 *
 * `--max-body` keeps only cases whose body is at most that many bytes (the default mix includes
 * CustomJson near 120 KB, which dominates the time of every target).
 */
import { parseArgs } from 'node:util';
import * as fc from 'fast-check';
import { Pool } from 'undici';
import type { CaseRequest } from '../src/contract/types.js';
import { createDoubleState } from '../src/double/core/double-state.js';
import { handleDoubleRequest } from '../src/double/core/handle-double-request.js';
import { createDoubleHandlers } from '../src/double/create-double-handlers.js';
import { serveDouble } from '../src/double/serve-double.js';
import { createDeploymentArbitraries } from '../src/generators/create-deployment-arbitraries.js';
import { createDoubleTarget } from '../src/targets/create-double-target.js';
import { createMswTarget } from '../src/targets/create-msw-target.js';
import { resolveTarget } from '../src/targets/resolve-target.js';
import type { Target } from '../src/targets/target.js';
import { toWireRequest } from '../src/targets/to-wire-request.js';
import { loadDefaultWorld } from '../src/world/load-world.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string' }, concurrency: { type: 'string' }, 'max-body': { type: 'string' } },
});
const SECONDS = Number(values.seconds ?? 2);
const CONCURRENCY = Number(values.concurrency ?? 16);
const world = loadDefaultWorld();
const { all } = createDeploymentArbitraries(world, { bigValues: false, nulls: false });
const MAX_BODY = values['max-body'] === undefined ? Number.POSITIVE_INFINITY : Number(values['max-body']);
const cases: CaseRequest[] = fc
  .sample(all, { seed: 42, numRuns: 2000 })
  .map((c) => c.request)
  .filter((r) => {
    const body = toWireRequest(r).body;
    return (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) <= MAX_BODY;
  });

/** Figures per wall second and per CPU second (the machine may be shared; CPU time is steadier). */
function figures(done: number, wallStart: number, cpuStart: NodeJS.CpuUsage): string {
  const wall = done / ((performance.now() - wallStart) / 1000);
  const cpu = process.cpuUsage(cpuStart);
  const perCpu = done / ((cpu.user + cpu.system) / 1e6);
  return `${wall.toFixed(0).padStart(8)} cases/s wall ${perCpu.toFixed(0).padStart(8)} cases/CPU-s`;
}

async function rate(name: string, target: Target, concurrency: number): Promise<number> {
  const requests = cases.filter((r) => target.cannotExpress(r) === undefined);
  let done = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  async function worker(offset: number): Promise<void> {
    let i = offset;
    while (performance.now() < deadline) {
      await target.send(requests[i++ % requests.length] as CaseRequest);
      done++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, k) => worker(k * 97)));
  const perSecond = done / ((performance.now() - start) / 1000);
  const shown = figures(done, start, cpuStart);
  console.log(`${name.padEnd(34)} ${shown}  (${requests.length}/${cases.length} expressible)`);
  return perSecond;
}

// Baseline for the double target: the pure core with the same serialisation, no target around it.
{
  const state = createDoubleState(world);
  let done = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const deadline = start + SECONDS * 1000;
  let i = 0;
  while (performance.now() < deadline) {
    const w = toWireRequest(cases[i++ % cases.length] as CaseRequest);
    handleDoubleRequest(state, { method: w.method, url: w.path, headers: w.headers, body: w.body });
    done++;
  }
  console.log(`${'baseline: pure core, bare'.padEnd(34)} ${figures(done, start, cpuStart)}`);
}
await rate('double target (core + classify)', createDoubleTarget({ world }), 1);
await rate(
  'msw target (double handlers)',
  createMswTarget({ handlers: createDoubleHandlers({ world }), timeoutMs: 10_000 }),
  CONCURRENCY,
);

const served = await serveDouble({ world });
try {
  const options = { world, timeoutMs: 10_000, concurrency: CONCURRENCY, cwd: process.cwd() };
  // Baseline for the network targets: a bare undici Pool over the same sockets and bodies, no target.
  {
    const pool = new Pool(served.url, { connections: CONCURRENCY });
    const wires = cases.map(toWireRequest);
    let done = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const deadline = start + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, k) => {
        let i = k * 97;
        while (performance.now() < deadline) {
          const w = wires[i++ % wires.length];
          if (w === undefined) break;
          const r = await pool.request({ method: w.method, path: w.path, headers: w.headers, body: w.body });
          await r.body.arrayBuffer();
          done++;
        }
      }),
    );
    await pool.close();
    const label = `baseline: bare undici Pool, c=${CONCURRENCY}`;
    console.log(`${label.padEnd(34)} ${figures(done, start, cpuStart)}`);
  }
  const http = await resolveTarget(served.url, options);
  await rate(`http target (served double, c=${CONCURRENCY})`, http, CONCURRENCY);
  await http.close();
  const sdk = await resolveTarget(`sdk:${served.url}`, options);
  await rate(`sdk target (served double, c=${CONCURRENCY})`, sdk, CONCURRENCY);
  await sdk.close();
} finally {
  await served.close();
}
