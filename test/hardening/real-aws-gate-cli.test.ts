import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateDeploymentCommand, OpsWorksClient } from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { runCliInProcess } from './cli-process.js';

// Issue 8, the real-AWS gate at the CLI level (test/targets/real-aws-gate.test.ts covers
// resolveTarget): `check --target aws:REGION` with every OpsWorksClient.send intercepted, so no
// request leaves the process and the credential chain is never asked.

const opsworks = mockClient(OpsWorksClient);
afterEach(() => opsworks.reset());

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-aws-gate-'));
});
afterAll(async () => {
  opsworks.restore();
  await rm(dir, { recursive: true, force: true });
});

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
/** Whether the oracle allows `input` to succeed against `world`: a real deployment. */
const mayDeploy = (input: unknown, world = DEFAULT_WORLD): boolean =>
  expectedOutcomes({ headers, body: input }, world).allowed.includes('success');

const run = (args: string[]) =>
  runCliInProcess(
    ['check', '--target', 'aws:us-east-1', '--runs', '30', '--seed', '12', '--quiet', '--no-shrink', ...args],
    dir,
  );

describe('check --target aws:REGION', () => {
  it('without --allow-deployments sends no request that may succeed, and counts the ones held back', async () => {
    opsworks.on(CreateDeploymentCommand).rejects(
      Object.assign(new Error('invalid'), {
        name: 'ValidationException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const reportDir = join(dir, 'gated');
    const result = await run(['--report-dir', reportDir]);
    expect([0, 1], result.stderr).toContain(result.code);
    const inputs = opsworks.commandCalls(CreateDeploymentCommand).map((c) => c.args[0].input);
    expect(inputs.length).toBeGreaterThan(0);
    expect(inputs.filter((i) => mayDeploy(i))).toEqual([]);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    const heldBack = Object.entries(report.summary.skipReasons as Record<string, number>)
      .filter(([reason]) => reason.includes('real-AWS gate'))
      .reduce((sum, [, count]) => sum + count, 0);
    expect(heldBack).toBeGreaterThan(0);
    expect(result.stderr).not.toMatch(/real deployments/);
  });

  it('--allow-deployments without --world: exit 2, one line, nothing sent, nothing written', async () => {
    const reportDir = join(dir, 'no-world');
    const result = await run(['--allow-deployments', '--report-dir', reportDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'opsworks-contract check: --allow-deployments needs --world naming a sandbox stack you own\n',
    );
    expect(opsworks.calls()).toHaveLength(0);
    expect(existsSync(reportDir)).toBe(false);
  });

  it('--allow-deployments with --world: prints the warning before sending, then sends valid requests', async () => {
    const world = {
      stacks: [{ StackId: 'sandbox-stack-1', AppIds: ['sandbox-app-1'], InstanceIds: ['i-1'] }],
    };
    const worldFile = join(dir, 'sandbox.json');
    await writeFile(worldFile, JSON.stringify(world));
    let callsAtWarning = -1;
    let n = 0;
    opsworks.on(CreateDeploymentCommand).callsFake(async () => ({ DeploymentId: `real-${++n}` }));
    const reportDir = join(dir, 'allowed');
    const result = await runCliInProcess(
      [
        'check',
        '--target',
        'aws:us-east-1',
        '--allow-deployments',
        '--world',
        worldFile,
        '--runs',
        '30',
        '--seed',
        '12',
        '--quiet',
        '--no-shrink',
        '--report-dir',
        reportDir,
      ],
      dir,
      {
        onStderr: (text) => {
          if (text.includes('real deployments')) callsAtWarning = opsworks.calls().length;
        },
      },
    );
    // The warning comes first: nothing had been sent when it was printed.
    expect(callsAtWarning, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^warning: --allow-deployments: .*real deployments/im);
    const inputs = opsworks.commandCalls(CreateDeploymentCommand).map((c) => c.args[0].input);
    const deploying = inputs.filter((i) =>
      mayDeploy(i, { stacks: [{ ...world.stacks[0], LayerIds: [] }] } as never),
    );
    expect(deploying.length).toBeGreaterThan(0);
    for (const i of deploying) expect((i as { StackId?: string }).StackId).toBe('sandbox-stack-1');
  });
});
