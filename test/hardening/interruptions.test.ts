import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTarget } from '../../src/runner/check-target.js';
import type { LoopbackServer } from '../targets/loopback-servers.js';
import { spawnCli } from './cli-process.js';
import { acceptEverythingServer, hostileServer, slowServer } from './hostile-servers.js';

// Issue 8, interruptions: the real CLI in a child process, a slow loopback target so the run is
// long, and a real signal mid-run.

const dirs: string[] = [];
const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-interrupt-'));
  dirs.push(dir);
  return dir;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('interrupting the check command', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // Both signals run at once: each spends most of its time starting a Node process.
    it.concurrent(`${signal} mid-run: stops sending, judges what is in flight, writes report.json marked interrupted, exits 130`, async () => {
      // Each answer takes 300 ms: well inside the 2 s grace, so every request in flight at the
      // signal comes back and is judged.
      const server = await slowServer(300);
      servers.push(server);
      const dir = await tempDir();
      const cli = spawnCli(
        [
          'check',
          '--target',
          server.url,
          '--runs',
          '100000',
          '--concurrency',
          '2',
          '--seed',
          '5',
          '--timeout',
          '5000',
          '--report-dir',
          'out',
        ],
        { cwd: dir },
      );
      await until(() => server.requests() >= 6, 'the run to get going');
      cli.child.kill(signal);
      const code = await cli.exited;
      expect(code, cli.stderr()).toBe(130);
      const report = JSON.parse(await readFile(join(dir, 'out', 'report.json'), 'utf8'));
      expect(report.summary.status).toBe('interrupted');
      expect(report.summary.interrupted).toBe(true);
      expect(report.summary.cases).toBeGreaterThanOrEqual(6);
      // Nothing sent after the signal was left unjudged, and nothing was sent after the exit:
      // every request the server saw is a case in the report (skipped cases are never sent).
      expect(report.summary.cases - report.summary.skipped).toBe(server.requests());
      expect(cli.stdout()).toMatch(/INTERRUPTED/);
      // Only whole files: no temporary file left behind by the atomic writes.
      expect((await readdir(join(dir, 'out'))).sort()).toEqual([
        'junit.xml',
        'report.html',
        'report.json',
        'report.md',
      ]);
    });
  }
});

describe('interrupting a run against a target that never answers', () => {
  it('ends within the grace period, not the 60 s request timeout, and writes a partial report', async () => {
    const server = await hostileServer('silent');
    servers.push(server);
    const reportDir = await tempDir();
    const controller = new AbortController();
    const pending = checkTarget({
      target: server.url,
      timeoutMs: 60_000,
      concurrency: 4,
      seed: 1,
      reportDir,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    // A hang here fails by the test timeout (well under the 60 s the requests would wait).
    const result = await pending;
    expect(result.status).toBe('interrupted');
    // Requests cut by the interrupt are not failures of the target.
    expect(result.violations).toEqual([]);
    expect(result.failed).toBe(0);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    expect(report.summary.status).toBe('interrupted');
  }, 20_000);
});

describe('two runs writing into one report directory at once', () => {
  it('leave every file whole: each parses and belongs entirely to one of the runs', async () => {
    const server = await acceptEverythingServer();
    servers.push(server);
    const dir = await tempDir();
    const fixturesDir = join(dir, 'fixtures');
    const run = (seed: number) =>
      checkTarget({
        target: server.url,
        seed,
        runs: 20,
        coveragePerCategory: 1,
        concurrency: 4,
        timeoutMs: 5_000,
        shrink: false,
        maxCases: 40,
        reportDir: dir,
        fixturesDir,
      });
    const [a, b] = await Promise.all([run(101), run(202)]);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['fixtures', 'junit.xml', 'report.html', 'report.json', 'report.md']);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    const winner = [a, b].find((r) => r.seed === report.summary.seed);
    expect(winner).toBeDefined();
    expect(report.summary.cases).toBe(winner?.cases);
    expect(report.violations).toHaveLength(winner?.violations.length ?? -1);
    const md = await readFile(join(dir, 'report.md'), 'utf8');
    expect([a.seed, b.seed].some((s) => md.includes(String(s)))).toBe(true);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit.trimEnd().endsWith('</testsuites>')).toBe(true);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // Fixtures of both runs: every file parses, none is a leftover temporary file.
    const fixtures = await readdir(fixturesDir);
    expect(fixtures.length).toBeGreaterThan(0);
    for (const name of fixtures) {
      expect(name).toMatch(/^[a-z0-9-]+-[0-9a-f]{8}\.json$/);
      JSON.parse(await readFile(join(fixturesDir, name), 'utf8'));
    }
  });
});
