import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkTarget } from '../../src/runner/check-target.js';
import type { RunResult, RunStatus } from '../../src/runner/run-result.js';
import type { TransportFailureReason } from '../../src/targets/target.js';
import { closedPort, type LoopbackServer } from '../targets/loopback-servers.js';
import { runCliInProcess } from './cli-process.js';
import { acceptEverythingServer, flakyServer, type HostileKind, hostileServer } from './hostile-servers.js';

// Issue 8, hostile targets. Each case runs the whole pipeline (generation, sending, judging,
// grouping, shrinking, reports) against a real server on 127.0.0.1 that misbehaves on every
// request, with a short timeout and few cases. Nothing here asserts speed: a run that hangs fails
// by the test timeout, and the duration table lives in the README (measured with --reporter=verbose).

const dirs: string[] = [];
const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-hostile-'));
  dirs.push(dir);
  return dir;
}

async function start(kind: HostileKind): Promise<LoopbackServer> {
  const server = await hostileServer(kind);
  servers.push(server);
  return server;
}

/** A short run: 500 ms per request, one coverage case per category, 5 random, at most 40 cases. */
const SHORT = { timeoutMs: 500, runs: 5, concurrency: 4, seed: 8, coveragePerCategory: 1, maxCases: 40 };

/**
 * What each hostile target must come to. "Unreachable" (exit 3) means no request ever got a complete
 * HTTP answer: refused, timed out, reset or answered with something that is not HTTP. As soon as
 * one answer is complete, what goes wrong is the target answering wrongly (exit 1).
 */
const EXPECTED: Record<HostileKind, { status: RunStatus; reason?: TransportFailureReason }> = {
  silent: { status: 'unreachable', reason: 'timeout' },
  drip: { status: 'unreachable', reason: 'timeout' },
  reset: { status: 'unreachable', reason: 'reset' },
  'not-http': { status: 'unreachable', reason: 'malformed-http' },
  'broken-chunked': { status: 'unreachable', reason: 'malformed-http' },
  'huge-body': { status: 'violations', reason: 'oversize' },
  'error-500': { status: 'violations' },
  throttle: { status: 'unreachable' },
};

async function readReport(dir: string): Promise<{
  summary: { status: string; cases: number };
  violations: Array<{ check: string; observed: { transportError?: string; outcome?: string } }>;
}> {
  return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
}

function expectTransportFailures(result: RunResult, reason: TransportFailureReason): void {
  expect(result.transportErrors[reason] ?? 0).toBeGreaterThan(0);
  const failures = result.violations.filter((v) => v.observed.transportError !== undefined);
  expect(failures.length).toBeGreaterThan(0);
  for (const v of failures) expect(v.observed.transportError).toMatch(new RegExp(`^${reason}: `));
}

describe('checkTarget against hostile loopback servers', () => {
  for (const kind of ['silent', 'drip', 'reset', 'not-http', 'broken-chunked'] as const) {
    it(`${kind}: ends with status unreachable and every exchange a ${EXPECTED[kind].reason} transport failure`, async () => {
      const server = await start(kind);
      const reportDir = await tempDir();
      const result = await checkTarget({ ...SHORT, target: server.url, reportDir });
      const reason = EXPECTED[kind].reason as TransportFailureReason;
      expect(result.status).toBe('unreachable');
      expect(Object.keys(result.transportErrors)).toEqual([reason]);
      expectTransportFailures(result, reason);
      // It stops early: a handful of failed sends, not the whole planned run.
      expect(result.cases).toBeLessThan(SHORT.maxCases);
      expect(result.notes[0]).toMatch(new RegExp(`never answered .*${reason}`));
      if (reason === 'malformed-http') expect(result.notes[0]).toMatch(/something that is not HTTP/);
      else expect(result.notes[0]).not.toMatch(/not HTTP/);
      const report = await readReport(reportDir);
      expect(report.summary.status).toBe('unreachable');
      expect(report.violations.every((v) => v.observed.transportError?.startsWith(`${reason}: `))).toBe(true);
    });
  }

  it('huge-body: a 10 MB answer is read up to the 1 MB cap, reported as oversize, and noted', async () => {
    const server = await start('huge-body');
    const reportDir = await tempDir();
    // Reading 1 MB per answer on a busy machine needs more than 500 ms; the point here is the cap.
    const result = await checkTarget({
      ...SHORT,
      timeoutMs: 5_000,
      maxCases: 12,
      target: server.url,
      reportDir,
    });
    expect(result.status).toBe('violations');
    expectTransportFailures(result, 'oversize');
    const oversize = result.violations.find((v) => v.observed.transportError?.startsWith('oversize'));
    expect(oversize?.observed.transportError).toMatch(/1048576-byte cap/);
    expect(result.notes.join('\n')).toMatch(/over the 1048576-byte body cap/);
    const report = await readReport(reportDir);
    expect(report.summary.status).toBe('violations');
  });

  it('error-500: every answer is judged, and no-server-errors fails with a shrunk counterexample', async () => {
    const server = await start('error-500');
    const result = await checkTarget({
      ...SHORT,
      target: server.url,
      reportDir: await tempDir(),
      maxShrinkSends: 20,
    });
    expect(result.status).toBe('violations');
    expect(result.transportErrors).toEqual({});
    expect(result.violations.some((v) => v.shrink.shrunk)).toBe(true);
    const serverErrors = result.violations.find((v) => v.check === 'no-server-error');
    expect(serverErrors?.observed).toMatchObject({ status: 500 });
    expect(result.rules.find((r) => r.id === 'no-server-errors')?.status).toBe('fail');
  });

  it('throttle: retried with backoff, never judged as a failure, and ends as unreachable saying why', async () => {
    const server = await start('throttle');
    const result = await checkTarget({ ...SHORT, target: server.url, reportDir: await tempDir() });
    expect(result.status).toBe('unreachable');
    expect(result.retries).toBeGreaterThan(0);
    expect(result.failed).toBe(0);
    expect(result.violations).toEqual([]);
    expect(result.notes[0]).toMatch(/throttled/);
    expect(result.notes.join('\n')).not.toMatch(/never answered/);
    expect(result.cases).toBeLessThan(SHORT.maxCases);
  });
});

describe('a target that answers some requests and resets others', () => {
  it('is reachable, so its resets are violations (exit 1), each reported with its reason', async () => {
    const server = await flakyServer();
    servers.push(server);
    const result = await checkTarget({ ...SHORT, target: server.url, reportDir: null, shrink: false });
    expect(result.status).toBe('violations');
    expect(result.transportErrors.reset ?? 0).toBeGreaterThan(0);
    const resets = result.violations.filter((v) => v.check === 'target-answered');
    expect(resets.length).toBeGreaterThan(0);
    for (const v of resets) expect(v.observed.transportError).toMatch(/^reset: /);
  });
});

describe('maxCases bounds a run against a slow or failing target', () => {
  it('stops taking cases at the bound, says so in the notes, and still shrinks and reports', async () => {
    const server = await start('error-500');
    const result = await checkTarget({
      target: server.url,
      seed: 2,
      runs: 1000,
      concurrency: 4,
      maxCases: 10,
      maxShrinkSends: 5,
      reportDir: null,
    });
    expect(result.cases).toBe(10);
    expect(result.status).toBe('violations');
    expect(result.notes.join('\n')).toMatch(/max-cases 10 reached/);
  });

  it('--max-cases must be a positive integer (exit 2, nothing sent)', async () => {
    const dir = await tempDir();
    for (const bad of ['0', '-1', 'ten', '1.5']) {
      const reportDir = join(dir, 'r');
      const run = await runCliInProcess(['check', `--max-cases=${bad}`, '--report-dir', reportDir], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(`^opsworks-contract check: --max-cases ${bad}: expected an integer`),
      );
      expect(existsSync(reportDir)).toBe(false);
    }
  });
});

describe('the check command against hostile targets: exit codes and what is written', () => {
  const flags = (url: string, reportDir: string): string[] => [
    'check',
    '--target',
    url,
    '--timeout',
    '500',
    '--runs',
    '5',
    '--concurrency',
    '4',
    '--seed',
    '3',
    '--max-cases',
    '30',
    '--no-shrink',
    '--report-dir',
    reportDir,
    '--quiet',
  ];

  it('a closed port: exit 3, one line on stderr saying refused, and a report marked unreachable', async () => {
    const port = await closedPort();
    const dir = await tempDir();
    const run = await runCliInProcess(flags(`http://127.0.0.1:${port}`, dir), dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^opsworks-contract check: target unreachable: .*refused/m);
    const report = await readReport(dir);
    expect(report.summary.status).toBe('unreachable');
    // The screen says what happened in a few lines (no per-group counterexamples, no tables of
    // rules nothing reached); the report keeps every group.
    expect(run.stdout.split('\n').length, run.stdout).toBeLessThan(15);
    expect(run.stdout).not.toContain('minimal counterexample');
    expect(JSON.stringify(report)).not.toContain('rules no case reached');
    expect(report.violations.length).toBeGreaterThan(0);
  });

  it('a server that never answers: exit 3 with the timeout named', async () => {
    const server = await start('silent');
    const dir = await tempDir();
    const run = await runCliInProcess(flags(server.url, dir), dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/target unreachable: .*timeout/);
  });

  it('a server that resets every connection: exit 3 with the reset named', async () => {
    const server = await start('reset');
    const dir = await tempDir();
    const run = await runCliInProcess(flags(server.url, dir), dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/target unreachable: .*reset/);
  });

  it('a server answering 500 to everything: exit 1, the reports written whole', async () => {
    const server = await start('error-500');
    const dir = await tempDir();
    const run = await runCliInProcess(flags(server.url, dir), dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/no-server-error/);
    expect((await readdir(dir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'report.md']);
    expect((await readReport(dir)).summary.status).toBe('violations');
  });
});

describe('a run at the default concurrency', () => {
  it('prints no Node warnings (an abort listener per request in flight is not a leak)', async () => {
    const server = await acceptEverythingServer();
    servers.push(server);
    const warnings: string[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(`${w.name}: ${w.message}`);
    };
    process.on('warning', onWarning);
    try {
      const result = await checkTarget({
        target: server.url,
        concurrency: 16,
        runs: 40,
        seed: 4,
        coveragePerCategory: 1,
        shrink: false,
        reportDir: null,
      });
      expect(result.cases).toBeGreaterThan(16);
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
