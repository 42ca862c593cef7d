import { describe, expect, it } from 'vitest';
import {
  LONG_RUN_RATE_FACTOR,
  MEMORY_LARGE_RUN_RATE_SECONDS,
  memorySizes,
} from '../../bench/suite/memory-sizes.js';

describe('memorySizes', () => {
  it("measures issue 7's 100k and 1M when the rate fits 1M into the large run's seconds", () => {
    expect(memorySizes(1_000_001 / MEMORY_LARGE_RUN_RATE_SECONDS)).toEqual({
      small: 100_000,
      large: 1_000_000,
    });
    // 22k cases/s, slowed to 83% for a long run, over 60 s left: 1.1M cases.
    expect(memorySizes(22_000, 60)).toEqual({ small: 100_000, large: 1_000_000 });
  });

  it('times the large run at the long run’s slower rate against the seconds left', () => {
    // 1M cases at 22k cases/s take 45.5 s, but at the long run's rate 54.8 s: 50 s is not enough.
    expect(1_000_000 / 22_000).toBeLessThan(50);
    expect(1_000_000 / (22_000 * LONG_RUN_RATE_FACTOR)).toBeGreaterThan(50);
    expect(memorySizes(22_000, 50).large).toBe(500_000);
  });

  it('shrinks the large run to what is left of the time budget, and says so', () => {
    const s = memorySizes(22_000, 30);
    expect(s).toMatchObject({ small: 100_000, large: 500_000 });
    expect(s.note).toContain('30 s of its 3 minutes left');
    expect(memorySizes(22_000, 20)).toMatchObject({ small: 100_000, large: 300_000 });
  });

  it('falls back to a tenfold pair within the seconds left, never to nothing', () => {
    // 5 s at 22k x 0.83 cases/s: 91k cases, in steps of 10k.
    expect(memorySizes(22_000, 5)).toMatchObject({ small: 9_000, large: 90_000 });
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
