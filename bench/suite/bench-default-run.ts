import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCommand, ROOT } from './cli-command.js';
import type { BenchFigure } from './figure.js';
import { spawnTimed } from './spawn-timed.js';

const GOAL_MS = 5_000;

/**
 * Benchmark 5: wall time of `opsworks-contract check` with no flags from a cold process (the run a
 * first-time user starts), next to a cold `node -e 0` (the floor any Node CLI pays). One `npx` run is
 * measured too, as a second figure (npx's own start-up comes on top).
 */
export async function benchDefaultRun(options: { npx: boolean }): Promise<BenchFigure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-default-'));
  try {
    const bare = await spawnTimed(process.execPath, ['-e', '0'], { cwd: dir });
    const { command, args, via } = cliCommand();
    const run = await spawnTimed(command, [...args, 'check'], { cwd: dir });
    if (run.code !== 0) throw new Error(`check exited ${run.code}: ${run.stderr.slice(-1000)}`);
    const summary = /CONFORMANT: (\d+) cases/.exec(run.stdout);
    const figures: BenchFigure[] = [
      {
        id: 'default-run',
        name: `Default run, cold: node bin/opsworks-contract.js check${via === 'sources' ? ' (sources via tsx: dist stale)' : ''}`,
        value: run.wallMs / 1000,
        unit: 's',
        baseline: { name: 'cold node -e 0', value: bare.wallMs / 1000, unit: 's' },
        ratio: run.wallMs / bare.wallMs,
        goal: { text: `< ${GOAL_MS / 1000} s`, met: run.wallMs < GOAL_MS, lowerIsBetter: true },
        notes: [],
        details: { cases: Number(summary?.[1] ?? 0), via },
      },
    ];
    if (options.npx) {
      // npx resolves the package's own bin inside its project; reports go to the temp dir.
      const npx = await spawnTimed(
        'npx',
        ['--no-install', 'opsworks-contract', 'check', '--report-dir', join(dir, 'npx-reports')],
        { cwd: ROOT },
      );
      if (npx.code !== 0) throw new Error(`npx check exited ${npx.code}: ${npx.stderr.slice(-1000)}`);
      figures.push({
        id: 'default-run-npx',
        name: 'Default run, cold, through npx opsworks-contract check',
        value: npx.wallMs / 1000,
        unit: 's',
        baseline: { name: 'cold node -e 0', value: bare.wallMs / 1000, unit: 's' },
        ratio: npx.wallMs / bare.wallMs,
        goal: { text: `< ${GOAL_MS / 1000} s`, met: npx.wallMs < GOAL_MS, lowerIsBetter: true },
        notes: [],
        details: {},
      });
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
