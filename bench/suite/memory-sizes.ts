/**
 * The large memory run gets at most this many seconds' worth of cases at the measured rate (it runs
 * alone, after the small one): under a minute here. At 60 s, a slow minute (the short run's second
 * half at 17.5k cases/s) still chose 1M cases, which took 55 s and the whole bench to 174.5 s of its
 * 3-minute budget; at 55 s such a minute measures 500k instead.
 */
export const MEMORY_LARGE_RUN_RATE_SECONDS = 55;

/** The two case counts of the memory benchmark, and why they are not issue 7's 100k and 1M. */
export interface MemorySizes {
  small: number;
  large: number;
  note?: string;
}

/**
 * Case counts of the memory benchmark: issue 7's 100k and 1M when the measured rate fits 1M into
 * {@link MEMORY_LARGE_RUN_RATE_SECONDS} and into `secondsLeft` (what remains of the bench's time
 * budget for the large run, after the small run and what comes after it); otherwise the largest of
 * 500k and 300k that fits, or a power-of-ten pair below that, with a note saying why.
 *
 * `secondsLeft` makes the 3-minute limit hold by design: the runs before the memory benchmark take
 * longer in a slow minute (up to 2x here), and the large run is the one stretch whose size is ours to
 * choose.
 *
 * @example
 * memorySizes(22_000);          // { small: 100_000, large: 1_000_000 }
 * memorySizes(22_000, 30);      // { small: 100_000, large: 500_000, note: '…' }
 */
export function memorySizes(doubleRate: number, secondsLeft = Number.POSITIVE_INFINITY): MemorySizes {
  const seconds = Math.max(0, Math.min(MEMORY_LARGE_RUN_RATE_SECONDS, secondsLeft));
  const affordable = Math.max(0, doubleRate) * seconds;
  const why =
    secondsLeft < MEMORY_LARGE_RUN_RATE_SECONDS
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
