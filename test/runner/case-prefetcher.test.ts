import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { Level, World } from '../../src/contract/types.js';
import { createCasePrefetcher, prefetchQueue } from '../../src/runner/case-prefetcher.js';
import { generateCase } from '../../src/runner/case-random.js';
import { caseStreams } from '../../src/runner/case-streams.js';
import { checkTarget } from '../../src/runner/check-target.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();
const levels: Level[] = ['documented', 'protocol', 'observed'];

/** A run's result without what depends on the clock. */
function timeless(result: unknown): string {
  return JSON.stringify(result, (key, value) =>
    key === 'durationMs' || key === 'casesPerSecond' || key === 'startedAt' || key === 'elapsedMs'
      ? 0
      : value,
  );
}

describe('case prefetcher (worker thread)', () => {
  const saved = process.env.OPSWORKS_CONTRACT_WORKER;
  afterEach(() => {
    if (saved === undefined) delete process.env.OPSWORKS_CONTRACT_WORKER;
    else process.env.OPSWORKS_CONTRACT_WORKER = saved;
  });

  it('prepares exactly the cases and expectations the main thread would, for every stream', async () => {
    for (const capabilities of [
      { nulls: true, wire: true },
      { nulls: false, wire: false },
    ]) {
      const streams = caseStreams(world, capabilities);
      const prefetcher = createCasePrefetcher({ world, capabilities, seed: 4242, levels });
      try {
        const origins: number[] = [];
        for (let i = 0; i < 400; i++) origins.push(i % streams.length, i);
        const prepared = await prefetcher.prepare(origins);
        expect(prepared).toHaveLength(400);
        let compared = 0;
        for (let i = 0; i < 400; i++) {
          const p = prepared[i];
          if (p === null || p === undefined) continue;
          const stream = i % streams.length;
          const mine = generateCase(streams[stream] as (typeof streams)[number], 4242, stream, i).value_;
          expect(isDeepStrictEqual(p.case, mine), `stream ${stream} index ${i}`).toBe(true);
          expect(p.expectation).toEqual(expectedOutcomes(mine.request, world, { levels }));
          compared++;
        }
        // The worker really ran (nothing skipped: no origin was passed).
        expect(compared).toBe(400);
      } finally {
        await prefetcher.close();
      }
    }
  });

  it('hands out jobs in order, each once, whether or not the worker has them ready', async () => {
    const prefetcher = createCasePrefetcher({
      world,
      capabilities: { nulls: true, wire: true },
      seed: 1,
      levels,
    });
    try {
      const jobs = Array.from({ length: 1000 }, (_, index) => ({ stream: 0, index }));
      let k = 0;
      const claim = prefetchQueue(() => jobs[k++], prefetcher, { batch: 64, ahead: 4 });
      const [random] = caseStreams(world, { nulls: true, wire: true });
      if (random === undefined) throw new Error('no random stream');
      const seen: number[] = [];
      for (let c = claim(); c !== undefined; c = claim()) {
        seen.push(c.job.index);
        if (c.prepared !== null) {
          expect(c.prepared.case).toEqual(generateCase(random, 1, 0, c.job.index).value_);
        }
        if (seen.length % 50 === 0) await new Promise<void>((r) => setImmediate(r));
      }
      expect(seen).toEqual(jobs.map((j) => j.index));
    } finally {
      await prefetcher.close();
    }
  });

  it('a world that cannot cross to the worker falls back to the main thread, same answers', async () => {
    const odd = { ...world, extra: () => 1 } as unknown as World;
    const prefetcher = createCasePrefetcher({
      world: odd,
      capabilities: { nulls: true, wire: true },
      seed: 3,
      levels,
    });
    try {
      expect(await prefetcher.prepare([0, 0, 0, 1])).toEqual([null, null]);
    } finally {
      await prefetcher.close();
    }
  });

  it('checkTarget gives the same result and report with the worker on and off', async () => {
    const run = async (mode: string) => {
      process.env.OPSWORKS_CONTRACT_WORKER = mode;
      return timeless(await checkTarget({ target: 'double', runs: 3000, seed: 77, reportDir: null }));
    };
    const off = await run('off');
    const on = await run('on');
    expect(on).toBe(off);
  });
});
