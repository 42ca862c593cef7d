/**
 * Every file in `fixtures/regressions/` replays as it says: the oracle still expects what the file
 * records (so a stored fixture keeps meaning the same thing), what the file records as observed
 * really broke that expectation, and the target (default: the embedded double; or
 * `OPSWORKS_CONTRACT_TARGET`) now answers it conformantly.
 */
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedOutcomes, isOutcomeAllowed, loadFixtures, replayFixtures } from 'opsworks-contract';
import { describe, expect, it } from 'vitest';
import { settings } from './property-settings.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'regressions');
const loaded = await loadFixtures(dir);

describe(`regression fixtures replay against ${settings.target}`, () => {
  it('the folder holds fixtures', () => {
    expect(loaded.length).toBeGreaterThan(0);
  });

  for (const { path, fixture } of loaded) {
    describe(basename(path), () => {
      it('the oracle still expects what the fixture records', () => {
        const now = expectedOutcomes(fixture.request, fixture.world);
        expect({ allowed: [...now.allowed].sort(), rules: now.rules, unspecified: now.unspecified }).toEqual({
          ...fixture.expected,
          allowed: [...fixture.expected.allowed].sort(),
        });
        expect(now.rules).toContain(fixture.rule);
      });

      it('what it records as observed broke that expectation', () => {
        const observed = fixture.observed;
        expect(observed?.outcome, 'a regression fixture records what the target did').toBeDefined();
        const allowed = isOutcomeAllowed(
          fixture.expected.allowed,
          observed?.outcome ?? '',
          observed?.status ?? 0,
        );
        expect(allowed).toBe(false);
      });

      it('the target answers it conformantly now', async (ctx) => {
        const report = await replayFixtures({ path, target: settings.target });
        const result = report.results[0];
        if (result?.status === 'skipped') ctx.skip(`${report.targetName} cannot send it: ${result.why}`);
        expect(result?.status === 'still-failing' ? result.failures : []).toEqual([]);
        expect(result?.status).toBe('fixed');
      });
    });
  }
});
