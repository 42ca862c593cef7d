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

/** What {@link medianOfAlternatingRounds} measured: every round, and the one that counts. */
export interface AlternatingRounds<B, F> {
  /** The two sides of the round whose ratio is the median. */
  baseline: B;
  figure: F;
  /** Every round, in order. */
  baselines: B[];
  figures: F[];
  /** Each round's figure-to-baseline ratio, in order. */
  ratios: number[];
  /** Which round counts. */
  index: number;
  /** Each side's best rate over each other's: printed for comparison, never the figure. */
  bestOfEachSide: number;
  /** One line for the figure's notes: the rounds, their ratios, the best-of ratio. */
  note: string;
  /** Every round's rates and ratio, for `details` in bench.json. */
  details: Record<string, string | number>;
  /** The second baseline's rounds, when one was given: its ratios and the median round. */
  second?: { baselines: B[]; ratios: number[]; index: number };
}

/** A second baseline, measured in the first `rounds` rounds beside the same figure runs. */
export interface SecondBaseline<B> {
  measure: () => Promise<B>;
  rounds: number;
}

/**
 * Measures a baseline and a figure `rounds` times each, alternating which goes first, and takes the
 * round whose ratio is the median ({@link medianRatioRound}). Each round's two sides run back to
 * back, so their ratio cancels the host's slow swings (one round each swung ratios between 0.5 and
 * 1.7 here); each side's best, compared with the other's, would set the luckiest minute of one
 * against the luckiest of the other.
 *
 * `warmUp` rounds run first, the baseline then the figure, and are not counted (their ratios are in
 * the note and `details`). The SDK figure's first round, its first full-size use of the SDK, was the
 * highest of its five in 22 of the day's 28 full runs (1.03-1.90 in the last six, the other rounds
 * mostly 0.8-1.1), which lifted the median round.
 */
export async function medianOfAlternatingRounds<B, F>(
  rounds: number,
  baseline: { measure: () => Promise<B>; rate: (b: B) => number },
  figure: { measure: () => Promise<F>; rate: (f: F) => number },
  second?: SecondBaseline<B>,
  options: { warmUp?: number } = {},
): Promise<AlternatingRounds<B, F>> {
  const warmUpRatios: number[] = [];
  for (let w = 0; w < Math.max(0, options.warmUp ?? 0); w++) {
    const base = baseline.rate(await baseline.measure());
    const rate = figure.rate(await figure.measure());
    warmUpRatios.push(base > 0 ? rate / base : 0);
  }
  const baselines: B[] = [];
  const figures: F[] = [];
  const seconds: B[] = [];
  const n = Math.max(1, rounds);
  for (let r = 0; r < n; r++) {
    // The figure runs between its baselines, which swap places every round.
    const also = second !== undefined && r < second.rounds ? second : undefined;
    if (r % 2 === 0) {
      baselines.push(await baseline.measure());
      figures.push(await figure.measure());
      if (also !== undefined) seconds.push(await also.measure());
    } else {
      if (also !== undefined) seconds.push(await also.measure());
      figures.push(await figure.measure());
      baselines.push(await baseline.measure());
    }
  }
  const { index, ratios } = medianRatioRound({ baselines, figures }, baseline.rate, figure.rate);
  const secondRounds =
    seconds.length > 0
      ? {
          baselines: seconds,
          ...medianRatioRound(
            { baselines: seconds, figures: figures.slice(0, seconds.length) },
            baseline.rate,
            figure.rate,
          ),
        }
      : undefined;
  const bestBase = Math.max(...baselines.map(baseline.rate));
  const bestOfEachSide = bestBase > 0 ? Math.max(...figures.map(figure.rate)) / bestBase : 0;
  const list = (xs: number[], digits: number) => xs.map((x) => x.toFixed(digits)).join(' ');
  return {
    baseline: baselines[index] as B,
    figure: figures[index] as F,
    baselines,
    figures,
    ratios,
    index,
    bestOfEachSide,
    note: `${n} rounds alternating which side goes first; the round with the median ratio counts (ratios ${list(ratios, 2)}; best of each side: ${bestOfEachSide.toFixed(3)}${warmUpRatios.length > 0 ? `; before them, not counted: ${list(warmUpRatios, 2)}` : ''})`,
    details: {
      ...(warmUpRatios.length > 0 && { warmUpRatios: list(warmUpRatios, 3) }),
      checkRates: list(figures.map(figure.rate), 0),
      baselineRates: list(baselines.map(baseline.rate), 0),
      roundRatios: list(ratios, 3),
      medianRound: index,
      bestOfEachSideRatio: Number(bestOfEachSide.toFixed(3)),
    },
    ...(secondRounds !== undefined && { second: secondRounds }),
  };
}

/**
 * The round whose figure-to-baseline ratio is the median of the rounds' ratios (the lower middle one
 * for an even count). Returns that round's index and every ratio, in round order.
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

/**
 * Cases per second in the first and the second half of a run's time, from its progress events
 * (`done` at `ms`, the last one at the end); undefined when too few events came to split it.
 *
 * @example
 * halfRates([{ ms: 0, done: 0 }, { ms: 500, done: 2_000 }, { ms: 1_000, done: 6_000 }]); // { first: 4000, second: 8000 }
 */
export function halfRates(
  progress: ReadonlyArray<{ ms: number; done: number }>,
): { first: number; second: number } | undefined {
  const end = progress.at(-1);
  if (end === undefined || end.ms <= 0) return undefined;
  // The event nearest the middle of the run's time.
  let middle: { ms: number; done: number } | undefined;
  for (const p of progress) {
    if (middle === undefined || Math.abs(p.ms - end.ms / 2) < Math.abs(middle.ms - end.ms / 2)) middle = p;
  }
  if (middle === undefined || middle.ms <= 0 || middle.ms >= end.ms) return undefined;
  return {
    first: perSecond(middle.done, middle.ms),
    second: perSecond(end.done - middle.done, end.ms - middle.ms),
  };
}
