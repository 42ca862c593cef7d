import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/contract/check-catalog.js';
import type { Case, Expectation, Level } from '../../src/contract/types.js';
import { type CaseOrigin, groupKey, RunTally } from '../../src/runner/run-tally.js';
import type { Exchange } from '../../src/targets/target.js';

const levels: Level[] = ['documented', 'protocol', 'observed'];
const answer: Exchange = {
  kind: 'wire',
  response: { status: 200, headers: {}, body: '{"DeploymentId":"d-1"}' },
  classification: { outcome: 'success', status: 200, deploymentId: 'd-1' },
  durationMs: 0,
};
const duplicate: CheckResult = {
  check: 'deployment-id-unique',
  rule: 'deployment-id-unique',
  rules: ['deployment-id-unique'],
  level: 'observed',
  verdict: {
    status: 'failed',
    expected: 'a new id',
    observed: 'DeploymentId d-1 again',
    reason: 'duplicate',
  },
};
// A request the contract refuses (a broken mock accepted it) and one it lets succeed.
const invalid: Case = {
  request: { headers: {}, body: { Command: {} } },
  labels: ['missing-required:Command.Name'],
};
const valid: Case = {
  request: { headers: {}, body: { StackId: 's', Command: { Name: 'setup' } } },
  labels: [],
};
const refused: Expectation = {
  allowed: ['ValidationException'],
  rules: ['command-name-required'],
  unspecified: false,
  notes: [],
};
const succeeds: Expectation = {
  allowed: ['success'],
  rules: ['valid-request-succeeds'],
  unspecified: false,
  notes: [],
};
const key = groupKey('deployment-id-unique', 'deployment-id-unique', '*');

function tallyOf(entries: Array<[Case, CaseOrigin, Expectation]>): RunTally {
  const tally = new RunTally(levels);
  for (const [c, origin, expectation] of entries) tally.record(c, origin, expectation, [duplicate], answer);
  return tally;
}

describe('RunTally failure groups', () => {
  it('lets a request the contract lets succeed stand for a repeated DeploymentId, so its fixture replays it', () => {
    const tally = tallyOf([
      [invalid, { stream: 0, index: 1 }, refused],
      [valid, { stream: 0, index: 2 }, succeeds],
      [valid, { stream: 0, index: 3 }, succeeds],
    ]);
    const group = tally.groups.get(key);
    expect(group?.case).toBe(valid);
    expect(group?.origin).toEqual({ stream: 0, index: 2 });
    expect(group?.category).toBe('valid');
    expect(group?.count).toBe(3);
  });

  it('picks the same representative when the cases are split between processes and merged', () => {
    const cases = new Map<number, Case>([
      [1, invalid],
      [5, valid],
    ]);
    const merged = tallyOf([[invalid, { stream: 0, index: 1 }, refused]]);
    const other = tallyOf([[valid, { stream: 0, index: 5 }, succeeds]]);
    merged.merge(other.snapshot(), (origin) => cases.get(origin.index) as Case);
    expect(merged.groups.get(key)?.case).toBe(valid);
    expect(merged.groups.get(key)?.count).toBe(2);
  });

  it('keeps the first case in run order for every other check', () => {
    const other: CheckResult = {
      ...duplicate,
      check: 'request-id-header',
      rule: 'request-id-header',
      rules: ['request-id-header'],
    };
    const tally = new RunTally(levels);
    tally.record(invalid, { stream: 0, index: 1 }, refused, [other], answer);
    tally.record(valid, { stream: 0, index: 2 }, succeeds, [other], answer);
    expect(tally.groups.get(groupKey('request-id-header', 'request-id-header', '*'))?.case).toBe(invalid);
  });
});
