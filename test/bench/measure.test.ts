import { describe, expect, it } from 'vitest';
import { halfRates, medianOfAlternatingRounds } from '../../bench/suite/measure.js';

/** A side that logs when it runs and returns the rate it is told to. */
function side(name: string, log: string[], rates: number[]) {
  let i = 0;
  return {
    measure: async () => {
      log.push(name);
      return rates[i++] ?? 0;
    },
    rate: (x: number) => x,
  };
}

describe('medianOfAlternatingRounds', () => {
  it('alternates which side goes first and counts the round with the median ratio', async () => {
    const log: string[] = [];
    const m = await medianOfAlternatingRounds(
      3,
      side('base', log, [100, 100, 100]),
      side('fig', log, [50, 90, 120]),
    );
    expect(log).toEqual(['base', 'fig', 'fig', 'base', 'base', 'fig']);
    expect(m.ratios).toEqual([0.5, 0.9, 1.2]);
    expect(m.index).toBe(1);
    expect(m.second).toBeUndefined();
  });

  it('measures a second baseline in the first rounds, beside the same figure runs', async () => {
    const log: string[] = [];
    const second = side('second', log, [200, 100]);
    const m = await medianOfAlternatingRounds(
      3,
      side('base', log, [100, 100, 100]),
      side('fig', log, [50, 90, 120]),
      { measure: second.measure, rounds: 2 },
    );
    // The figure sits between its two baselines; the third round has the first baseline only.
    expect(log).toEqual(['base', 'fig', 'second', 'second', 'fig', 'base', 'base', 'fig']);
    expect(m.ratios).toEqual([0.5, 0.9, 1.2]);
    expect(m.second?.ratios).toEqual([0.25, 0.9]);
    // Lower middle of an even count.
    expect(m.second?.index).toBe(0);
  });

  it('runs warm-up rounds first and leaves them out of the rounds and the median', async () => {
    const log: string[] = [];
    const second = side('second', log, [200]);
    const m = await medianOfAlternatingRounds(
      1,
      side('base', log, [100, 100]),
      side('fig', log, [300, 90]),
      { measure: second.measure, rounds: 1 },
      { warmUp: 1 },
    );
    // The warm-up measures the two sides once; the second baseline only in counted rounds.
    expect(log).toEqual(['base', 'fig', 'base', 'fig', 'second']);
    expect(m.ratios).toEqual([0.9]);
    expect(m.second?.ratios).toEqual([0.45]);
    expect(m.note).toContain('not counted: 3.00');
    expect(m.details.warmUpRatios).toBe('3.000');
  });
});

describe('halfRates', () => {
  it('splits a run at the progress event nearest its middle', () => {
    expect(
      halfRates([
        { ms: 250, done: 500 },
        { ms: 500, done: 2_000 },
        { ms: 750, done: 4_000 },
        { ms: 1_000, done: 6_000 },
      ]),
    ).toEqual({ first: 4_000, second: 8_000 });
  });

  it('has nothing to say of a run too short to split', () => {
    expect(halfRates([])).toBeUndefined();
    expect(halfRates([{ ms: 40, done: 100 }])).toBeUndefined();
  });
});
