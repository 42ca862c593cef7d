import { describe, expect, it, vi } from 'vitest';
import { runChecks } from '../../src/contract/check-catalog.js';
import { classifyResponse } from '../../src/contract/classify-response.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { Case } from '../../src/contract/types.js';
import { generateCase } from '../../src/runner/case-random.js';
import { caseStreams } from '../../src/runner/case-streams.js';
import { checkTarget, runRandomSlice } from '../../src/runner/check-target.js';
import { startRandomPhaseWorkers, workerEnv } from '../../src/runner/random-phase-workers.js';
import { type RandomPhasePlan, randomChunkCount, randomChunkIndices } from '../../src/runner/random-slice.js';
import type { RunEvent } from '../../src/runner/run-events.js';
import type { RunResult } from '../../src/runner/run-result.js';
import { RunTally } from '../../src/runner/run-tally.js';
import type { Exchange } from '../../src/targets/target.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';
import { jsonResponse } from './mock-targets.js';

const world = loadDefaultWorld();
const levels = ['documented', 'protocol', 'observed'] as const;

/** A result without what depends on the clock. */
function timeless(result: RunResult): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value) =>
      key === 'durationMs' || key === 'casesPerSecond' || key === 'startedAt' ? 0 : value,
    ),
  );
}

describe('random-phase chunks', () => {
  it('hold every case of the run (or of its shard) exactly once, in run order', () => {
    for (const shard of [undefined, { index: 2, count: 3 }, { index: 5, count: 5 }]) {
      const plan: RandomPhasePlan = { runs: 500, shard, chunkSize: 64 };
      const all: number[] = [];
      for (let chunk = 0; chunk < randomChunkCount(plan); chunk++) {
        const next = randomChunkIndices(plan, chunk);
        for (let i = next(); i !== undefined; i = next()) all.push(i);
      }
      const expected = Array.from({ length: 500 }, (_, i) => i).filter(
        (i) => shard === undefined || i % shard.count === shard.index - 1,
      );
      expect(all).toEqual(expected);
    }
    expect(randomChunkCount({ runs: 0, chunkSize: 10 })).toBe(0);
  });
});

describe('workerEnv', () => {
  it('passes the environment on without NODE_EXTRA_CA_CERTS, and leaves the original alone', () => {
    const env = {
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
      PATH: '/usr/bin',
      NODE_OPTIONS: '--trace-gc',
    };
    expect(workerEnv(env)).toEqual({ PATH: '/usr/bin', NODE_OPTIONS: '--trace-gc' });
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
    expect(workerEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin' });
  });
});

describe('RunTally.merge', () => {
  it('gives the counts and failure groups of one tally over all the cases, however they were split', () => {
    // A sloppy target that accepts everything: invalid cases fail, in many groups.
    const [random] = caseStreams(world, { nulls: true, wire: true });
    if (random === undefined) throw new Error('no random stream');
    const exchange = (): Exchange => {
      const response = jsonResponse(200, { DeploymentId: 'd-1' });
      return { kind: 'wire', response, classification: classifyResponse(response), durationMs: 0 };
    };
    const cases = Array.from({ length: 600 }, (_, index) => generateCase(random, 99, 0, index).value_);
    const record = (t: RunTally, c: Case, index: number): void => {
      const expectation = expectedOutcomes(c.request, world);
      const x = exchange();
      t.noteExchange(x);
      t.record(
        c,
        { stream: 0, index },
        expectation,
        runChecks({ request: c.request, expectation, exchange: x, world }),
        x,
      );
    };
    const whole = new RunTally(levels);
    for (const [i, c] of cases.entries()) record(whole, c, i);
    whole.sortGroups();
    for (const parts of [2, 3, 5]) {
      const tallies = Array.from({ length: parts }, () => new RunTally(levels));
      for (const [i, c] of cases.entries()) record(tallies[i % parts] as RunTally, c, i);
      const [first, ...rest] = tallies as [RunTally, ...RunTally[]];
      for (const t of rest.reverse()) first.merge(t.snapshot(), (o) => cases[o.index] as Case);
      expect(first.snapshot()).toEqual(whole.snapshot());
      expect([...first.groups.values()].map((g) => [g.key, g.origin.index, g.count, g.case])).toEqual(
        [...whole.groups.values()].map((g) => [g.key, g.origin.index, g.count, g.case]),
      );
      expect(first.groups.size).toBeGreaterThan(5);
    }
  });
});

describe('checkTarget sharing the random phase between worker processes', () => {
  it('reports exactly what one process reports, with a shard too', async () => {
    for (const shard of [undefined, { index: 1, count: 2 }]) {
      const run = (workers: number) =>
        checkTarget({
          target: 'double',
          runs: 1_500,
          seed: 31,
          reportDir: null,
          workers,
          ...(shard !== undefined && { shard }),
        });
      const one = await run(1);
      const three = await run(3);
      expect(three.notes.filter((n) => n.includes('worker'))).toEqual([]);
      expect(one.status).toBe('conformant');
      expect(timeless(three)).toEqual(timeless(one));
      expect(three.phases.random).toBe(shard === undefined ? 1_500 : 750);
      expect(three.readBack.sampled).toBeGreaterThan(32);
    }
  }, 60_000);

  it('shows progress over all workers and stops them all on an interrupt, keeping what they counted', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const result = await checkTarget({
      target: 'double',
      runs: 5_000_000,
      seed: 5,
      reportDir: null,
      workers: 2,
      signal: controller.signal,
      onEvent: (e: RunEvent) => {
        if (e.type !== 'progress') return;
        progress.push(e.done);
        if (e.done > 3_000) controller.abort();
      },
    });
    expect(result.status).toBe('interrupted');
    expect(result.cases).toBeGreaterThan(3_000);
    expect(result.cases).toBeLessThan(5_000_000);
    // Every case counted is in the categories and the rule lines (nothing half-merged).
    const byCategory = Object.values(result.categories).reduce((n, c) => n + c.cases, 0);
    expect(byCategory).toBe(result.cases);
    expect(progress.at(-1)).toBe(result.cases);
  }, 60_000);

  it('reports a worker that fails, with its reason and its chunks, instead of crashing or hanging', async () => {
    const stop = new AbortController();
    for (const bad of [
      // Cannot be sent to the worker at all (a function does not clone).
      { ...world, extra: () => 1 },
      // Reaches the worker, whose double cannot be built from it.
      { stacks: 'not a list' },
    ]) {
      let dealt = 0;
      const workers = startRandomPhaseWorkers(
        {
          world: bad as never,
          seed: 1,
          runs: 10,
          levels: [...levels],
          chunkSize: 10,
          maxDeployments: 16,
        },
        1,
        {
          stop: stop.signal,
          onEvent: () => undefined,
          graceMs: 100,
          nextChunk: () => (dealt === 0 ? dealt++ : undefined),
        },
      );
      // The second world reaches the worker, which asks for a chunk before it fails.
      if (!('extra' in bad)) await vi.waitFor(() => expect(dealt).toBe(1), { timeout: 20_000 });
      const [only] = await workers.finish();
      expect(only?.outcome).toBeUndefined();
      expect(only?.error).toBeTruthy();
      expect(only?.chunks).toEqual('extra' in bad ? [] : [0]);
    }
  }, 60_000);

  it('count in worker processes, over every chunk dealt to them, what one process counts', async () => {
    const data = {
      world,
      seed: 31,
      runs: 3_000,
      levels: [...levels],
      chunkSize: 100,
      maxDeployments: 256,
    };
    const chunks = randomChunkCount(data);
    const queue = Array.from({ length: chunks }, (_, c) => c);
    const local = await runRandomSlice(data, {
      signal: new AbortController().signal,
      onEvent: undefined,
      nextChunk: async () => queue.shift(),
    });
    let next = 0;
    const workers = startRandomPhaseWorkers(data, 2, {
      stop: new AbortController().signal,
      onEvent: () => undefined,
      graceMs: 1_000,
      nextChunk: () => (next < chunks ? next++ : undefined),
    });
    await vi.waitFor(() => expect(next).toBe(chunks), { timeout: 40_000, interval: 20 });
    const outcomes = await workers.finish();
    expect(outcomes.flatMap((o) => o.chunks).sort((a, b) => a - b)).toEqual(
      Array.from({ length: chunks }, (_, c) => c),
    );
    const [random] = caseStreams(world, { nulls: true, wire: true });
    if (random === undefined) throw new Error('no random stream');
    const merged = new RunTally(levels);
    let cases = 0;
    for (const o of outcomes) {
      if (o.chunks.length === 0) continue;
      expect(o.error).toBeUndefined();
      if (o.outcome === undefined) throw new Error('a worker with chunks handed back nothing');
      cases += o.outcome.random;
      merged.merge(o.outcome.tally, (origin) => generateCase(random, 31, origin.stream, origin.index).value_);
    }
    expect(cases).toBe(3_000);
    expect(local.random).toBe(3_000);
    expect(merged.snapshot()).toEqual(local.tally);
  }, 60_000);
});
