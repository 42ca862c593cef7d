import { describe, expect, it } from 'vitest';
import { MEMORY_LARGE_RUN_RATE_SECONDS, memorySizes } from '../../bench/suite/memory-sizes.js';

describe('memorySizes', () => {
  it("measures issue 7's 100k and 1M when the rate fits 1M into the large run's seconds", () => {
    expect(memorySizes(1_000_001 / MEMORY_LARGE_RUN_RATE_SECONDS)).toEqual({
      small: 100_000,
      large: 1_000_000,
    });
    expect(memorySizes(22_000, 60)).toEqual({ small: 100_000, large: 1_000_000 });
  });

  it('shrinks the large run to what is left of the time budget, and says so', () => {
    // 22k cases/s would fit 1M in 55 s, but only 30 s are left: 660k cases, so 500k.
    const s = memorySizes(22_000, 30);
    expect(s).toMatchObject({ small: 100_000, large: 500_000 });
    expect(s.note).toContain('30 s of its 3 minutes left');
    expect(memorySizes(22_000, 15)).toMatchObject({ small: 100_000, large: 300_000 });
  });

  it('falls back to a tenfold pair within the seconds left, never to nothing', () => {
    // 5 s at 22k cases/s: 110k cases, in steps of 10k.
    expect(memorySizes(22_000, 5)).toMatchObject({ small: 11_000, large: 110_000 });
    const none = memorySizes(22_000, -20);
    expect(none.large).toBeGreaterThanOrEqual(10);
    expect(none.small).toBeGreaterThanOrEqual(1);
    expect(none.note).toContain('0 s of its 3 minutes left');
  });

  it('names the rate when the rate, not the budget, is what limits', () => {
    const s = memorySizes(15_000);
    expect(s).toMatchObject({ small: 100_000, large: 500_000 });
    expect(s.note).toContain('15,000 cases/s');
  });
});
