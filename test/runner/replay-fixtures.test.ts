import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { CaseRequest, World } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { InputError } from '../../src/errors/input-error.js';
import { buildFixture } from '../../src/fixtures/build-fixture.js';
import { writeFixture } from '../../src/fixtures/write-fixture.js';
import { replayFixtures } from '../../src/runner/replay-fixtures.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { closedPort, httpServer, type LoopbackServer } from '../targets/loopback-servers.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const stack = DEFAULT_WORLD.stacks[0];
if (stack === undefined) throw new Error('default world has no stack');

async function fixtureFile(
  dir: string,
  rule: string,
  request: CaseRequest,
  world: World = DEFAULT_WORLD,
): Promise<string> {
  const expectation = expectedOutcomes(request, world);
  return writeFixture(
    dir,
    buildFixture({
      rule,
      check: 'outcome-allowed',
      category: 'test',
      seed: 1,
      case: { request, labels: [] },
      expectation,
      observed: { outcome: 'success', status: 200 },
      world,
    }),
  );
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

  it('stops when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await replayFixtures({ path: dir, signal: controller.signal });
    expect(report).toMatchObject({ interrupted: true, results: [] });
  });
});
