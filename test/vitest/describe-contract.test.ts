import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/contract/rule-catalog.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

interface AssertionResult {
  title: string;
  status: string;
  failureMessages: string[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'describe-contract-'));
  await writeFile(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['**/*.contract.ts'], pool: 'forks', testTimeout: 60000 } };\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the fixture suite in a child vitest with a seed, and reads its JSON report. */
async function runFixture(seed: number): Promise<Map<string, AssertionResult>> {
  const out = join(dir, `report-${seed}.json`);
  await run(
    process.execPath,
    [
      join(repo, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      join(dir, 'vitest.config.mjs'),
      '--root',
      fixtures,
      '--reporter=json',
      `--outputFile=${out}`,
    ],
    { cwd: repo, env: { ...process.env, OPSWORKS_CONTRACT_SEED: String(seed) } },
  ).catch((error: { code?: number }) => {
    // Exit 1 is the point: the target breaks rules. Anything else is a broken run.
    if (error.code !== 1) throw error;
  });
  const report = JSON.parse(await readFile(out, 'utf8')) as {
    testResults: Array<{ assertionResults: AssertionResult[] }>;
  };
  return new Map(report.testResults.flatMap((f) => f.assertionResults).map((a) => [a.title, a]));
}

describe('describeContract, run by vitest against a target that accepts everything', () => {
  let first: Map<string, AssertionResult>;
  beforeAll(async () => {
    first = await runFixture(42);
  }, 120_000);

  it('registers one test per rule of the catalog, named by the rule id', () => {
    expect([...first.keys()].sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('fails the rules the target breaks, with the minimal counterexample, expected vs observed and the seed', () => {
    const failed = first.get('stack-id-required');
    expect(failed?.status).toBe('failed');
    const message = failed?.failureMessages.join('\n') ?? '';
    expect(message).toContain('stack-id-required: violated');
    expect(message).toContain('minimal counterexample');
    expect(message).toMatch(/expected: .*ValidationException/);
    expect(message).toContain('observed: success (HTTP 200)');
    expect(message).toContain('seed: 42');
    expect(message).toContain(
      "reproduce: OPSWORKS_CONTRACT_SEED=42 npx vitest run -t 'accept-everything stack-id-required'",
    );
    // Shrunk: the request no longer carries a StackId, and nothing optional is left.
    expect(message).not.toContain('"StackId"');
    expect(message).not.toMatch(/"(Comment|CustomJson|InstanceIds|LayerIds)"/);
    expect(first.get('custom-json-must-be-object')?.status).toBe('failed');
  });

  it('passes the rules the target keeps, and skips (not drops) the others', () => {
    expect(first.get('valid-request-succeeds')?.status).toBe('passed');
    expect(first.get('read-back-matches')?.status).toBe('skipped');
    expect(first.get('command-name-enum')?.status).toBe('skipped');
  });

  it('reproduces the same counterexample from the same seed', async () => {
    const again = await runFixture(42);
    expect(again.get('stack-id-required')?.failureMessages).toEqual(
      first.get('stack-id-required')?.failureMessages,
    );
  }, 120_000);
});
