import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { type JsonReport, toJsonReport } from '../../src/reporters/json-reporter.js';
import { checkTarget } from '../../src/runner/check-target.js';
import { mergeReports, parseJsonReport } from '../../src/runner/merge-reports.js';
import { acceptEverythingTarget, jsonResponse, wireTarget } from './mock-targets.js';

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
  it('lets a request the contract lets succeed stand for a repeated DeploymentId, as one run does', async () => {
    const oneId = () => wireTarget('one-id', () => jsonResponse(200, { DeploymentId: 'd-1' }));
    const [a, b] = [await shardReport(1, 2, oneId()), await shardReport(2, 2, oneId())];
    const unique = (r: JsonReport) => {
      const v = r.violations.find((x) => x.check === 'deployment-id-unique');
      if (v === undefined) throw new Error('no repeated DeploymentId in a shard');
      return v;
    };
    // Shard 1's representative: a tiny request the contract refuses; shard 2's: a larger valid one.
    const refused = {
      ...unique(a),
      request: { headers: {}, body: {} },
      expected: { ...unique(a).expected, allowed: ['ValidationException'] },
    };
    const succeeds = { ...unique(b), expected: { ...unique(b).expected, allowed: ['success'] } };
    const merged = mergeReports([
      { source: 'a', report: { ...a, violations: [refused] } },
      { source: 'b', report: { ...b, violations: [succeeds] } },
    ]);
    const v = merged.violations.find((x) => x.check === 'deployment-id-unique');
    expect(v?.request).toEqual(succeeds.request);
    expect(v?.count).toBe(refused.count + succeeds.count);
  });

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

  it('refuses missing shards by default, naming them and the fix, even for a single shard report', async () => {
    const one = { source: 'a', report: await shardReport(1, 3) };
    const three = { source: 'c', report: await shardReport(3, 3) };
    expect(() => mergeReports([one, three])).toThrow(InputError);
    expect(() => mergeReports([one, three])).toThrow(
      "shard(s) 2 of 3 missing (got 1, 3); pass every shard's report.json, or add --allow-missing to merge what there is",
    );
    // A lone shard used to skip the shard checks altogether and pass as a whole run.
    expect(() => mergeReports([one])).toThrow(/^shard\(s\) 2, 3 of 3 missing \(got 1\); /);
  });

  it('with allowMissing, merges the shards given and names the missing ones in the notes and the result', async () => {
    const one = await shardReport(1, 3);
    const merged = mergeReports(
      [
        { source: 'a', report: one },
        { source: 'c', report: await shardReport(3, 3) },
      ],
      { allowMissing: true },
    );
    expect(merged.missingShards).toEqual([2]);
    expect(merged.notes).toContain('shard(s) 2 of 3 missing: their cases were not run');
    // The status is that of the shards that ran, as check would have said for them.
    expect(merged.status).toBe('violations');
    const alone = mergeReports([{ source: 'a', report: one }], { allowMissing: true });
    expect(alone.missingShards).toEqual([2, 3]);
    expect(alone.notes).toContain('shard(s) 2, 3 of 3 missing: their cases were not run');
  });

  it('merges a single report of a run that was not split as it is', async () => {
    const whole = toJsonReport(
      await checkTarget({ target: acceptEverythingTarget(), runs: 30, seed: SEED, reportDir: null }),
    );
    const merged = mergeReports([{ source: 'r.json', report: whole }]);
    expect(merged.missingShards).toEqual([]);
    expect(merged.cases).toBe(whole.summary.cases);
  });

  it('recomputes the rules no case reached from the merged counts; other shard notes keep their prefix', async () => {
    const a = await shardReport(1, 2);
    const b = await shardReport(2, 2);
    // Shard 1 missed a rule shard 2 reached, and both missed another (as check writes it per shard).
    const reached = 'upgrade-os-requires-allow-reboot';
    const neither = 'args-map-of-string-lists';
    expect(b.rules.find((r) => r.id === reached)?.cases).toBeGreaterThan(0);
    const unreached = (r: JsonReport, ids: string[], extra: string[]): JsonReport => ({
      ...r,
      rules: r.rules.map((x) =>
        ids.includes(x.id) ? { ...x, cases: 0, passed: 0, failed: 0, unspecified: 0 } : x,
      ),
      summary: { ...r.summary, notes: [...extra, `rules no case reached: ${ids.join(', ')}`] },
    });
    const merged = mergeReports([
      {
        source: 'a',
        report: unreached(a, [reached, neither], ['max-cases 9 reached: the run stopped taking cases there']),
      },
      { source: 'b', report: unreached(b, [neither], []) },
    ]);
    expect(merged.rules.find((r) => r.id === reached)?.cases).toBeGreaterThan(0);
    // Listed once, without a shard prefix: every rule no shard reached, and only those.
    const none = merged.rules.filter((r) => r.cases === 0).map((r) => r.id);
    expect(none).toContain(neither);
    expect(none).not.toContain(reached);
    expect(merged.notes.filter((n) => n.includes('rules no case reached'))).toEqual([
      `rules no case reached: ${none.join(', ')}`,
    ]);
    expect(merged.notes).toContain('shard 1/2: max-cases 9 reached: the run stopped taking cases there');
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
