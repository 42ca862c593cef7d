import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { type JsonReport, toJsonReport } from '../../src/reporters/json-reporter.js';
import { checkTarget } from '../../src/runner/check-target.js';
import { mergeReports, parseJsonReport } from '../../src/runner/merge-reports.js';
import { acceptEverythingTarget } from './mock-targets.js';

const SEED = 4242;

async function shardReport(
  index: number,
  count: number,
  target = acceptEverythingTarget(),
): Promise<JsonReport> {
  const result = await checkTarget({
    target,
    runs: 30,
    seed: SEED,
    reportDir: null,
    shard: { index, count },
    maxShrinkSends: 20,
  });
  return toJsonReport(result);
}

describe('mergeReports', () => {
  it('sums the shards of one run: cases, rule and check counts, categories', async () => {
    const a = await shardReport(1, 2);
    const b = await shardReport(2, 2);
    const merged = mergeReports([
      { source: 'a/report.json', report: a },
      { source: 'b/report.json', report: b },
    ]);
    expect(merged.cases).toBe(a.summary.cases + b.summary.cases);
    expect(merged.failed).toBe(a.summary.failed + b.summary.failed);
    expect(merged.seed).toBe(SEED);
    expect(merged.shard).toBeUndefined();
    const rule = (r: JsonReport | typeof merged, id: string) => r.rules.find((x) => x.id === id);
    expect(rule(merged, 'stack-id-required')?.cases).toBe(
      (rule(a, 'stack-id-required')?.cases ?? 0) + (rule(b, 'stack-id-required')?.cases ?? 0),
    );
    expect(rule(merged, 'stack-id-required')?.status).toBe('fail');
    const check = merged.checks.find((c) => c.id === 'outcome-allowed');
    expect(check?.failed).toBe(
      (a.checks.find((c) => c.id === 'outcome-allowed')?.failed ?? 0) +
        (b.checks.find((c) => c.id === 'outcome-allowed')?.failed ?? 0),
    );
    expect(merged.durationMs).toBe(Math.max(a.summary.durationMs, b.summary.durationMs));
    expect(merged.notes).toContain('merged shards 1, 2 of 2');
  });

  it('keeps one violation per failure group, the smallest counterexample, with the counts of every shard', async () => {
    const a = await shardReport(1, 2);
    const b = await shardReport(2, 2);
    const merged = mergeReports([
      { source: 'a', report: a },
      { source: 'b', report: b },
    ]);
    const groups = new Set([...a.violations, ...b.violations].map((v) => v.group));
    expect(merged.violations.map((v) => v.group).sort()).toEqual([...groups].sort());
    for (const v of merged.violations) {
      const parts = [...a.violations, ...b.violations].filter((x) => x.group === v.group);
      expect(v.count).toBe(parts.reduce((n, x) => n + x.count, 0));
      const smallest = Math.min(...parts.map((x) => JSON.stringify(x.request).length));
      expect(JSON.stringify(v.request).length).toBe(smallest);
    }
    expect(merged.status).toBe('violations');
  });

  it('names missing shards', async () => {
    const merged = mergeReports([
      { source: 'a', report: await shardReport(1, 3) },
      { source: 'c', report: await shardReport(3, 3) },
    ]);
    expect(merged.notes).toContain('shard(s) 2 of 3 missing: their cases were not run');
  });

  it('refuses reports of different runs, repeated shards and splits of different sizes, naming the file', async () => {
    const a = await shardReport(1, 2);
    const otherSeed: JsonReport = { ...a, summary: { ...a.summary, seed: 1, shard: { index: 2, count: 2 } } };
    expect(() =>
      mergeReports([
        { source: 'a', report: a },
        { source: 'x/report.json', report: otherSeed },
      ]),
    ).toThrow(/x\/report\.json: seed 1 differs from 4242 in a; merge only the shards of one run/);
    expect(() =>
      mergeReports([
        { source: 'a', report: a },
        { source: 'again', report: a },
      ]),
    ).toThrow('again: shard 1/2 is also in a');
    const ofThree: JsonReport = { ...a, summary: { ...a.summary, shard: { index: 2, count: 3 } } };
    expect(() =>
      mergeReports([
        { source: 'a', report: a },
        { source: 't', report: ofThree },
      ]),
    ).toThrow(/t: shard 2\/3 is from a split into 3, not 2/);
    expect(() => mergeReports([])).toThrow(InputError);
  });
});

describe('parseJsonReport', () => {
  it('reads what check writes and refuses anything else with the file and JSON path', async () => {
    const report = await shardReport(1, 1);
    expect(parseJsonReport(JSON.stringify(report), 'r.json').summary.seed).toBe(SEED);
    expect(() => parseJsonReport('{', 'r.json')).toThrow(/^r\.json: not JSON/);
    expect(() => parseJsonReport('{"formatVersion":1,"summary":{}}', 'r.json')).toThrow(
      'r.json: $.summary.cases: expected a number',
    );
    expect(() => parseJsonReport('[]', 'r.json')).toThrow('r.json: $: expected an object');
  });
});
