/** Wall and CPU time of one measured stretch (this process only). */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Runs `fn` and returns its result with the wall and CPU time it took. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; timing: Timing }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, timing: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

/** Items per second over a wall time in milliseconds. */
export function perSecond(items: number, ms: number): number {
  return ms > 0 ? (items * 1000) / ms : 0;
}

/**
 * Wall and CPU milliseconds of a timing, rounded, under `<prefix>WallMs` and `<prefix>CpuMs`, for
 * the `details` of a figure in bench.json.
 */
export function timingDetails(prefix: string, timing: Timing): Record<string, number> {
  return {
    [`${prefix}WallMs`]: Math.round(timing.wallMs),
    [`${prefix}CpuMs`]: Math.round(timing.cpuMs),
  };
}

/**
 * Measures a baseline and a figure `rounds` times each, alternating which goes first, and keeps each
 * side's best (highest rate): on a machine shared with other work, the least disturbed measurement
 * of each is the one to compare (one round each swung ratios between 0.5 and 1.7 here). Returns the
 * best of each side and every round, in order.
 */
export async function bestOfAlternatingRounds<B, F>(
  rounds: number,
  baseline: { measure: () => Promise<B>; rate: (b: B) => number },
  figure: { measure: () => Promise<F>; rate: (f: F) => number },
): Promise<{ baseline: B; figure: F; baselines: B[]; figures: F[] }> {
  const baselines: B[] = [];
  const figures: F[] = [];
  for (let r = 0; r < Math.max(1, rounds); r++) {
    if (r % 2 === 0) {
      baselines.push(await baseline.measure());
      figures.push(await figure.measure());
    } else {
      figures.push(await figure.measure());
      baselines.push(await baseline.measure());
    }
  }
  const best = <T>(all: T[], rate: (t: T) => number): T => all.reduce((a, b) => (rate(b) > rate(a) ? b : a));
  return {
    baseline: best(baselines, baseline.rate),
    figure: best(figures, figure.rate),
    baselines,
    figures,
  };
}

/**
 * The round whose figure-to-baseline ratio is the median of the rounds' ratios (the lower middle one
 * for an even count). Each round's two sides ran back to back, so their ratio cancels the host's
 * slow swings, which best-of-each-side does not: it compares the luckiest minute of one side with the
 * luckiest of the other, and the side with the wider spread wins. Returns that round's index and every
 * ratio, in round order.
 */
export function medianRatioRound<B, F>(
  rounds: { baselines: readonly B[]; figures: readonly F[] },
  baselineRate: (b: B) => number,
  figureRate: (f: F) => number,
): { index: number; ratios: number[] } {
  const ratios = rounds.figures.map((f, i) => {
    const base = baselineRate(rounds.baselines[i] as B);
    return base > 0 ? figureRate(f) / base : 0;
  });
  const order = ratios.map((_, i) => i).sort((a, b) => (ratios[a] as number) - (ratios[b] as number));
  return { index: order[(order.length - 1) >> 1] as number, ratios };
}
