/**
 * Object-level targets (`client:`, `sdk:` mocks) often report no HTTP status (status 0): what replay
 * prints about their answers must leave the HTTP part out, not print a placeholder such as `HTTP ?`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { writeFixture } from '../../src/fixtures/write-fixture.js';
import { fixtureFor } from '../fixtures/fixture-for.js';
import { captureIo } from './capture-io.js';

describe('replay against a target that reports no HTTP status', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'replay-no-status-'));
    const request: CaseRequest = {
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET },
      body: { Command: { Name: 'setup' } },
    };
    await writeFixture(
      join(dir, 'fx'),
      fixtureFor('stack-id-required', request, {
        category: 'missing-required',
        labels: ['missing-required:StackId'],
        observed: { outcome: 'success' },
      }),
    );
    // A hand-rolled mock, as a `client:` module may be: it resolves with no `$metadata`, so no status.
    await writeFile(
      join(dir, 'mock.mjs'),
      "let n = 0;\nexport const client = { send: async () => ({ DeploymentId: 'd-' + ++n }) };\n",
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints `observed success`, with no HTTP placeholder', async () => {
    const io = captureIo({ cwd: dir });
    const code = await main(['replay', 'fx', '--target', 'client:./mock.mjs'], io);
    expect(io.out()).toMatch(/^ {4}expected ValidationException, observed success$/m);
    expect(io.out()).toMatch(
      /^ {4}outcome-allowed \(stack-id-required\): expected ValidationException; observed success$/m,
    );
    expect(io.out()).not.toMatch(/HTTP \?|HTTP 0/);
    expect(code).toBe(1);
  });
});
