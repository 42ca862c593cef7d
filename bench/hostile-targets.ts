/**
 * How long a short `check` takes against each hostile loopback target of issue 8, and what it
 * reports, next to the same run against a well-behaved loopback target (the baseline, same run).
 *
 *   npx tsx bench/hostile-targets.ts [--timeout MS] [--max-cases N]
 *
 * Every run: `--runs 5 --concurrency 4 --seed 8`, one coverage case per category, reports off.
 * Prints a Markdown table (kind, status and exit code, cases, transport failures, what the first
 * violation observed, wall time).
 */
import { parseArgs } from 'node:util';
import { checkTarget } from '../src/runner/check-target.js';
import type { RunResult } from '../src/runner/run-result.js';
import {
  acceptEverythingServer,
  HOSTILE_KINDS,
  type HostileKind,
  hostileServer,
} from '../test/hardening/hostile-servers.js';
import { closedPort, type LoopbackServer } from '../test/targets/loopback-servers.js';

const { values } = parseArgs({ options: { timeout: { type: 'string' }, 'max-cases': { type: 'string' } } });
const TIMEOUT_MS = Number(values.timeout ?? 500);
const MAX_CASES = Number(values['max-cases'] ?? 40);
const EXIT: Record<RunResult['status'], number> = {
  conformant: 0,
  violations: 1,
  unreachable: 3,
  interrupted: 130,
};

async function measure(kind: string, url: string): Promise<string> {
  const t0 = performance.now();
  const result = await checkTarget({
    target: url,
    timeoutMs: TIMEOUT_MS,
    runs: 5,
    concurrency: 4,
    seed: 8,
    coveragePerCategory: 1,
    maxCases: MAX_CASES,
    reportDir: null,
  });
  const ms = performance.now() - t0;
  const transport = Object.entries(result.transportErrors)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  const first = result.violations[0]?.observed;
  const observed = first?.transportError ?? (first ? `${first.outcome} ${first.status ?? ''}`.trim() : '');
  const why = result.status === 'unreachable' ? (result.notes[0] ?? '') : observed;
  return `| ${kind} | ${result.status} (exit ${EXIT[result.status]}) | ${result.cases} | ${transport || '—'} | ${why.replace(/\|/g, '\\|').slice(0, 90)} | ${Math.round(ms)} ms |`;
}

const rows: string[] = [];
const baseline = await acceptEverythingServer();
rows.push(await measure('baseline: accepts everything', baseline.url));
await baseline.close();
for (const kind of HOSTILE_KINDS as readonly HostileKind[]) {
  const server: LoopbackServer = await hostileServer(kind);
  rows.push(await measure(kind, server.url));
  await server.close();
}
rows.push(await measure('closed port', `http://127.0.0.1:${await closedPort()}`));

console.log(
  `--timeout ${TIMEOUT_MS} --max-cases ${MAX_CASES} --runs 5 --concurrency 4, one coverage case per category\n`,
);
console.log('| target | status | cases | transport failures | reported | wall time |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
