import type { World } from '../contract/types.js';
import { buildFixture, type FixtureObserved, writeFixture } from '../fixtures/fixture.js';
import type { FailureGroup } from './run-tally.js';

/**
 * Writes the fixture of one failure group (its minimal counterexample, what was expected and what
 * came back) through the fixture module, which names the file `<rule>-<hash>.json`, writes it
 * atomically and strips credentials. Resolves to the path written.
 *
 * @example
 * const path = await writeGroupFixture('fixtures/found', group, { seed: 42, world });
 */
export async function writeGroupFixture(
  dir: string,
  group: FailureGroup,
  run: { seed: number; world: World },
): Promise<string> {
  const observed: FixtureObserved = {};
  if (group.observed.outcome !== undefined) observed.outcome = group.observed.outcome;
  if (group.observed.status !== undefined) observed.status = group.observed.status;
  if (group.observed.message !== undefined) observed.message = group.observed.message;
  if (group.observed.transportError !== undefined) observed.transportError = group.observed.transportError;
  const fixture = buildFixture({
    rule: group.rule,
    check: group.check,
    category: group.category,
    seed: run.seed,
    case: group.case,
    expectation: group.expectation,
    observed,
    world: run.world,
  });
  return writeFixture(dir, fixture);
}
