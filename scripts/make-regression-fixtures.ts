/**
 * Writes the hand-picked regression fixtures in `fixtures/regressions/`: requests that naive mocks
 * got wrong, each with what the mock answered. Run it by hand when the fixture format changes
 * (`npx tsx scripts/make-regression-fixtures.ts`); the files are committed, and
 * `properties/regressions-replay.test.ts` proves each one still replays as it says.
 */
import { fileURLToPath } from 'node:url';
import { expectedOutcomes } from '../src/contract/expected-outcomes.js';
import type { Case } from '../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../src/contract/wire.js';
import { buildFixture, type FixtureObserved, writeFixture } from '../src/fixtures/fixture.js';
import { loadDefaultWorld } from '../src/world/load-world.js';

const world = loadDefaultWorld();
const stack = world.stacks[0];
if (stack === undefined) throw new Error('the default world has no stack');
const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const dir = fileURLToPath(new URL('../fixtures/regressions/', import.meta.url));

interface Regression {
  rule: string;
  category: string;
  case: Case;
  observed: FixtureObserved;
}

const ACCEPTED: FixtureObserved = { outcome: 'success', status: 200 };

const regressions: Regression[] = [
  {
    // A mock that resolves every CreateDeployment with a DeploymentId.
    rule: 'stack-id-required',
    category: 'missing-required',
    case: {
      request: { headers, body: { Command: { Name: 'setup' } } },
      labels: ['missing-required:StackId'],
    },
    observed: ACCEPTED,
  },
  {
    // A mock that never parses CustomJson.
    rule: 'custom-json-must-be-object',
    category: 'malformed-custom-json',
    case: {
      request: {
        headers,
        body: { StackId: stack.StackId, Command: { Name: 'configure' }, CustomJson: '{"key1": "value1"' },
      },
      labels: ['malformed-custom-json'],
    },
    observed: ACCEPTED,
  },
  {
    // A mock that answers ValidationException for everything it does not know.
    rule: 'unknown-stack-not-found',
    category: 'unknown-ids',
    case: {
      request: { headers, body: { StackId: 'fake_stack', Command: { Name: 'setup' } } },
      labels: ['unknown-ids:StackId'],
    },
    observed: { outcome: 'ValidationException', status: 400, message: 'Invalid stack' },
  },
  {
    // A mock that treats every command as a stack command.
    rule: 'app-id-required-for-app-commands',
    category: 'app-command-without-app-id',
    case: {
      request: { headers, body: { StackId: stack.StackId, Command: { Name: 'deploy' } } },
      labels: ['app-command-without-app-id'],
    },
    observed: ACCEPTED,
  },
];

for (const r of regressions) {
  const expectation = expectedOutcomes(r.case.request, world);
  if (!expectation.rules.includes(r.rule)) {
    throw new Error(`${r.rule}: the oracle decides this case by ${expectation.rules.join(', ')}`);
  }
  const fixture = buildFixture({
    rule: r.rule,
    check: 'outcome-allowed',
    category: r.category,
    seed: 0,
    case: r.case,
    expectation,
    observed: r.observed,
    world,
  });
  console.log(await writeFixture(dir, fixture));
}
