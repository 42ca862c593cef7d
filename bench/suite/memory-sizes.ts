/**
 * The large memory run gets at most this many seconds' worth of cases at the measured rate (it runs
 * alone, after the small one): under a minute here. At 60 s, a slow minute (the short run's second
 * half at 17.5k cases/s) still chose 1M cases, which took 55 s and the whole bench to 174.5 s of its
 * 3-minute budget; at 55 s such a minute measures 500k instead.
 */
export const MEMORY_LARGE_RUN_RATE_SECONDS = 55;

/**
 * The long CLI run's rate over the short run's second-half rate (the rate {@link memorySizes} is
 * given), at its lowest in six full runs of 2026-11-27 (0.83-1.02): the large run is timed with this
 * against the seconds left, so that a long run slower than the short one predicts still ends in time.
 */
export const LONG_RUN_RATE_FACTOR = 0.83;

/** The two case counts of the memory benchmark, and why they are not issue 7's 100k and 1M. */
export interface MemorySizes {
  small: number;
  large: number;
  note?: string;
}

/**
 * Case counts of the memory benchmark: issue 7's 100k and 1M when the measured rate fits 1M into
 * {@link MEMORY_LARGE_RUN_RATE_SECONDS} and, at {@link LONG_RUN_RATE_FACTOR} of that rate, into
 * `secondsLeft` (what remains of the bench's time budget for the large run, after the small run and
 * what comes after it); otherwise the largest of 500k and 300k that fits, or a tenfold pair below
 * that, with a note saying why.
 *
 * `secondsLeft` makes the 3-minute limit hold by design: the runs before the memory benchmark take
 * longer in a slow minute (up to 2x here), and the large run is the one stretch whose size is ours to
 * choose.
 *
 * @example
 * memorySizes(22_000);          // { small: 100_000, large: 1_000_000 }
 * memorySizes(22_000, 40);      // { small: 100_000, large: 500_000, note: '…' } (22k x 0.83 x 40 s = 730k)
 */
export function memorySizes(doubleRate: number, secondsLeft = Number.POSITIVE_INFINITY): MemorySizes {
  const rate = Math.max(0, doubleRate);
  const byRate = rate * MEMORY_LARGE_RUN_RATE_SECONDS;
  const byBudget = rate * LONG_RUN_RATE_FACTOR * Math.max(0, secondsLeft);
  const affordable = Math.min(byRate, byBudget);
  const why =
    byBudget < byRate
      ? `the bench has ${Math.max(0, Math.floor(secondsLeft))} s of its 3 minutes left for the large run`
      : `1M cases do not fit the time budget at ${Math.round(doubleRate).toLocaleString('en-US')} cases/s`;
  if (affordable >= 1_000_000) return { small: 100_000, large: 1_000_000 };
  if (affordable >= 300_000) {
    const large = affordable >= 500_000 ? 500_000 : 300_000;
    return { small: 100_000, large, note: `${why}; measured 100k vs ${large / 1000}k` };
  }
  const step = 10 ** Math.floor(Math.log10(Math.max(affordable / 4, 10)));
  const large = Math.max(step, Math.floor(affordable / step) * step);
  const small = Math.max(1, Math.floor(large / 10));
  return {
    small,
    large,
    note: `${why}; measured ${small.toLocaleString('en-US')} vs ${large.toLocaleString('en-US')} instead of 100k vs 1M`,
  };
}
