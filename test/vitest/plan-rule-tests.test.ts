import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/contract/rule-catalog.js';
import { planRuleTests } from '../../src/vitest/plan-rule-tests.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();

describe('planRuleTests', () => {
  const plans = planRuleTests(world);
  const plan = (id: string) => plans.find((p) => p.rule.id === id);

  it('plans every rule of the catalog, in catalog order', () => {
    expect(plans.map((p) => p.rule.id)).toEqual(RULES.map((r) => r.id));
  });

  it('feeds each oracle rule from the categories that produce cases it decides', () => {
    expect(plan('stack-id-required')).toMatchObject({ kind: 'oracle' });
    expect(plan('stack-id-required')?.streams).toContain('missing-required');
    expect(plan('command-name-enum')?.streams).toEqual(['bad-enum', 'invalid']);
    expect(plan('valid-request-succeeds')?.streams[0]).toBe('valid');
    expect(plan('content-type-required')?.streams).toEqual(['wire-content-type', 'invalid']);
    // Only compound cases (two categories at once, from the invalid mix) reach it.
    expect(plan('validation-before-business')).toMatchObject({ kind: 'oracle', streams: ['invalid'] });
  });

  it('feeds check rules from valid or invalid cases, stateful rules from valid ones', () => {
    expect(plan('success-result-shape')).toMatchObject({ kind: 'check', streams: ['valid'] });
    expect(plan('error-body-shape')?.streams).not.toContain('valid');
    expect(plan('deployment-id-unique')).toMatchObject({ kind: 'stateful', streams: ['valid'] });
  });

  it('gives every rule either streams to draw from or the reason it has none', () => {
    for (const p of plans) {
      if (p.kind === 'unreached') expect(p.why, p.rule.id).toBeTruthy();
      else expect(p.streams.length, p.rule.id).toBeGreaterThan(0);
    }
  });

  it('marks rules of unselected levels as unreached, naming the level', () => {
    const documented = planRuleTests(world, ['documented']);
    const observed = documented.find((p) => p.rule.level === 'observed');
    expect(observed).toMatchObject({ kind: 'unreached', why: 'level observed not selected' });
  });
});

describe('describeContract options', () => {
  it('refuses unknown rule ids, unknown levels and bad run counts when the suite is registered', async () => {
    const { describeContract } = await import('../../src/vitest/describe-contract.js');
    expect(() => describeContract('x', 'double', { rules: ['stack-id-requried'] })).toThrow(
      "describeContract: rules: unknown rule 'stack-id-requried'",
    );
    expect(() => describeContract('x', 'double', { levels: ['rumoured' as never] })).toThrow(
      /unknown level 'rumoured'/,
    );
    expect(() => describeContract('x', 'double', { numRuns: 0 })).toThrow(
      /numRuns 0: expected a positive integer/,
    );
  });
});
