/**
 * Cases generated per second by `createDeploymentArbitraries` (valid and invalid), next to plain
 * `fc.sample` of an `fc.record` of the same request shape (the baseline), in the same run. Also: how
 * many `invalid` cases it takes, for seed 42, until every category has appeared at least once.
 *
 *   npx tsx bench/generators.ts [--cases N]
 */
import * as fc from 'fast-check';
import { COMMAND_NAMES } from '../src/contract/wire.js';
import { CATEGORY_NAMES, categoryOfLabel } from '../src/generators/category-names.js';
import { createDeploymentArbitraries } from '../src/generators/create-deployment-arbitraries.js';
import { loadDefaultWorld } from '../src/world/load-world.js';

const casesArg = process.argv.indexOf('--cases');
const CASES = casesArg > 0 ? Number(process.argv[casesArg + 1]) : 3000;

const world = loadDefaultWorld();
const arbs = createDeploymentArbitraries(world);

/** The same request shape with no world, weighting or mutation: what fast-check gives for free. */
const baseline = fc.record(
  {
    StackId: fc.uuid(),
    AppId: fc.uuid(),
    InstanceIds: fc.array(fc.uuid(), { maxLength: 3 }),
    LayerIds: fc.array(fc.uuid(), { maxLength: 2 }),
    Command: fc.record(
      {
        Name: fc.constantFrom(...COMMAND_NAMES),
        Args: fc.dictionary(fc.string(), fc.array(fc.string(), { maxLength: 3 }), { maxKeys: 2 }),
      },
      { requiredKeys: ['Name'] },
    ),
    Comment: fc.string({ unit: 'grapheme' }),
    CustomJson: fc.json({ maxDepth: 3 }),
  },
  { requiredKeys: ['StackId', 'Command'] },
);

function rate(arb: fc.Arbitrary<unknown>, seed: number): number {
  fc.sample(arb, { seed, numRuns: 200 }); // warm up the JIT
  const start = performance.now();
  fc.sample(arb, { seed: seed + 1, numRuns: CASES });
  return CASES / ((performance.now() - start) / 1000);
}

// Interleave measurements so a busy neighbour on a shared machine hurts all of them alike.
const rounds = 3;
const totals = { baseline: 0, valid: 0, invalid: 0 };
for (let r = 0; r < rounds; r++) {
  totals.baseline += rate(baseline, 100 + r);
  totals.valid += rate(arbs.valid, 200 + r);
  totals.invalid += rate(arbs.invalid, 300 + r);
}
const base = totals.baseline / rounds;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);
console.log(
  `cases per second (${CASES} cases x ${rounds} rounds, fast-check ${fc.__version}, node ${process.version})`,
);
console.log(`  baseline fc.record of the same shape ${fmt(base)}`);
for (const kind of ['valid', 'invalid'] as const) {
  const r = totals[kind] / rounds;
  console.log(`  ${kind.padEnd(36)}${fmt(r)}   ${(r / base).toFixed(2)}x baseline`);
}

// Coverage: how many invalid cases (seed 42) until every category has shown up.
const seen = new Set<string>();
let needed = -1;
const sample = fc.sample(arbs.invalid, { seed: 42, numRuns: 2000 });
for (let i = 0; i < sample.length && needed < 0; i++) {
  for (const l of (sample[i] as { labels: string[] }).labels) seen.add(categoryOfLabel(l));
  if (CATEGORY_NAMES.every((c) => seen.has(c))) needed = i + 1;
}
console.log(
  needed > 0
    ? `every one of the ${CATEGORY_NAMES.length} categories appears within the first ${needed} invalid cases (seed 42)`
    : `not every category appeared in 2000 invalid cases (missing: ${CATEGORY_NAMES.filter((c) => !seen.has(c)).join(', ')})`,
);
const all = fc.sample(arbs.all, { seed: 42, numRuns: 4000 });
const seenAll = new Set<string>();
let neededAll = -1;
for (let i = 0; i < all.length && neededAll < 0; i++) {
  const labels = (all[i] as { labels: string[] }).labels;
  if (labels.length === 0) seenAll.add('valid');
  for (const l of labels) seenAll.add(categoryOfLabel(l));
  if (seenAll.size === CATEGORY_NAMES.length + 1) neededAll = i + 1;
}
console.log(`in \`all\` (seed 42), valid and every category appear within the first ${neededAll} cases`);
