import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import type { World } from '../../src/contract/types.js';
import { resolveTarget } from '../../src/targets/resolve-target.js';
import { toWireRequest } from '../../src/targets/to-wire-request.js';
import { BENCH_SEED, randomPhaseArbitrary, randomPhaseCases } from './bench-cases.js';
import { loadCheckTarget } from './cli-command.js';
import type { BenchFigure } from './figure.js';
import { medianOfAlternatingRounds, perSecond, timed, timingDetails } from './measure.js';
import type { WithServer } from './served-double.js';

/** The goal of issue 7 at concurrency 32: the pipeline at 0.7× bare loopback or better. */
const GOAL_RATIO = 0.7;
/**
 * Measurement rounds per concurrency; the round with the median ratio counts (see
 * `medianOfAlternatingRounds`), as for the SDK figure. Until 4bb6f17 each side's best of two counted, which
 * compares the luckiest minute of one side with the luckiest of the other. The goal's concurrency
 * gets five, as the SDK figure does: one full run's three rounds at c=32 read 0.59, 0.73 and 1.19.
 */
const DEFAULT_ROUNDS = 3;
const GOAL_ROUNDS = 5;

/** Posts pre-built bodies through a bare undici Pool at `concurrency`, nothing else: the ceiling. */
async function barePool(
  url: string,
  wires: ReadonlyArray<ReturnType<typeof toWireRequest>>,
  concurrency: number,
): Promise<{ sent: number; errors: number }> {
  const pool = new Pool(url, { connections: concurrency, pipelining: 1, keepAliveTimeout: 10_000 });
  pool.on('connectionError', () => {});
  let next = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const w = wires[next++];
        if (w === undefined) return;
        try {
          const r = await pool.request({ method: w.method, path: w.path, headers: w.headers, body: w.body });
          await r.body.arrayBuffer();
        } catch {
          errors++;
        }
      }
    }),
  );
  await pool.destroy();
  return { sent: wires.length, errors };
}

/**
 * Benchmark 1: the full `check` pipeline against the double served in another process, next to a bare
 * undici Pool posting the same request bodies at the same concurrency.
 */
export async function benchHttp(
  world: World,
  options: {
    /** Cases per run at each concurrency: a number, or one per concurrency (the largest is generated). */
    cases: number | ((concurrency: number) => number);
    concurrencies: readonly number[];
    withServer: WithServer;
    rounds?: number;
  },
): Promise<BenchFigure[]> {
  const casesAt = (concurrency: number): number =>
    typeof options.cases === 'number' ? options.cases : options.cases(concurrency);
  const maxCases = Math.max(...options.concurrencies.map(casesAt));
  const probe = await resolveTarget('http://127.0.0.1:1', {
    world,
    timeoutMs: 10_000,
    concurrency: 1,
    cwd: process.cwd(),
  });
  const caps = probe.capabilities;
  const cases = randomPhaseCases(randomPhaseArbitrary(world, caps), maxCases);
  // The http target recomputes content-length; so does the baseline. `undefined` for a case the
  // target would skip, so that the first n cases' wires are the first n entries' defined ones.
  const wireOf = cases.map((c) => {
    if (probe.cannotExpress(c.request) !== undefined) return undefined;
    const w = toWireRequest(c.request);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(w.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = v;
    return { ...w, headers };
  });
  await probe.close();
  /** The bodies of the first `n` cases the pipeline runs (`--runs n`, the same seed), as the baseline posts them. */
  const wiresOfFirst = (n: number) =>
    wireOf.slice(0, n).filter((w): w is NonNullable<typeof w> => w !== undefined);
  const wires = wiresOfFirst(maxCases);
  const reportDir = await mkdtemp(join(tmpdir(), 'bench-http-'));
  const { module, via } = await loadCheckTarget();
  const { checkTarget } = module;
  const figures: BenchFigure[] = [];
  try {
    const run = (url: string, concurrency: number, runs: number) =>
      checkTarget({
        target: url,
        world,
        runs,
        seed: BENCH_SEED,
        concurrency,
        coveragePerCategory: 0,
        reportDir,
        onEvent: () => undefined,
      });
    // Warm-up: module loading and JIT for both paths, so neither pays it inside its figure.
    await options.withServer(async (url) => {
      await barePool(url, wires.slice(0, 200), 8);
      await run(url, 8, Math.min(200, maxCases));
    });
    for (const concurrency of options.concurrencies) {
      const rounds = Math.max(1, options.rounds ?? (concurrency === 32 ? GOAL_ROUNDS : DEFAULT_ROUNDS));
      // A fresh server for each: the double's answers (DescribeDeployments lists what it holds)
      // grow with what it was sent before, so both sides must start from the same state.
      const n = casesAt(concurrency);
      const bodies = wiresOfFirst(n);
      const measureBase = () => options.withServer((url) => timed(() => barePool(url, bodies, concurrency)));
      const measureCheck = () => options.withServer((url) => timed(() => run(url, concurrency, n)));
      const checkRate = (c: Awaited<ReturnType<typeof measureCheck>>) =>
        perSecond(c.value.cases - c.value.skipped, c.timing.wallMs);
      const baseRate = (b: Awaited<ReturnType<typeof measureBase>>) =>
        perSecond(b.value.sent, b.timing.wallMs);
      const measured = await medianOfAlternatingRounds(
        rounds,
        { measure: measureBase, rate: baseRate },
        { measure: measureCheck, rate: checkRate },
      );
      const { baseline: base, figure: check, baselines: bases, figures: checks } = measured;
      const result = check.value;
      const sent = result.cases - result.skipped;
      const value = checkRate(check);
      const baseline = baseRate(base);
      const ratio = baseline > 0 ? value / baseline : 0;
      const notes: string[] = [`pipeline from ${via}`];
      if (rounds > 1) notes.push(measured.note);
      for (const c of checks) {
        if (c.value.status !== 'conformant') notes.push(`run status ${c.value.status} (expected conformant)`);
      }
      const errors = bases.reduce((n, b) => n + b.value.errors, 0);
      if (errors > 0) notes.push(`${errors} baseline requests failed`);
      figures.push({
        id: `http-c${concurrency}`,
        name: `HTTP target, served double, concurrency ${concurrency}`,
        value,
        unit: 'cases/s',
        baseline: { name: 'bare undici Pool, same bodies', value: baseline, unit: 'req/s' },
        ratio,
        goal:
          concurrency === 32
            ? { text: `>= ${GOAL_RATIO}x baseline`, met: ratio >= GOAL_RATIO }
            : { text: 'none (c=32 is the goal)', met: true },
        notes,
        details: {
          cases: result.cases,
          sent,
          skipped: result.skipped,
          ...timingDetails('check', check.timing),
          ...timingDetails('baseline', base.timing),
          ...measured.details,
        },
      });
    }
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
  return figures;
}
