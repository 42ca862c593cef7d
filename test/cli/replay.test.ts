import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDeploymentCommand, OpsWorksClient, ValidationException } from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { writeFixture } from '../../src/fixtures/write-fixture.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { fixtureFor } from '../fixtures/fixture-for.js';
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
      fixtureFor('stack-id-required', request, {
        category: 'missing-required',
        seed: 3,
        labels: ['missing-required:StackId'],
      }),
    );
    // What `generate` writes, and a report.json as `check --report-dir rep --fixtures-dir fx` writes it.
    expect((await run(['generate', '--count', '2', '--seed', '1', '--out', 'corpus'], dir)).code).toBe(0);
    await mkdir(join(dir, 'rep'));
    await writeFile(
      join(dir, 'rep', 'report.json'),
      JSON.stringify({
        formatVersion: 1,
        summary: { cases: 9, passed: 8, failed: 1, skipped: 0, durationMs: 4, casesPerSecond: 2250, seed: 3 },
        rules: [{ id: 'stack-id-required', level: 'documented', status: 'failed' }],
        violations: [
          {
            rule: 'stack-id-required',
            check: 'outcome-allowed',
            fixture: 'fx/stack-id-required-0a1b2c3d.json',
          },
        ],
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

  it('exits 3 when the target refuses every connection, with no fixture called still failing', async () => {
    const port = await closedPort();
    const { code, out, err } = await run(['replay', 'fx', '--target', `http://127.0.0.1:${port}`], dir);
    expect(code).toBe(3);
    // Nothing was judged: no per-fixture blocks, one summary line, one line naming the target.
    expect(out).not.toMatch(/STILL FAILING|NOT REPLAYED/);
    expect(out).toBe(
      `1 fixture against http://127.0.0.1:${port}: 0 fixed, 0 still failing, 0 skipped, 1 not replayed: no answer\n`,
    );
    expect(err).toMatch(
      new RegExp(
        `^opsworks-contract replay: target unreachable: http://127\\.0\\.0\\.1:${port} answered none of the 1 fixture sent \\(1 refused: .*ECONNREFUSED.*\\); is it running and is the URL right\\?\\n$`,
      ),
    );
  });

  it('says which fixtures were not replayed when the target stops answering mid-replay, and exits 3', async () => {
    const stack = DEFAULT_WORLD.stacks[0];
    if (stack === undefined) throw new Error('default world has no stack');
    const fixtureOf = (rule: string, request: CaseRequest) =>
      fixtureFor(rule, request, { observed: { outcome: 'ValidationException', status: 400 } });
    // Sorted by name: the valid request goes first and is answered; the server then stops listening.
    await writeFixture(
      join(dir, 'dies'),
      fixtureOf('a-valid-request', { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } }),
    );
    await writeFixture(
      join(dir, 'dies'),
      fixtureOf('stack-id-required', { headers, body: { Command: { Name: 'setup' } } }),
    );
    const server = createServer((req, res) => {
      server.close();
      req.resume();
      req.on('end', () => {
        res.writeHead(200, {
          'content-type': JSON_CONTENT_TYPE,
          'x-amzn-requestid': 'r',
          connection: 'close',
        });
        res.end('{"DeploymentId":"d"}');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const { code, out, err } = await run(['replay', 'dies', '--target', `http://127.0.0.1:${port}`], dir);
    expect(out).toMatch(
      /^FIXED +dies\/a-valid-request-[0-9a-f]{8}\.json\nNOT REPLAYED +dies\/stack-id-required-[0-9a-f]{8}\.json \(no answer, refused: .*ECONNREFUSED.*\)\n/,
    );
    expect(out).toMatch(/: 1 fixed, 0 still failing, 0 skipped, 1 not replayed: no answer\n$/);
    expect(err).toMatch(/target unreachable: .* gave no answer to 1 of the 2 fixtures sent \(1 refused: /);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(code).toBe(3);
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
    // Files users pass by mistake: named for what they are, with what to pass instead.
    [
      ['replay', 'corpus/index.json'],
      /corpus\/index\.json: a corpus index written by `generate`, not a fixture; pass the corpus directory instead \(its case-\*\.json files are fixtures\): \S*corpus\n/,
    ],
    [
      ['replay', 'rep/report.json'],
      /rep\/report\.json: a `check` report, not a fixture; pass the directory its run wrote fixtures to \(--fixtures-dir\) instead: fx\n/,
    ],
    [['replay', 'rep'], /rep\/report\.json: a `check` report, not a fixture; .*: fx\n/],
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
