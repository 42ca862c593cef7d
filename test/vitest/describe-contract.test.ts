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

/**
 * Runs a fixture suite (`file`, relative to the repository, as a user's reproduce line names it) in a
 * child vitest with a seed and any extra arguments, and reads its JSON report.
 */
async function runFixture(
  seed: number,
  file = 'test/vitest/fixtures/accept-everything.contract.ts',
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<Map<string, AssertionResult>> {
  const out = join(dir, `report-${seed}-${Math.random().toString(36).slice(2)}.json`);
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
      file,
      ...(extra.args ?? []),
    ],
    { cwd: repo, env: { ...process.env, OPSWORKS_CONTRACT_SEED: String(seed), ...extra.env } },
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
    // The rule's level and source, as the CLI's scorecard shows them.
    expect(message).toMatch(/rule: .+ \(documented; .+\)/);
    // The file and the rule, not the suite's name (a URL with a random port would not match again).
    expect(message).toContain(
      "reproduce: OPSWORKS_CONTRACT_SEED=42 npx vitest run test/vitest/fixtures/accept-everything.contract.ts -t ' stack-id-required$'",
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

  it('runs that one rule again, with the same counterexample, from the printed reproduce line', async () => {
    const message = first.get('stack-id-required')?.failureMessages.join('\n') ?? '';
    // The line as printed: `SEED=42 npx vitest run FILE -t 'PATTERN'` (the pattern holds no quote).
    const line = /reproduce: OPSWORKS_CONTRACT_SEED=(\d+) npx vitest run (\S+) -t '([^']*)'/.exec(message);
    expect(line, message).not.toBeNull();
    const [, seed, file, pattern] = line as RegExpExecArray;
    const again = await runFixture(Number(seed), file, { args: ['-t', pattern as string] });
    const ran = [...again.values()].filter((a) => a.status !== 'skipped');
    expect(ran.map((a) => a.title)).toEqual(['stack-id-required']);
    expect(again.get('stack-id-required')?.failureMessages).toEqual(
      first.get('stack-id-required')?.failureMessages,
    );
  }, 120_000);

  it('reproduces the same counterexample from the same seed', async () => {
    const again = await runFixture(42);
    expect(again.get('stack-id-required')?.failureMessages).toEqual(
      first.get('stack-id-required')?.failureMessages,
    );
  }, 120_000);
});

describe('describeContract against a target that never answers', () => {
  it('fails each rule on its first unanswered case without shrinking, and stops sending after three', async () => {
    const summaryFile = join(dir, 'no-answer.json');
    const results = await runFixture(7, 'test/vitest/fixtures/no-answer.contract.ts', {
      env: { NO_ANSWER_SUMMARY: summaryFile },
    });
    const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as {
      sends: number;
      results: Array<{ rule: string; status: string }>;
    };
    const tried = ['valid-request-succeeds', 'stack-id-required', 'command-required'];
    const untried = ['custom-json-must-be-object', 'member-type-mismatch', 'post-only'];
    // One send per rule until three went unanswered; shrinking one more case each would only refuse again.
    expect(summary.sends).toBe(3);
    for (const rule of [...tried, ...untried]) expect(results.get(rule)?.status, rule).toBe('failed');
    for (const rule of tried) {
      const message = results.get(rule)?.failureMessages.join('\n') ?? '';
      expect(message).toContain(`${rule}: no answer from the target at case 1 (not shrunk`);
      expect(message).toContain('transport error (refused)');
    }
    for (const rule of untried) {
      expect(results.get(rule)?.failureMessages.join('\n')).toContain(
        `${rule}: not tried: no-answer never answered this suite (3 transport failures, the last: refused: connect ECONNREFUSED 127.0.0.1:1)`,
      );
    }
  }, 120_000);
});
