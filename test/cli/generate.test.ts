import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import { loadFixtures } from '../../src/fixtures/load-fixtures.js';
import { captureIo } from './capture-io.js';

const capture = (cwd: string) => captureIo({ cwd });

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'generate-test-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')])),
  );
}

describe('opsworks-contract generate', () => {
  it('writes one fixture per case plus an index, each carrying the oracle expectation', async () => {
    const cwd = await tempDir();
    const io = capture(cwd);
    expect(await main(['generate', '--count', '40', '--seed', '42', '--out', 'corpus'], io)).toBe(0);
    expect(io.out()).toContain('wrote 40 cases');
    const files = await filesOf(join(cwd, 'corpus'));
    expect(Object.keys(files)).toHaveLength(41);
    const index = JSON.parse(files['index.json'] as string) as {
      seed: number;
      kind: string;
      cases: Array<{ file: string; kind: string; labels: string[]; rule: string; category: string }>;
    };
    expect(index.seed).toBe(42);
    expect(index.kind).toBe('all');
    expect(index.cases.map((c) => c.file)).toEqual(
      Array.from({ length: 40 }, (_, i) => `case-${String(i + 1).padStart(5, '0')}.json`),
    );
    expect(new Set(index.cases.map((c) => c.kind))).toEqual(new Set(['valid', 'invalid']));

    // The fixtures load through the fixture API, and their expectation is the oracle's.
    const loaded = await loadFixtures(join(cwd, 'corpus'));
    expect(loaded).toHaveLength(40);
    for (const { path, fixture } of loaded) {
      const entry = index.cases.find((c) => path.endsWith(c.file));
      expect(entry).toBeDefined();
      expect(fixture.labels).toEqual(entry?.labels);
      expect(fixture.rule).toBe(entry?.rule);
      expect(fixture.check).toBe('outcome-allowed');
      expect(fixture.seed).toBe(42);
      expect(fixture.observed).toBeUndefined();
      const e = expectedOutcomes(fixture.request, fixture.world);
      expect(fixture.expected).toEqual({ allowed: e.allowed, rules: e.rules, unspecified: e.unspecified });
      if (fixture.labels.length === 0) {
        expect(fixture.rule).toBe('valid');
        expect(fixture.category).toBe('valid');
      } else expect(fixture.labels[0]?.startsWith(fixture.category)).toBe(true);
    }
  });

  it('the same seed writes byte-identical files; another seed writes others', async () => {
    const cwd = await tempDir();
    const args = (seed: string, out: string) => [
      'generate',
      '--count',
      '30',
      '--kind',
      'invalid',
      '--seed',
      seed,
      '--out',
      out,
    ];
    expect(await main(args('7', 'a'), capture(cwd))).toBe(0);
    expect(await main(args('7', 'b'), capture(cwd))).toBe(0);
    expect(await main(args('8', 'c'), capture(cwd))).toBe(0);
    const a = await filesOf(join(cwd, 'a'));
    expect(await filesOf(join(cwd, 'b'))).toEqual(a);
    expect(await filesOf(join(cwd, 'c'))).not.toEqual(a);
  });

  it('--kind valid writes only valid cases', async () => {
    const cwd = await tempDir();
    expect(
      await main(['generate', '--count', '25', '--kind', 'valid', '--seed', '1', '--out', 'v'], capture(cwd)),
    ).toBe(0);
    const index = JSON.parse(await readFile(join(cwd, 'v', 'index.json'), 'utf8')) as {
      cases: Array<{ kind: string }>;
    };
    expect(index.cases.every((c) => c.kind === 'valid')).toBe(true);
  });

  it('without --seed picks a random seed and prints it so the run can be repeated', async () => {
    const cwd = await tempDir();
    const io = capture(cwd);
    expect(await main(['generate', '--count', '3', '--out', 'r'], io)).toBe(0);
    const seed = /pass --seed (-?\d+) to repeat/.exec(io.out())?.[1];
    expect(seed).toBeDefined();
    const again = capture(cwd);
    expect(await main(['generate', '--count', '3', '--seed', String(seed), '--out', 'r2'], again)).toBe(0);
    expect(await filesOf(join(cwd, 'r2'))).toEqual(await filesOf(join(cwd, 'r')));
  });

  it.each([
    [['--count', '0', '--out', 'x'], '--count 0'],
    [['--count', 'ten', '--out', 'x'], '--count ten'],
    [['--count', '2.5', '--out', 'x'], '--count 2.5'],
    [['--out', 'x'], '--count: missing'],
    [['--count', '3'], '--out: missing'],
    [['--count', '3', '--out', 'x', '--kind', 'weird'], '--kind weird'],
    [['--count', '3', '--out', 'x', '--seed', 'abc'], '--seed abc'],
    [['--count', '3', '--out', 'x', '--world', 'missing-world.json'], 'missing-world.json'],
    [['--count', '3', '--out', 'x', '--bogus'], "Unknown option '--bogus'"],
  ])('bad flags %j: one line on stderr, exit 2, nothing written', async (flags, message) => {
    const cwd = await tempDir();
    const io = capture(cwd);
    expect(await main(['generate', ...flags], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(await readdir(cwd)).toEqual([]);
  });

  it.each([
    ['a regular file', 'F', /--out \S*F: exists and is not a directory; pass a directory path/],
    ['a path under a file', 'F/sub', /--out \S*F\/sub: \S*F is a file, so no directory can be made under it/],
  ])('refuses --out naming %s with one line, exit 2, writing nothing', async (_what, out, message) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'F'), 'mine');
    const io = capture(cwd);
    expect(await main(['generate', '--count', '2', '--seed', '1', '--out', out], io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err().trim().split('\n')).toHaveLength(1);
    expect(await readdir(cwd)).toEqual(['F']);
    expect(await readFile(join(cwd, 'F'), 'utf8')).toBe('mine');
  });

  // root writes anywhere, so only another user can see the refusal.
  it.skipIf(process.getuid?.() === 0)(
    'refuses an --out directory it cannot write to with one line, exit 2',
    async () => {
      const cwd = await tempDir();
      await mkdir(join(cwd, 'ro'), { mode: 0o555 });
      const io = capture(cwd);
      expect(await main(['generate', '--count', '2', '--seed', '1', '--out', 'ro'], io)).toBe(2);
      expect(io.err()).toMatch(/--out \S*ro: \S*ro is not writable; pass a directory you can write to/);
      expect(io.err().trim().split('\n')).toHaveLength(1);
      expect(await readdir(join(cwd, 'ro'))).toEqual([]);
    },
  );

  it('refuses an output directory holding other files, and writes nothing', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'notes.txt'), 'mine');
    const io = capture(cwd);
    expect(await main(['generate', '--count', '3', '--seed', '1', '--out', '.'], io)).toBe(2);
    expect(io.err()).toContain('holds files generate did not write');
    expect(await readdir(cwd)).toEqual(['notes.txt']);
  });

  it('regenerating into a previous corpus replaces it, leaving no stale case files', async () => {
    const cwd = await tempDir();
    expect(await main(['generate', '--count', '6', '--seed', '1', '--out', 'c'], capture(cwd))).toBe(0);
    expect(await main(['generate', '--count', '2', '--seed', '2', '--out', 'c'], capture(cwd))).toBe(0);
    expect((await readdir(join(cwd, 'c'))).sort()).toEqual([
      'case-00001.json',
      'case-00002.json',
      'index.json',
    ]);
  });
});
