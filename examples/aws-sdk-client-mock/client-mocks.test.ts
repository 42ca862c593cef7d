/**
 * Checking aws-sdk-client-mock setups for conformance. A `client:` target loads a module that
 * exports `client` (anything with `send(command)`) and judges what it resolves or throws.
 *
 * Two ways to run it: `checkTarget` gives the scorecard as data (what the CLI prints), and
 * `describeContract` registers one vitest test per rule.
 */
import { fileURLToPath } from 'node:url';
import { checkTarget } from 'opsworks-contract';
import { describeContract } from 'opsworks-contract/vitest';
import { describe, expect, it } from 'vitest';

const naive = `client:${fileURLToPath(new URL('./naive-client.ts', import.meta.url))}`;
const careful = `client:${fileURLToPath(new URL('./careful-client.ts', import.meta.url))}`;

describe('checking aws-sdk-client-mock setups with checkTarget', () => {
  it('catches the naive mock, with a minimal counterexample per broken rule', async () => {
    const result = await checkTarget({ target: naive, runs: 100, seed: 7, reportDir: null });
    expect(result.status).toBe('violations');
    const rules = new Set(result.violations.map((v) => v.rule));
    // It accepts a request without StackId, a deploy without AppId and malformed CustomJson, and
    // hands out the same DeploymentId every time.
    for (const rule of [
      'stack-id-required',
      'app-id-required-for-app-commands',
      'custom-json-must-be-object',
      'deployment-id-unique',
    ]) {
      expect(rules).toContain(rule);
    }
    // Each violation carries its counterexample, shrunk: the missing-StackId one has no StackId.
    const missingStack = result.violations.find((v) => v.rule === 'stack-id-required');
    expect(missingStack?.request.body).not.toHaveProperty('StackId');
    const noAppId = result.violations.find((v) => v.rule === 'app-id-required-for-app-commands');
    expect(noAppId?.request.body).not.toHaveProperty('AppId');
  });

  it('passes the careful mock', async () => {
    const result = await checkTarget({ target: careful, runs: 100, seed: 7, reportDir: null });
    expect(result.violations.map((v) => `${v.rule}: ${v.reason}`)).toEqual([]);
    expect(result.status).toBe('conformant');
  });
});

// The same check as a vitest suite: one test per rule id, each a fast-check property.
describeContract('careful aws-sdk-client-mock setup', careful, { numRuns: 20, seed: 7 });
