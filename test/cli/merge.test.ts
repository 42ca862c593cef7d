import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
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

/** `check --shard i/2` of one run, made once for the tests that only need shard reports to merge. */
let shardsOnce: Promise<string> | undefined;
// Kept apart from the promise so a failed check still has its directory removed.
let shardsDir: string | undefined;
afterAll(async () => {
  if (shardsDir !== undefined) await rm(shardsDir, { recursive: true, force: true });
});

async function makeShards(): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'merge-cli-shards-'));
  shardsDir = cwd;
  for (const i of [1, 2]) {
    const io = capture(cwd);
    const args = ['check', '--runs', '20', '--seed', '9', '--shard', `${i}/2`];
    const code = await main([...args, '--report-dir', `shards/report-${i}`, '--quiet'], io);
    expect(code, io.err()).toBe(0);
  }
  return cwd;
}

/** A fresh directory holding `shards/report-1/report.json` and `shards/report-2/report.json`. */
async function withShards(): Promise<string> {
  shardsOnce ??= makeShards();
  const cwd = await tempDir();
  await cp(join(await shardsOnce, 'shards'), join(cwd, 'shards'), { recursive: true });
  return cwd;
}

const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

describe('opsworks-contract merge', () => {
  it('merges the shard reports of a CI matrix into one set of reports, and exits as check would', async () => {
    const cwd = await withShards();
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

  it('exits 2 with one line naming the missing shards and the fix, and writes nothing', async () => {
    const cwd = await withShards();
    const io = capture(cwd);
    expect(await main(['merge', 'shards/report-1', '--out', 'merged'], io)).toBe(2);
    expect(io.err()).toBe(
      "opsworks-contract merge: shard(s) 2 of 2 missing (got 1); pass every shard's report.json, or add --allow-missing to merge what there is\n",
    );
    await expect(readdir(join(cwd, 'merged'))).rejects.toThrow();
  });

  it('with --allow-missing, merges the shards given, names the missing ones, and exits as check would', async () => {
    const cwd = await withShards();
    const io = capture(cwd);
    expect(await main(['merge', 'shards/report-1', '--out', 'merged', '--allow-missing'], io), io.err()).toBe(
      0,
    );
    const note = 'shard(s) 2 of 2 missing: their cases were not run';
    expect(io.out()).toContain(`Note: ${note}`);
    const merged = await readJson(join(cwd, 'merged', 'report.json'));
    expect(merged.summary.notes).toContain(note);
    expect(merged.summary.status).toBe('conformant');
  });

  it('drops shard notes the merged counts contradict: rules no case reached is recomputed', async () => {
    const cwd = await withShards();
    const io = capture(cwd);
    expect(await main(['merge', 'shards', '--out', 'merged'], io)).toBe(0);
    const merged = await readJson(join(cwd, 'merged', 'report.json'));
    const cases = new Map<string, number>(
      merged.rules.map((r: { id: string; cases: number }) => [r.id, r.cases]),
    );
    // The premise: a shard missed a rule the other shard reached (seed 9, 20 runs, 2 shards).
    const shardMissed = await Promise.all(
      [1, 2].map(async (i) => {
        const part = await readJson(join(cwd, 'shards', `report-${i}`, 'report.json'));
        const note: string =
          part.summary.notes.find((n: string) => n.startsWith('rules no case reached: ')) ?? '';
        return note.replace('rules no case reached: ', '').split(', ').filter(Boolean);
      }),
    );
    expect(shardMissed.flat().some((id) => (cases.get(id) ?? 0) > 0)).toBe(true);
    const unreached = [...cases].filter(([, n]) => n === 0).map(([id]) => id);
    const expected = unreached.length > 0 ? [`rules no case reached: ${unreached.join(', ')}`] : [];
    for (const notes of [merged.summary.notes as string[], io.out().split('\n')]) {
      const said = notes
        .filter((n) => n.includes('rules no case reached'))
        .map((n) => n.replace(/^Note: /, ''));
      expect(said).toEqual(expected);
    }
  });

  it('exits 2 with one line, before writing anything, when --out is a file or cannot be made', async () => {
    const cwd = await withShards();
    await writeFile(join(cwd, 'afile'), 'keep me');
    const file = capture(cwd);
    expect(await main(['merge', 'shards', '--out', 'afile'], file)).toBe(2);
    expect(file.err()).toBe(
      `opsworks-contract merge: --out ${join(cwd, 'afile')}: exists and is not a directory; pass a directory path\n`,
    );
    expect(await readFile(join(cwd, 'afile'), 'utf8')).toBe('keep me');
    const under = capture(cwd);
    expect(await main(['merge', 'shards', '--out', 'afile/merged'], under)).toBe(2);
    expect(under.err()).toMatch(
      /^opsworks-contract merge: --out .*afile\/merged: .*afile is a file, so no directory/,
    );
  });

  // Root writes anywhere, so an unwritable directory can only be shown as another user.
  it.skipIf(process.getuid?.() === 0)('exits 2 with one line when --out is not writable', async () => {
    const cwd = await withShards();
    await mkdir(join(cwd, 'locked'));
    await chmod(join(cwd, 'locked'), 0o555);
    const io = capture(cwd);
    expect(await main(['merge', 'shards', '--out', 'locked/merged'], io)).toBe(2);
    expect(io.err()).toMatch(
      /^opsworks-contract merge: --out .*locked\/merged: .*locked is not writable; pass a directory/,
    );
    expect(io.err().split('\n')).toHaveLength(2);
  });
});
