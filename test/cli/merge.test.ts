import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from './capture-io.js';

const capture = (cwd: string) => captureIo({ cwd });

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'merge-cli-'));
  dirs.push(d);
  return d;
}

describe('opsworks-contract merge', () => {
  it('merges the shard reports of a CI matrix into one set of reports, and exits as check would', async () => {
    const cwd = await tempDir();
    for (const i of [1, 2]) {
      const io = capture(cwd);
      const code = await main(
        [
          'check',
          '--runs',
          '20',
          '--seed',
          '9',
          '--shard',
          `${i}/2`,
          '--report-dir',
          `shards/report-${i}`,
          '--quiet',
        ],
        io,
      );
      expect(code, io.err()).toBe(0);
    }
    const io = capture(cwd);
    expect(await main(['merge', 'shards', '--out', 'merged'], io)).toBe(0);
    expect((await readdir(join(cwd, 'merged'))).sort()).toEqual([
      'junit.xml',
      'report.html',
      'report.json',
      'report.md',
    ]);
    const merged = JSON.parse(await readFile(join(cwd, 'merged', 'report.json'), 'utf8'));
    const parts = await Promise.all(
      [1, 2].map(async (i) =>
        JSON.parse(await readFile(join(cwd, 'shards', `report-${i}`, 'report.json'), 'utf8')),
      ),
    );
    expect(merged.summary.cases).toBe(parts[0].summary.cases + parts[1].summary.cases);
    expect(merged.summary.seed).toBe(9);
    expect(io.out()).toContain('merged 2 report(s) into merged');
  });

  it('exits 2 with one line and writes nothing for reports that are not one run', async () => {
    const cwd = await tempDir();
    await mkdir(join(cwd, 'bad'));
    await writeFile(join(cwd, 'bad', 'report.json'), '{"formatVersion": 2}');
    const io = capture(cwd);
    expect(await main(['merge', 'bad', '--out', 'merged'], io)).toBe(2);
    expect(io.err()).toMatch(/bad\/report\.json: \$\.formatVersion: expected 1, got 2/);
    await expect(readdir(join(cwd, 'merged'))).rejects.toThrow();
    const none = capture(cwd);
    expect(await main(['merge', 'nowhere'], none)).toBe(2);
    expect(none.err()).toContain('nowhere: no such file or directory');
  });
});
