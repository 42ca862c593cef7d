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
