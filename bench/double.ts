/**
 * Requests per second through the reference double's pure core, and through msw `getResponse` with
 * the double's handlers (the baseline), in the same run over the same pre-built requests: a mix of
 * valid deployments and the common invalid kinds.
 *
 *   npx tsx bench/double.ts [--seconds S]
 */
import { getResponse } from 'msw';
import { createDoubleState } from '../src/double/core/double-state.js';
import { type DoubleRequest, handleDoubleRequest } from '../src/double/core/handle-double-request.js';
import { createDoubleHandlers } from '../src/double/create-double-handlers.js';
import { loadDefaultWorld } from '../src/world/load-world.js';

const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 2;

const world = loadDefaultWorld();
const stack = world.stacks[0];
if (stack === undefined) throw new Error('the default world has no stack');
const app = stack.AppIds[0] as string;
const CREATE = 'OpsWorks_20130218.CreateDeployment';
const encoder = new TextEncoder();

function request(body: unknown, headers: Record<string, string> = {}): DoubleRequest {
  return {
    method: 'POST',
    url: 'https://opsworks.us-east-1.amazonaws.com/',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': CREATE, ...headers },
    body: encoder.encode(typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

// Half valid, half invalid, roughly as `check` mixes them.
const REQUESTS: DoubleRequest[] = [
  request({ StackId: stack.StackId, Command: { Name: 'setup' } }),
  request({ StackId: stack.StackId, AppId: app, Command: { Name: 'deploy', Args: { migrate: ['true'] } } }),
  request({
    StackId: stack.StackId,
    InstanceIds: stack.InstanceIds.slice(0, 2),
    Command: { Name: 'execute_recipes', Args: { recipes: ['phpapp::appsetup'] } },
    Comment: 'bench',
    CustomJson: JSON.stringify({ key1: 'value1', nested: { list: [1, 2, 3], flag: true } }),
  }),
  request({ StackId: stack.StackId, LayerIds: stack.LayerIds, Command: { Name: 'update_custom_cookbooks' } }),
  request({ StackId: stack.StackId, Command: { Name: 'deploy' } }), // app command without AppId
  request({ StackId: 'fake_stack', Command: { Name: 'setup' } }), // unknown stack
  request({ Command: { Name: 'setup' } }), // missing StackId
  request({ StackId: stack.StackId, Command: { Name: 'Deploy' } }), // enum
  request('{"StackId": '), // not JSON
  request(
    { StackId: stack.StackId, Command: { Name: 'setup' } },
    { 'x-amz-target': 'OpsWorks_20130218.Nope' },
  ),
];

/**
 * Prints the wall-clock rate and the rate per CPU-second. The machine is shared, so the wall rate
 * moves with other people's load; the CPU rate is the steadier figure. Returns the CPU rate.
 */
function report(label: string, count: number, checksum: number, start: number, cpu: NodeJS.CpuUsage): number {
  const wall = count / ((performance.now() - start) / 1000);
  const used = process.cpuUsage(cpu);
  const perCpu = count / ((used.user + used.system) / 1e6);
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(10);
  console.log(
    `${label.padEnd(34)} ${fmt(wall)} req/s wall  ${fmt(perCpu)} req/CPU-s  (${count} requests, checksum ${checksum})`,
  );
  return perCpu;
}

function measure(label: string, run: (n: number) => number): number {
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  let checksum = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() < deadline) {
    checksum += run(count);
    count += 1;
  }
  const rate = report(label, count, checksum, start, cpu);
  return rate;
}

async function measureAsync(label: string, run: (n: number) => Promise<number>): Promise<number> {
  const deadline = performance.now() + SECONDS * 1000;
  let count = 0;
  let checksum = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() < deadline) {
    checksum += await run(count);
    count += 1;
  }
  const rate = report(label, count, checksum, start, cpu);
  return rate;
}

const coreState = createDoubleState(world);
const handlers = createDoubleHandlers({ state: createDoubleState(world) });
const n = REQUESTS.length;

// Warm both paths so the JIT has compiled them before the clock runs.
for (let i = 0; i < 20_000; i++) handleDoubleRequest(coreState, REQUESTS[i % n] as DoubleRequest);
for (let i = 0; i < 500; i++) await viaMsw(REQUESTS[i % n] as DoubleRequest);

async function viaMsw(r: DoubleRequest): Promise<number> {
  // A Request body can be read once, so each send builds its Request; that is part of msw's cost.
  const res = await getResponse(
    handlers,
    new Request(r.url, { method: r.method, headers: r.headers, body: r.body as Uint8Array<ArrayBuffer> }),
  );
  if (res === undefined) throw new Error('msw did not answer');
  await res.text();
  return res.status;
}

console.log(
  `reference double, ${n} pre-built requests (4 valid, 6 invalid), ${SECONDS}s each, node ${process.version}`,
);
const core = measure(
  'pure core (handleDoubleRequest)',
  (i) => handleDoubleRequest(coreState, REQUESTS[i % n] as DoubleRequest).status,
);
const msw = await measureAsync('msw getResponse (baseline)', (i) => viaMsw(REQUESTS[i % n] as DoubleRequest));
console.log(`ratio core / msw (per CPU-second): ${(core / msw).toFixed(1)}x`);
