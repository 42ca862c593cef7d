/**
 * The reviewer's report, end to end: `check --target client:./opsworks-mock.js` against a mock
 * whose send always returns `{ DeploymentId: 'd-1' }` writes a deployment-id-unique fixture; `replay`
 * must judge that fixture on uniqueness (by sending its request twice), not on whatever else its
 * representative request happens to break.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { buildFixture } from '../../src/fixtures/build-fixture.js';
import { writeFixture } from '../../src/fixtures/write-fixture.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { captureIo } from './capture-io.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const stack = DEFAULT_WORLD.stacks[0];
if (stack === undefined) throw new Error('default world has no stack');

describe('replay of a deployment-id-unique fixture', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-unique-'));
    const fixture = async (folder: string, request: CaseRequest): Promise<void> => {
      await writeFixture(
        join(dir, folder),
        buildFixture({
          rule: 'deployment-id-unique',
          check: 'deployment-id-unique',
          category: 'valid',
          seed: 1,
          case: { request, labels: [] },
          expectation: expectedOutcomes(request, DEFAULT_WORLD),
          observed: { outcome: 'success' },
          world: DEFAULT_WORLD,
        }),
      );
    };
    await fixture('valid', { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } });
    await fixture('invalid', { headers, body: { StackId: stack.StackId, Command: {} } });
    await writeFile(
      join(dir, 'same-id.mjs'),
      "export const client = { send: async () => ({ DeploymentId: 'd-1' }) };\n",
    );
    await writeFile(
      join(dir, 'fresh-ids.mjs'),
      "let n = 0;\nexport const client = { send: async () => ({ DeploymentId: 'd-' + ++n }) };\n",
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints STILL FAILING with the duplicate DeploymentId and exits 1 when the mock returns one id', async () => {
    const io = captureIo({ cwd: dir });
    const code = await main(['replay', 'valid', '--target', 'client:./same-id.mjs'], io);
    expect(io.out()).toMatch(/^STILL FAILING +valid\/deployment-id-unique-[0-9a-f]{8}\.json$/m);
    expect(io.out()).toMatch(
      /^ {4}deployment-id-unique: expected a DeploymentId not returned before; observed DeploymentId d-1 twice$/m,
    );
    expect(code).toBe(1);
  });

  it('prints FIXED and exits 0 when the mock returns a fresh id each time', async () => {
    const io = captureIo({ cwd: dir });
    const code = await main(['replay', 'valid', '--target', 'client:./fresh-ids.mjs'], io);
    expect(io.out()).toMatch(/^FIXED +valid\/deployment-id-unique-[0-9a-f]{8}\.json$/m);
    expect(code).toBe(0);
  });

  it('says uniqueness was skipped, and why, when the request is rejected', async () => {
    const io = captureIo({ cwd: dir });
    const code = await main(['replay', 'invalid'], io);
    expect(io.out()).toMatch(
      /^FIXED +invalid\/deployment-id-unique-[0-9a-f]{8}\.json \(deployment-id-unique skipped: the request got ValidationException \(HTTP 400\), not a success: no DeploymentId to compare\)$/m,
    );
    expect(code).toBe(0);
  });
});
