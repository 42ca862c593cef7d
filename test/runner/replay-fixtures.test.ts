import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { CaseRequest, World } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { InputError } from '../../src/errors/input-error.js';
import { buildFixture } from '../../src/fixtures/build-fixture.js';
import { writeFixture } from '../../src/fixtures/write-fixture.js';
import { type ReplayOptions, replayFixtures } from '../../src/runner/replay-fixtures.js';
import { createDoubleTarget } from '../../src/targets/create-double-target.js';
import type { Target } from '../../src/targets/target.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { fixtureFor } from '../fixtures/fixture-for.js';
import { closedPort, httpServer, type LoopbackServer } from '../targets/loopback-servers.js';
import { acceptEverythingTarget, jsonResponse, wireTarget } from './mock-targets.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const stack = DEFAULT_WORLD.stacks[0];
if (stack === undefined) throw new Error('default world has no stack');

async function fixtureFile(
  dir: string,
  rule: string,
  request: CaseRequest,
  world: World = DEFAULT_WORLD,
): Promise<string> {
  return writeFixture(dir, fixtureFor(rule, request, { world }));
}

describe('replayFixtures', () => {
  let dir: string;
  let acceptAll: LoopbackServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-'));
    await fixtureFile(dir, 'stack-id-required', { headers, body: { Command: { Name: 'setup' } } });
    await fixtureFile(dir, 'stack-exists', {
      headers,
      body: { StackId: '00000000-0000-4000-8000-000000000000', Command: { Name: 'setup' } },
    });
    await fixtureFile(dir, 'body-is-json', { headers, rawBody: '{"StackId": ' });
    // A mock that accepts everything: what these fixtures were caught on.
    acceptAll = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': 'r' });
        res.end('{"DeploymentId":"d"}');
      });
    });
  });
  afterAll(async () => {
    await acceptAll.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports every fixture FIXED against the reference double', async () => {
    const report = await replayFixtures({ path: dir });
    expect(report.results.map((r) => r.status)).toEqual(['fixed', 'fixed', 'fixed']);
    expect(report).toMatchObject({ targetName: 'double', fixed: 3, stillFailing: 0, unreachable: false });
  });

  it('reports STILL FAILING with expected vs observed against a mock that accepts everything', async () => {
    const report = await replayFixtures({ path: dir, target: acceptAll.url, timeoutMs: 10_000 });
    expect(report.stillFailing).toBe(3);
    const first = report.results[0];
    if (first?.status !== 'still-failing') throw new Error(JSON.stringify(first));
    expect(first.failures).toContainEqual(
      expect.objectContaining({
        check: 'outcome-allowed',
        expected: expect.stringMatching(/Exception/),
        observed: expect.stringMatching(/success/),
      }),
    );
  });

  it('skips what the target cannot express, and says why', async () => {
    const report = await replayFixtures({ path: dir, target: `sdk:${acceptAll.url}` });
    const raw = report.results.find((r) => r.fixture.rule === 'body-is-json');
    expect(raw).toMatchObject({ status: 'skipped', why: expect.stringMatching(/raw body/) });
    expect(report.skipped).toBe(1);
  });

  it('judges by --world instead of the fixture world when given', async () => {
    const other: World = {
      stacks: [
        { StackId: '00000000-0000-4000-8000-000000000000', AppIds: [], LayerIds: [], InstanceIds: [] },
      ],
    };
    const report = await replayFixtures({ path: dir, world: other });
    // The fixture's "unknown stack" exists in this world: the double now creates a deployment, which
    // the oracle (judging by the same world) allows.
    expect(report.results.find((r) => r.fixture.rule === 'stack-exists')).toMatchObject({ status: 'fixed' });
  });

  it('says unreachable when every send is refused, and judges none of them', async () => {
    const port = await closedPort();
    const report = await replayFixtures({ path: dir, target: `http://127.0.0.1:${port}` });
    expect(report.unreachable).toBe(true);
    // A refused connection never reached the target: not a regression, so not "still failing".
    expect(report).toMatchObject({ fixed: 0, stillFailing: 0, skipped: 0, noAnswer: 3 });
    expect(report.results.map((r) => r.status)).toEqual(['no-answer', 'no-answer', 'no-answer']);
    expect(report.results[0]).toMatchObject({ exchange: { kind: 'transport-error', reason: 'refused' } });
  });

  it('judges none when nothing in the replay is answered (every connection reset)', async () => {
    const resets = await httpServer((req) => req.socket.destroy());
    try {
      const report = await replayFixtures({ path: dir, target: resets.url });
      expect(report).toMatchObject({ unreachable: true, stillFailing: 0, noAnswer: 3 });
      expect(report.results.every((r) => r.status === 'no-answer' && r.exchange.reason === 'reset')).toBe(
        true,
      );
    } finally {
      await resets.close();
    }
  });

  it('judges a fixture the target leaves unanswered once it has answered another, in file order', async () => {
    // Resets the raw-body fixture (first by name), accepts the rest: the target is up, so the reset
    // is its fault (target-answered), though it came before any answer.
    const picky = await httpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        if (body === '{"StackId": ') {
          req.socket.destroy();
          return;
        }
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': 'r' });
        res.end('{"DeploymentId":"d"}');
      });
    });
    try {
      const seen: string[] = [];
      const report = await replayFixtures({
        path: dir,
        target: picky.url,
        onResult: (r) => seen.push(r.fixture.rule),
      });
      expect(report.results.map((r) => [r.fixture.rule, r.status])).toEqual([
        ['body-is-json', 'still-failing'],
        ['stack-exists', 'still-failing'],
        ['stack-id-required', 'still-failing'],
      ]);
      expect(seen).toEqual(['body-is-json', 'stack-exists', 'stack-id-required']);
      const first = report.results[0];
      if (first?.status !== 'still-failing') throw new Error(JSON.stringify(first));
      expect(first.failures.map((f) => f.check)).toContain('target-answered');
      expect(report).toMatchObject({ unreachable: false, noAnswer: 0 });
    } finally {
      await picky.close();
    }
  });

  it('throws InputError for a bad target before sending, and for malformed fixture files', async () => {
    await expect(replayFixtures({ path: dir, target: 'nope:x' })).rejects.toBeInstanceOf(InputError);
    const bad = await mkdtemp(join(tmpdir(), 'replay-bad-'));
    await writeFile(join(bad, 'x.json'), '{"formatVersion": 1');
    await expect(replayFixtures({ path: bad })).rejects.toBeInstanceOf(InputError);
    await rm(bad, { recursive: true, force: true });
  });

  it('lets only the selected levels fail a fixture, as check does: a documented rule under observed is not held against it', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'replay-levels-'));
    try {
      await fixtureFile(folder, 'command-name-required', {
        headers,
        body: { StackId: stack.StackId, Command: {} },
      });
      const observed = await replayFixtures({ path: folder, target: acceptAll.url, levels: ['observed'] });
      expect(observed.results[0]).toMatchObject({
        status: 'fixed',
        failures: [],
        expectation: { unspecified: true },
      });
      const documented = await replayFixtures({
        path: folder,
        target: acceptAll.url,
        levels: ['documented'],
      });
      expect(documented.results[0]).toMatchObject({
        status: 'still-failing',
        failures: [expect.objectContaining({ check: 'outcome-allowed', rule: 'command-name-required' })],
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  const badOptions: Array<[string, Partial<ReplayOptions>, string]> = [
    ['timeoutMs -5', { timeoutMs: -5 }, 'timeoutMs: expected an integer from 1 to 3600000, got -5'],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'timeoutMs: expected an integer from 1 to 3600000, got NaN'],
    ['timeoutMs 0.5', { timeoutMs: 0.5 }, 'timeoutMs: expected an integer from 1 to 3600000, got 0.5'],
    [
      "levels ['bogus']",
      { levels: ['bogus' as never] },
      "levels: unknown level 'bogus'; expected documented, protocol, observed",
    ],
    ['levels []', { levels: [] }, 'levels: name at least one of documented, protocol, observed'],
  ];
  it.each(badOptions)(
    'throws one InputError line for %s, before anything is sent',
    async (_, options, message) => {
      const target = counting(acceptEverythingTarget());
      const error = await replayFixtures({ path: dir, target, ...options }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(message);
      expect(target.sends()).toBe(0);
      // Over HTTP too: refused, rather than every fixture coming back with undici's complaint.
      await expect(replayFixtures({ path: dir, target: acceptAll.url, ...options })).rejects.toThrow(message);
    },
  );

  it('stops when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await replayFixtures({ path: dir, signal: controller.signal });
    expect(report).toMatchObject({ interrupted: true, results: [] });
  });
});

/** Wraps `target` to count the CreateDeployment requests it is sent. */
function counting(target: Target): Target & { sends: () => number } {
  let sends = 0;
  return {
    ...target,
    send: (request, options) => {
      sends++;
      return target.send(request, options);
    },
    sends: () => sends,
  };
}

/**
 * The stateful checks (`deployment-id-unique`, `read-back-matches`) cannot fail on one send: a
 * fixture of theirs must be replayed with what they need (a second send, a read-back), or a target
 * that still has the bug is called fixed, or still failing for some other check's reason.
 */
describe('replayFixtures: fixtures of the stateful checks', () => {
  const valid: CaseRequest = { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } };
  /** What a reviewer's mock that accepts everything left behind: an invalid representative. */
  const invalid: CaseRequest = { headers, body: { StackId: stack.StackId, Command: {} } };
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-stateful-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes one fixture of `check` in a folder of its own, as `check --fixtures-dir` writes it. */
  async function statefulFixture(name: string, check: string, request: CaseRequest): Promise<string> {
    const folder = join(dir, name);
    await writeFixture(
      folder,
      buildFixture({
        rule: check,
        check,
        category: 'valid',
        seed: 7,
        case: { request, labels: [] },
        expectation: expectedOutcomes(request, DEFAULT_WORLD),
        observed: { outcome: 'success', status: 200 },
        world: DEFAULT_WORLD,
      }),
    );
    return folder;
  }

  it('still fails a deployment-id-unique fixture against a target that returns one DeploymentId every time', async () => {
    const path = await statefulFixture('same-id', 'deployment-id-unique', valid);
    const target = counting(wireTarget('same-id', () => jsonResponse(200, { DeploymentId: 'd-1' })));
    const report = await replayFixtures({ path, target });
    const [result] = report.results;
    if (result?.status !== 'still-failing') throw new Error(JSON.stringify(result));
    expect(result.failures).toEqual([
      {
        check: 'deployment-id-unique',
        rule: 'deployment-id-unique',
        level: 'observed',
        expected: 'a DeploymentId not returned before',
        observed: 'DeploymentId d-1 twice',
        reason: 'duplicate DeploymentId',
      },
    ]);
    expect(result.statefulCheck?.verdict.status).toBe('failed');
    expect(target.sends()).toBe(2);
    expect(report).toMatchObject({ fixed: 0, stillFailing: 1 });
  });

  it('calls a deployment-id-unique fixture fixed when the second send gets a fresh DeploymentId', async () => {
    const path = await statefulFixture('fresh-id', 'deployment-id-unique', valid);
    const target = counting(acceptEverythingTarget());
    const report = await replayFixtures({ path, target });
    expect(report.results[0]).toMatchObject({
      status: 'fixed',
      failures: [],
      statefulCheck: { check: 'deployment-id-unique', verdict: { status: 'passed' } },
    });
    expect(target.sends()).toBe(2);
  });

  it('judges the first answer by every per-exchange check too (an invalid representative, one id)', async () => {
    const path = await statefulFixture('invalid-same-id', 'deployment-id-unique', invalid);
    const target = wireTarget('same-id', () => jsonResponse(200, { DeploymentId: 'd-1' }));
    const report = await replayFixtures({ path, target });
    const [result] = report.results;
    if (result?.status !== 'still-failing') throw new Error(JSON.stringify(result));
    expect(result.failures.map((f) => f.check)).toEqual(['outcome-allowed', 'deployment-id-unique']);
  });

  it('skips uniqueness, saying why, when the request does not succeed; the other checks judge it', async () => {
    const path = await statefulFixture('invalid', 'deployment-id-unique', invalid);
    const target = counting(createDoubleTarget({ world: DEFAULT_WORLD }));
    const report = await replayFixtures({ path, target });
    expect(report.results[0]).toMatchObject({
      status: 'fixed',
      statefulCheck: {
        check: 'deployment-id-unique',
        verdict: {
          status: 'skipped',
          why: 'the request got ValidationException (HTTP 400), not a success: no DeploymentId to compare',
        },
      },
    });
    // Nothing to compare, so nothing sent a second time.
    expect(target.sends()).toBe(1);
  });

  it('skips uniqueness when only the second send fails, and judges the first answer as before', async () => {
    const path = await statefulFixture('second-fails', 'deployment-id-unique', valid);
    let n = 0;
    const target = wireTarget('then-500', () =>
      ++n === 1
        ? jsonResponse(200, { DeploymentId: 'd-1' })
        : jsonResponse(500, { __type: 'InternalFailure' }),
    );
    const report = await replayFixtures({ path, target });
    expect(report.results[0]).toMatchObject({
      status: 'fixed',
      statefulCheck: {
        verdict: { status: 'skipped', why: expect.stringMatching(/^the second send got InternalFailure/) },
      },
    });
  });

  it('does not send twice when the observed level is not selected', async () => {
    const path = await statefulFixture('levels', 'deployment-id-unique', valid);
    const target = counting(wireTarget('same-id', () => jsonResponse(200, { DeploymentId: 'd-1' })));
    const report = await replayFixtures({ path, target, levels: ['documented', 'protocol'] });
    expect(report.results[0]).toMatchObject({
      status: 'fixed',
      statefulCheck: { verdict: { status: 'skipped', why: 'level observed not selected' } },
    });
    expect(target.sends()).toBe(1);
  });

  it('replays a deployment-id-unique fixture file as check wrote it before replay sent twice', async () => {
    // The file format is unchanged: a fixture written by an earlier version is replayed the new way.
    const folder = join(dir, 'older');
    await mkdir(folder);
    await writeFile(
      join(folder, 'deployment-id-unique-f384c51a.json'),
      JSON.stringify({
        formatVersion: 1,
        rule: 'deployment-id-unique',
        check: 'deployment-id-unique',
        category: 'missing-required',
        seed: 1,
        request: invalid,
        labels: ['missing-required:Command.Name'],
        expected: { allowed: ['ValidationException'], rules: ['command-name-required'], unspecified: false },
        observed: { outcome: 'success' },
        world: DEFAULT_WORLD,
      }),
    );
    const report = await replayFixtures({
      path: folder,
      target: wireTarget('same-id', () => jsonResponse(200, { DeploymentId: 'd-1' })),
    });
    const [result] = report.results;
    if (result?.status !== 'still-failing') throw new Error(JSON.stringify(result));
    expect(result.failures.map((f) => [f.check, f.observed])).toContainEqual([
      'deployment-id-unique',
      'DeploymentId d-1 twice',
    ]);
  });

  /** The double, reading back with `Comment` changed: what a target that stores it wrongly does. */
  function wrongReadBack(): Target {
    const double = createDoubleTarget({ world: DEFAULT_WORLD });
    return {
      ...double,
      name: 'wrong-read-back',
      async describeDeployments(ids, options) {
        const got = await double.describeDeployments?.(ids, options);
        return Array.isArray(got)
          ? got.map((d) => ({ ...(d as object), Comment: 'not what was sent' }))
          : (got ?? []);
      },
    };
  }

  it('still fails a read-back-matches fixture when the deployment reads back differently', async () => {
    const request: CaseRequest = { headers, body: { ...(valid.body as object), Comment: 'sent' } };
    const path = await statefulFixture('read-back', 'read-back-matches', request);
    const report = await replayFixtures({ path, target: wrongReadBack() });
    const [result] = report.results;
    if (result?.status !== 'still-failing') throw new Error(JSON.stringify(result));
    expect(result.failures).toEqual([
      expect.objectContaining({
        check: 'read-back-matches',
        expected: 'the deployment as it was sent',
        observed: 'Comment: sent "sent", read back "not what was sent"',
      }),
    ]);
  });

  it('calls a read-back-matches fixture fixed when it reads back as sent, and skips it without read-back', async () => {
    const request: CaseRequest = { headers, body: { ...(valid.body as object), Comment: 'sent' } };
    const path = await statefulFixture('read-back-ok', 'read-back-matches', request);
    // The double (by spec: resolved with read-back, as replay asks for read-back fixtures) stores it right.
    const report = await replayFixtures({ path });
    expect(report.results[0]).toMatchObject({
      status: 'fixed',
      statefulCheck: { check: 'read-back-matches', verdict: { status: 'passed' } },
    });
    const noReadBack = await replayFixtures({ path, target: acceptEverythingTarget() });
    expect(noReadBack.results[0]).toMatchObject({
      status: 'fixed',
      statefulCheck: { verdict: { status: 'skipped', why: 'the target cannot answer DescribeDeployments' } },
    });
  });
});
