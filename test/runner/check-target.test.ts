import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { InputError } from '../../src/errors/input-error.js';
import { loadFixtures } from '../../src/fixtures/fixture.js';
import { checkTarget } from '../../src/runner/check-target.js';
import type { RunEvent } from '../../src/runner/run-events.js';
import type { Violation } from '../../src/runner/run-result.js';
import { createDoubleTarget } from '../../src/targets/create-double-target.js';
import type { Exchange, Target } from '../../src/targets/target.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';
import { acceptEverythingTarget, jsonResponse, wireTarget, wrongErrorTarget } from './mock-targets.js';

const world = loadDefaultWorld();
const knownStacks = new Set(world.stacks.map((s) => s.StackId));

function bodyOf(v: Violation): Record<string, unknown> | undefined {
  const b = v.request.body;
  return typeof b === 'object' && b !== null && !Array.isArray(b)
    ? (b as Record<string, unknown>)
    : undefined;
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'check-target-'));
}

describe('checkTarget against a mock that accepts everything', async () => {
  const reportDir = await tempDir();
  const fixturesDir = await tempDir();
  const result = await checkTarget({
    target: acceptEverythingTarget(),
    runs: 60,
    seed: 11,
    reportDir,
    fixturesDir,
  });

  it('fails the run', () => {
    expect(result.status).toBe('violations');
    expect(result.failed).toBeGreaterThan(0);
  });

  it('finds a missing StackId and shrinks it to a small request with a minimal Command', () => {
    const missing = result.violations.filter(
      (v) => v.check === 'outcome-allowed' && v.category === 'missing-required' && bodyOf(v) !== undefined,
    );
    const noStack = missing.find((v) => {
      const body = bodyOf(v);
      return (
        body !== undefined && body.StackId === undefined && v.expected.rules.includes('stack-id-required')
      );
    });
    expect(noStack, JSON.stringify(missing.map((v) => v.request))).toBeDefined();
    const body = bodyOf(noStack as Violation) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['Command']);
    expect(body.Command).toEqual({ Name: 'install_dependencies' });
    expect(noStack?.observed.outcome).toBe('success');
    expect(noStack?.expected.allowed).toContain('ValidationException');
  });

  it('finds malformed CustomJson with a short counterexample', () => {
    const v = result.violations.find((x) => x.category === 'malformed-custom-json');
    expect(v).toBeDefined();
    const body = bodyOf(v as Violation) as Record<string, unknown>;
    expect(typeof body.CustomJson).toBe('string');
    expect(() => JSON.parse(body.CustomJson as string)).toThrow();
    expect((body.CustomJson as string).length).toBeLessThanOrEqual(5);
    expect(v?.expected.rules).toContain('custom-json-must-be-object');
  });

  it('finds an unknown stack, shrunk to a request whose only fault is the stack', () => {
    const v = result.violations.find(
      (x) => x.category === 'unknown-ids' && x.expected.rules.includes('unknown-stack-not-found'),
    );
    expect(v, result.violations.map((x) => x.group).join('\n')).toBeDefined();
    const body = bodyOf(v as Violation) as Record<string, unknown>;
    expect(knownStacks.has(body.StackId as string)).toBe(false);
    expect(v?.expected.allowed).toContain('ResourceNotFoundException');
    expect(JSON.stringify(body).length).toBeLessThan(200);
  });

  it('writes one fixture per failure group, named by the violation and readable by loadFixtures', async () => {
    const files = (await readdir(fixturesDir)).filter((f) => f.endsWith('.json'));
    expect(files).toHaveLength(result.violations.length);
    for (const v of result.violations) expect(v.fixture).toBeDefined();
    const loaded = await loadFixtures(fixturesDir);
    expect(loaded).toHaveLength(result.violations.length);
    expect(new Set(loaded.map((l) => l.fixture.rule))).toEqual(new Set(result.violations.map((v) => v.rule)));
  });

  it('writes report.json in the shape design.md fixes', async () => {
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    for (const key of ['cases', 'passed', 'failed', 'skipped', 'durationMs', 'casesPerSecond', 'seed']) {
      expect(report.summary).toHaveProperty(key);
    }
    expect(report.summary.seed).toBe(11);
    expect(report.summary.cases).toBe(result.cases);
    expect(
      report.summary.passed + report.summary.failed + report.summary.skipped + report.summary.unspecified,
    ).toBe(report.summary.cases);
    for (const rule of report.rules) {
      expect(Object.keys(rule)).toEqual(expect.arrayContaining(['id', 'level', 'status']));
    }
    expect(report.violations.length).toBe(result.violations.length);
    for (const v of report.violations) {
      expect(Object.keys(v)).toEqual(
        expect.arrayContaining(['rule', 'check', 'category', 'request', 'expected', 'observed', 'fixture']),
      );
      expect(typeof v.fixture).toBe('string');
    }
  });

  it('writes a junit.xml that parses, with one failing test case per failing rule', async () => {
    const xml = await readFile(join(reportDir, 'junit.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const failing = result.rules.filter((r) => r.status === 'fail');
    for (const r of failing) expect(xml).toContain(`name="${r.id}"`);
    expect((xml.match(/<failure /g) ?? []).length).toBe(
      failing.length + result.checks.filter((c) => c.status === 'fail').length,
    );
  });

  it('writes report.md and report.html', async () => {
    const md = await readFile(join(reportDir, 'report.md'), 'utf8');
    const html = await readFile(join(reportDir, 'report.html'), 'utf8');
    expect(md).toContain('violations found');
    expect(html).toContain('<!doctype html>');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('checkTarget catches a wrong error type', () => {
  it('reports ResourceNotFoundException where ValidationException is due', async () => {
    const result = await checkTarget({ target: wrongErrorTarget(world), runs: 20, seed: 5, reportDir: null });
    expect(result.status).toBe('violations');
    const v = result.violations.find(
      (x) => x.check === 'outcome-allowed' && x.observed.outcome === 'ResourceNotFoundException',
    );
    expect(v).toBeDefined();
    expect(v?.expected.allowed).toContain('ValidationException');
    expect(v?.expected.allowed).not.toContain('ResourceNotFoundException');
  });
});

describe('checkTarget catches server errors', () => {
  it('fails no-server-error for a target answering 500 to everything', async () => {
    const target = wireTarget('always-500', () =>
      jsonResponse(500, { __type: 'InternalFailure', message: 'boom <]]> \u0000 & "quotes"' }),
    );
    const reportDir = await tempDir();
    const result = await checkTarget({ target, runs: 10, seed: 1, reportDir, maxShrinkSends: 20 });
    expect(result.status).toBe('violations');
    expect(result.checks.find((c) => c.id === 'no-server-error')?.status).toBe('fail');
    expect(result.rules.find((r) => r.id === 'no-server-errors')?.status).toBe('fail');
    // Hostile text in the answer must not break the XML report.
    expect(XMLValidator.validate(await readFile(join(reportDir, 'junit.xml'), 'utf8'))).toBe(true);
  });
});

describe('checkTarget against the embedded reference double', () => {
  it('passes, with every check exercised and deployments read back', async () => {
    const events: RunEvent['type'][] = [];
    const result = await checkTarget({
      target: 'double',
      runs: 100,
      seed: 21,
      reportDir: null,
      onEvent: (e) => events.push(e.type),
    });
    expect(result.violations).toEqual([]);
    expect(result.status).toBe('conformant');
    expect(result.readBack.sampled).toBeGreaterThan(0);
    expect(result.readBack.mismatched).toBe(0);
    expect(result.deploymentIds.tracked).toBeGreaterThan(0);
    expect(result.phases.random).toBe(100);
    expect(events[0]).toBe('run-start');
    expect(events.at(-1)).toBe('run-end');
    expect(events).toContain('phase-start');
  });

  it('reads deployments back before a service that keeps only recent ones forgets them', async () => {
    // A conformant service may forget old deployments; reading back too late must not look like a bug.
    const target = createDoubleTarget({ world, state: { maxDeployments: 150 } });
    const result = await checkTarget({
      target,
      runs: 1500,
      seed: 8,
      coveragePerCategory: 0,
      reportDir: null,
    });
    expect(result.readBack.sampled).toBeGreaterThan(32);
    expect(result.readBack.mismatched).toBe(0);
    expect(result.status).toBe('conformant');
  });

  it('replays the same cases for the same seed', async () => {
    const a = await checkTarget({
      target: acceptEverythingTarget(),
      runs: 15,
      seed: 99,
      reportDir: null,
      shrink: false,
    });
    const b = await checkTarget({
      target: acceptEverythingTarget(),
      runs: 15,
      seed: 99,
      reportDir: null,
      shrink: false,
    });
    expect(b.violations.map((v) => v.request)).toEqual(a.violations.map((v) => v.request));
    expect(b.categories).toEqual(a.categories);
  });
});

describe('checkTarget run control', () => {
  it('splits the random phase across shards without overlap', async () => {
    const base = { target: 'double', seed: 4, runs: 40, coveragePerCategory: 0, reportDir: null } as const;
    const one = await checkTarget({ ...base, shard: { index: 1, count: 2 } });
    const two = await checkTarget({ ...base, shard: { index: 2, count: 2 } });
    expect(one.cases + two.cases).toBe(40);
    expect(one.cases).toBe(20);
  });

  it('splits the random phase exactly across any shard count, whatever coverage each shard ran', async () => {
    /** The requests a run sends in its random phase, in a canonical order. */
    const randomRequests = async (shard?: { index: number; count: number }): Promise<string[]> => {
      const double = createDoubleTarget({ world });
      let random = false;
      const sent: string[] = [];
      const recording: Target = {
        ...double,
        send(request, options) {
          // A digest, not the JSON: some requests carry 120 KB of CustomJson, and a failing diff of those is slow.
          if (random)
            sent.push(createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 16));
          return double.send(request, options);
        },
      };
      await checkTarget({
        target: recording,
        seed: 7,
        runs: 100,
        reportDir: null,
        shrink: false,
        ...(shard !== undefined && { shard }),
        onEvent: (e) => {
          if (e.type === 'phase-start' && e.phase === 'random') random = true;
        },
      });
      return sent.sort();
    };
    const whole = await randomRequests();
    expect(whole).toHaveLength(100);
    // Five does not divide a coverage round (84 cases), so shards ran different numbers of coverage
    // cases before their random phase: membership must not depend on that.
    const shards: string[] = [];
    for (let index = 1; index <= 5; index++) shards.push(...(await randomRequests({ index, count: 5 })));
    expect(shards.sort()).toEqual(whole);
  });

  it('stops on interrupt, keeps what was judged and still writes report.json marked interrupted', async () => {
    const controller = new AbortController();
    const double = createDoubleTarget({ world });
    let sent = 0;
    const slow: Target = {
      ...double,
      name: 'slow',
      async send(request: CaseRequest, options): Promise<Exchange> {
        sent++;
        if (sent === 30) controller.abort();
        await new Promise((r) => setTimeout(r, 2));
        return double.send(request, options);
      },
    };
    const reportDir = await tempDir();
    const result = await checkTarget({
      target: slow,
      runs: 100_000,
      seed: 2,
      concurrency: 4,
      reportDir,
      signal: controller.signal,
    });
    expect(result.status).toBe('interrupted');
    expect(result.interrupted).toBe(true);
    expect(result.cases).toBeGreaterThan(0);
    expect(result.cases).toBeLessThan(100);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    expect(report.summary.interrupted).toBe(true);
    expect(report.summary.status).toBe('interrupted');
    expect(report.summary.cases).toBe(result.cases);
  });

  it('stops on interrupt while shrinking, even when the target answers through promises alone', async () => {
    // msw handlers and client mocks settle without I/O: a SIGINT (here a timer's abort) only runs when
    // the run gives the event loop a turn.
    const controller = new AbortController();
    const shrunk: string[] = [];
    const result = await checkTarget({
      target: acceptEverythingTarget(),
      world,
      runs: 50,
      seed: 3,
      maxShrinkSends: 1_000_000,
      signal: controller.signal,
      onEvent: (event: RunEvent) => {
        if (event.type === 'phase-start' && event.phase === 'shrink') setTimeout(() => controller.abort(), 0);
        if (event.type === 'shrink-end') shrunk.push(event.group);
      },
    });
    expect(result.status).toBe('interrupted');
    expect(result.violations.length).toBeGreaterThan(1);
    expect(shrunk.length).toBeLessThan(result.violations.length);
  });

  it('reports an unreachable target without hanging', async () => {
    const refused: Target = {
      name: 'http://127.0.0.1:9',
      capabilities: { wire: true, nulls: true, readBack: false },
      cannotExpress: () => undefined,
      async send() {
        return { kind: 'transport-error', reason: 'refused', message: 'connect ECONNREFUSED', durationMs: 0 };
      },
      async close() {},
    };
    const phases: string[] = [];
    const result = await checkTarget({
      target: refused,
      runs: 50,
      seed: 1,
      reportDir: null,
      onEvent: (e) => {
        if (e.type === 'phase-start') phases.push(e.phase);
      },
    });
    expect(result.status).toBe('unreachable');
    expect(result.notes[0]).toMatch(/never answered.*is it running and is the URL right\?/);
    // It stopped in the coverage phase: no random phase was announced that never ran.
    expect(phases).toEqual(['coverage']);
  });

  it('with --rules, leaves rules of the other levels out of the "no case reached" note', async () => {
    const result = await checkTarget({
      target: wrongErrorTarget(world),
      world,
      runs: 30,
      seed: 5,
      levels: ['documented'],
      reportDir: null,
      shrink: false,
    });
    const note = result.notes.find((n) => n.startsWith('rules no case reached')) ?? '';
    // Checks of protocol and observed rules are skipped at this level: their rules are never reached.
    for (const id of ['response-content-type', 'request-id-header', 'post-only', 'deployment-id-unique']) {
      expect(note).not.toContain(id);
      expect(result.rules.find((r) => r.id === id)?.gating).toBe(false);
    }
    const all = await checkTarget({
      target: wrongErrorTarget(world),
      world,
      runs: 30,
      seed: 5,
      reportDir: null,
      shrink: false,
    });
    // Without read-back (this target has none), the note says why read-back was not reached.
    expect(all.notes.join('\n')).toMatch(/read-back-matches \(read-back is off; --read-back turns it on\)/);
  });

  it('asks about handlers or send(), not a URL, when a module target never answers', async () => {
    const silent = (name: string): Target => ({
      name,
      capabilities: { wire: false, nulls: false, readBack: false },
      cannotExpress: () => undefined,
      async send() {
        return { kind: 'transport-error', reason: 'other', message: 'no handler matched', durationMs: 0 };
      },
      async close() {},
    });
    const msw = await checkTarget({ target: silent('msw:./handlers.ts'), runs: 5, seed: 1, reportDir: null });
    expect(msw.notes[0]).toMatch(/never answered .*does a handler answer POST \//);
    const client = await checkTarget({
      target: silent('client:./mock.js'),
      runs: 5,
      seed: 1,
      reportDir: null,
    });
    expect(client.notes[0]).toMatch(/never answered .*client settle its send\(\) calls/);
    expect(`${msw.notes[0]} ${client.notes[0]}`).not.toContain('URL');
  });

  it('retries throttled requests and counts them, never as failures', async () => {
    const double = createDoubleTarget({ world });
    let n = 0;
    const throttling: Target = {
      ...double,
      name: 'throttling',
      async send(request, options) {
        n++;
        if (n % 3 === 0) {
          const response = jsonResponse(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
          const { classifyResponse } = await import('../../src/contract/classify-response.js');
          return { kind: 'wire', response, classification: classifyResponse(response), durationMs: 0 };
        }
        return double.send(request, options);
      },
    };
    const result = await checkTarget({
      target: throttling,
      runs: 20,
      seed: 3,
      reportDir: null,
      concurrency: 2,
    });
    expect(result.retries).toBeGreaterThan(0);
    expect(result.status).toBe('conformant');
  });

  it('announces the target warnings before the first send and keeps them in the notes', async () => {
    const order: string[] = [];
    const base = acceptEverythingTarget();
    const target: Target = {
      ...base,
      warnings: ['may really deploy'],
      async send(request, options) {
        order.push('send');
        return base.send(request, options);
      },
    };
    const result = await checkTarget({
      target,
      runs: 1,
      coveragePerCategory: 1,
      seed: 1,
      reportDir: null,
      shrink: false,
      onEvent: (e) => {
        if (e.type === 'run-start') order.push(...e.warnings);
      },
    });
    expect(order[0]).toBe('may really deploy');
    expect(result.notes).toContain('warning: may really deploy');
  });

  it('rejects bad options before sending anything', async () => {
    let sent = 0;
    const target = wireTarget('counting', () => {
      sent++;
      return jsonResponse(200, { DeploymentId: 'x' });
    });
    await expect(checkTarget({ target, runs: -1, reportDir: null })).rejects.toThrow(/runs/);
    await expect(checkTarget({ target, shard: { index: 3, count: 2 }, reportDir: null })).rejects.toThrow(
      /shard/,
    );
    expect(sent).toBe(0);
  });

  it('checks a world object as it checks a world file: one InputError line, nothing sent', async () => {
    let sent = 0;
    const target = wireTarget('counting', () => {
      sent++;
      return jsonResponse(200, { DeploymentId: 'x' });
    });
    const refused = (w: unknown) =>
      checkTarget({ target, world: w as typeof world, runs: 1, reportDir: null }).then(
        () => undefined,
        (error: unknown) => error,
      );
    const empty = await refused({ stacks: [] });
    expect(empty).toBeInstanceOf(InputError);
    expect(String(empty)).toContain('world: $.stacks: empty; a world needs at least one stack');
    const twice = await refused({ stacks: [{ StackId: 's1' }, { StackId: 's1' }] });
    expect(twice).toBeInstanceOf(InputError);
    expect(String(twice)).toMatch(/s1/);
    expect(sent).toBe(0);
  });

  it('fills in the lists a world object may leave out, as a world file may', async () => {
    const result = await checkTarget({
      target: 'double',
      world: { stacks: [{ StackId: 'only-stack' }] } as unknown as typeof world,
      runs: 20,
      seed: 3,
      reportDir: null,
      shrink: false,
    });
    expect(result.status).toBe('conformant');
  });
});
