import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDeploymentCommand, OpsWorksClient, ValidationException } from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { buildFixture } from '../../src/fixtures/build-fixture.js';
import { writeFixture } from '../../src/fixtures/write-fixture.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { closedPort, httpServer, type LoopbackServer } from '../targets/loopback-servers.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };

async function run(
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string; both: string }> {
  let out = '';
  let err = '';
  let both = '';
  const code = await main(args, {
    stdout: (t) => {
      out += t;
      both += t;
    },
    stderr: (t) => {
      err += t;
      both += t;
    },
    isTTY: false,
    env: {},
    cwd,
    signal: new AbortController().signal,
  });
  return { code, out, err, both };
}

describe('opsworks-contract replay', () => {
  let dir: string;
  let acceptAll: LoopbackServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-cli-'));
    const request: CaseRequest = { headers, body: { Command: { Name: 'setup' } } };
    await writeFixture(
      join(dir, 'fx'),
      buildFixture({
        rule: 'stack-id-required',
        check: 'outcome-allowed',
        category: 'missing-required',
        seed: 3,
        case: { request, labels: ['missing-required:StackId'] },
        expectation: expectedOutcomes(request, DEFAULT_WORLD),
        observed: { outcome: 'success', status: 200 },
        world: DEFAULT_WORLD,
      }),
    );
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

  it('prints FIXED and exits 0 against the double', async () => {
    const { code, out } = await run(['replay', 'fx'], dir);
    expect(out).toMatch(/^FIXED +fx\/stack-id-required-[0-9a-f]{8}\.json$/m);
    expect(out).toMatch(/1 fixture against double: 1 fixed, 0 still failing, 0 skipped/);
    expect(code).toBe(0);
  });

  it('prints STILL FAILING with expected vs observed and exits 1 against a mock that accepts everything', async () => {
    const { code, out } = await run(['replay', 'fx', '--target', acceptAll.url], dir);
    expect(out).toMatch(/^STILL FAILING +fx\/stack-id-required-/m);
    expect(out).toMatch(/expected ValidationException, observed success \(HTTP 200\)/);
    expect(code).toBe(1);
  });

  it('exits 3 when the target refuses every connection', async () => {
    const port = await closedPort();
    const { code, err } = await run(['replay', 'fx', '--target', `http://127.0.0.1:${port}`], dir);
    expect(code).toBe(3);
    expect(err).toMatch(/unreachable/);
  });

  it.each([
    [['replay'], /exactly one FIXTURE_OR_DIR/],
    [['replay', 'missing-dir'], /missing-dir: not found/],
    [['replay', 'fx', '--target', 'gopher://x'], /unknown scheme/],
    [['replay', 'fx', '--timeout', 'soon'], /--timeout soon/],
    [['replay', 'fx', '--world', 'nope.json'], /nope\.json/],
    [
      ['replay', 'fx', '--target', 'aws:us-east-1', '--allow-deployments'],
      /--allow-deployments needs --world/,
    ],
  ])('%j exits 2 with one line', async (args, message) => {
    const { code, err } = await run(args, dir);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('aws: with --allow-deployments and --world prints the warning before sending (SDK intercepted)', async () => {
    const opsworks = mockClient(OpsWorksClient);
    try {
      opsworks
        .on(CreateDeploymentCommand)
        .rejects(new ValidationException({ message: 'StackId missing', $metadata: { httpStatusCode: 400 } }));
      await writeFile(join(dir, 'sandbox.json'), JSON.stringify(DEFAULT_WORLD));
      const { code, both } = await run(
        ['replay', 'fx', '--target', 'aws:us-east-1', '--allow-deployments', '--world', 'sandbox.json'],
        dir,
      );
      expect(both).toMatch(/^warning: --allow-deployments: .*real deployments.*\n(.|\n)*^FIXED /m);
      expect(code).toBe(0);
      expect(opsworks.commandCalls(CreateDeploymentCommand)).toHaveLength(1);
    } finally {
      opsworks.restore();
    }
  });
});
