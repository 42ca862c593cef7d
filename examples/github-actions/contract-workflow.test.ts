/**
 * Runs the CI workflow in `contract.yml` locally, step by step as GitHub Actions would: the `check`
 * command of every matrix shard (same seed, own slice), the artifact upload/download, then `merge`.
 * The commands are read from the workflow file itself, so the file cannot drift from what works.
 * Only `--runs` is turned down, to keep the example quick.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES, serveDouble } from 'opsworks-contract';
import { afterAll, describe, expect, it } from 'vitest';
// The CLI entry point (`npx opsworks-contract ...` calls this), in-process so the test needs no build.
import { main } from '../../src/cli/main.js';

const workflow = await readFile(new URL('./contract.yml', import.meta.url), 'utf8');

function line(pattern: RegExp): string {
  const match = workflow.match(pattern);
  if (match?.[1] === undefined) throw new Error(`contract.yml: no line matches ${pattern}`);
  return match[1];
}

/** Splits a shell command line the simple way the workflow writes it (no nested quoting). */
function argv(command: string): string[] {
  return (command.match(/"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/^"|"$/g, ''));
}

const shards = line(/shard: \[([^\]]+)\]/)
  .split(',')
  .map((s) => Number(s.trim()));
const shardCount = Number(line(/SHARDS: (\d+)/));
const checkLine = line(/run: npx opsworks-contract (check .*)/);
const mergeLine = line(/run: npx opsworks-contract (merge .*)/);

const served = await serveDouble({ port: 0, host: '127.0.0.1' });
const cwd = await mkdtemp(join(tmpdir(), 'contract-workflow-'));
afterAll(async () => {
  await served.close();
  await rm(cwd, { recursive: true, force: true });
});

function io() {
  let out = '';
  let err = '';
  return {
    stdout: (t: string) => {
      out += t;
    },
    stderr: (t: string) => {
      err += t;
    },
    isTTY: false,
    env: {},
    cwd,
    signal: new AbortController().signal,
    text: () => `${out}\n${err}`,
  };
}

describe('examples/github-actions/contract.yml', () => {
  it('declares one matrix job per shard', () => {
    expect(shards).toEqual(Array.from({ length: shardCount }, (_, i) => i + 1));
  });

  it('runs: every shard checks its slice, then merge writes one report with a test case per rule', async () => {
    for (const shard of shards) {
      // GitHub's expressions, as the runner would fill them in for this matrix job.
      const values: Record<string, string> = {
        'github.run_id': '20261126',
        'matrix.shard': String(shard),
        'env.SHARDS': String(shardCount),
      };
      const command = checkLine
        .replaceAll('"$OPSWORKS_CONTRACT_TARGET"', served.url)
        .replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => {
          const value = values[name];
          if (value === undefined) throw new Error(`contract.yml: unexpected expression ${name}`);
          return value;
        })
        .replace(/--runs \d+/, '--runs 40');
      const run = io();
      expect(await main(argv(command), run), run.text()).toBe(0);
      // upload-artifact (name contract-shard-N) then download-artifact (pattern contract-shard-*, path shards)
      await cp(join(cwd, 'reports', `shard-${shard}`), join(cwd, 'shards', `contract-shard-${shard}`), {
        recursive: true,
      });
    }
    const run = io();
    expect(await main(argv(mergeLine), run), run.text()).toBe(0);
    const report = JSON.parse(await readFile(join(cwd, 'reports', 'report.json'), 'utf8'));
    expect(report.summary.seed).toBe(20261126);
    expect(report.summary.notes).toContain(`merged shards ${shards.join(', ')} of ${shardCount}`);
    const junit = await readFile(join(cwd, 'reports', 'junit.xml'), 'utf8');
    for (const rule of RULES) expect(junit).toContain(`name="${rule.id}"`);

    // A shard job that dies before its upload leaves no artifact; the merge job still runs
    // (`if: always()`) and must fail rather than pass the shards that are left.
    const last = shards[shards.length - 1];
    await rm(join(cwd, 'shards', `contract-shard-${last}`), { recursive: true });
    const partial = io();
    expect(await main(argv(mergeLine), partial)).toBe(2);
    expect(partial.text()).toContain(`shard(s) ${last} of ${shardCount} missing`);
  });
});
