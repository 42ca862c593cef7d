/**
 * Checking a team's own msw handlers for conformance. An `msw:` target loads a module that exports
 * `handlers` and answers each case through msw's `getResponse` (no interception, no sockets).
 */
import { fileURLToPath } from 'node:url';
import { checkTarget } from 'opsworks-contract';
import { describeContract } from 'opsworks-contract/vitest';
import { describe, expect, it } from 'vitest';

const team = `msw:${fileURLToPath(new URL('./team-handlers.ts', import.meta.url))}`;
const reference = `msw:${fileURLToPath(new URL('./reference-handlers.ts', import.meta.url))}`;

describe("checking a team's msw handlers with checkTarget", () => {
  it('catches what the hand-written handlers miss, each with a minimal counterexample', async () => {
    const result = await checkTarget({ target: team, runs: 100, seed: 11, reportDir: null });
    expect(result.status).toBe('violations');
    const rules = new Set(result.violations.map((v) => v.rule));
    expect(rules).toContain('custom-json-must-be-object'); // CustomJson never parsed
    expect(rules).toContain('unknown-stack-not-found'); // any StackId accepted
    expect(rules).toContain('error-type-on-the-wire'); // errors without __type
    const customJson = result.violations.find((v) => v.rule === 'custom-json-must-be-object');
    // Shrunk: nothing but what the rule needs is left in the request.
    expect(Object.keys(customJson?.request.body as object).sort()).toEqual([
      'Command',
      'CustomJson',
      'StackId',
    ]);
  });
});

// The reference handlers pass, rule by rule.
describeContract('reference msw handlers', reference, { numRuns: 20, seed: 11 });
