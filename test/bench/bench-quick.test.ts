import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** Every figure `npm run bench` must report (issue 7's five benchmarks). */
const FIGURE_IDS = [
  'double',
  'double-long',
  'http-c1',
  'http-c8',
  'http-c32',
  'sdk',
  'memory',
  'default-run',
  'default-run-npx',
];

describe('npm run bench -- --quick', () => {
  let dir = '';
  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  it('completes and writes a well-formed bench.json with every figure, baseline and ratio', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-quick-'));
    const out = join(dir, 'bench.json');
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, join(ROOT, 'bench', 'run.ts'), '--quick', '--out', out],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      output += t;
    });
    child.stderr.setEncoding('utf8').on('data', (t: string) => {
      output += t;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);

    const report = JSON.parse(await readFile(out, 'utf8')) as {
      formatVersion: number;
      quick: boolean;
      machine: { nproc: number; node: string };
      stages: Array<{ name: string; ms: number }>;
      figures: Array<{
        id: string;
        value: number;
        unit: string;
        baseline: { name: string; value: number };
        ratio: number;
        goal: { text: string; met: boolean };
      }>;
    };
    expect(report.formatVersion).toBe(1);
    expect(report.quick).toBe(true);
    expect(report.machine.nproc).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.figures.map((f) => f.id).sort()).toEqual([...FIGURE_IDS].sort());
    // Where the 3 minutes go, benchmark by benchmark, in the order they ran.
    expect(report.stages.map((s) => s.name)).toEqual([
      'double',
      'http',
      'sdk',
      'memory',
      'double-long baseline',
      'default',
    ]);
    for (const s of report.stages) expect(s.ms, s.name).toBeGreaterThanOrEqual(0);
    expect(output).toMatch(/total \d+\.\d s \(double \d+\.\d, http /);
    for (const f of report.figures) {
      expect(f.value, f.id).toBeGreaterThan(0);
      expect(f.baseline.value, f.id).toBeGreaterThan(0);
      expect(f.ratio, f.id).toBeCloseTo(f.value / f.baseline.value, 6);
      expect(typeof f.goal.met, f.id).toBe('boolean');
      expect(f.goal.text, f.id).not.toBe('');
      // Printed too, next to its baseline.
      expect(output).toContain(f.baseline.name);
    }
  }, 300_000);
});
