import { readdir, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as fc from 'fast-check';
import { expectedOutcomes } from '../../contract/expected-outcomes.js';
import type { Case, World } from '../../contract/types.js';
import { InputError } from '../../errors/input-error.js';
import { buildFixture } from '../../fixtures/build-fixture.js';
import type { Fixture } from '../../fixtures/fixture.js';
import { canonicalFixture } from '../../fixtures/write-fixture.js';
import { categoryOfLabel } from '../../generators/category-names.js';
import { SUPPORTING_RULES } from '../../generators/category-rules.js';
import { createDeploymentArbitraries } from '../../generators/create-deployment-arbitraries.js';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { checkWritableDir } from '../../io/check-writable-dir.js';
import { secretsFromEnv } from '../../io/redact.js';
import { generateCase } from '../../runner/case-random.js';
import { loadDefaultWorld, loadWorld } from '../../world/load-world.js';
import type { Command, FlagValues } from '../command.js';
import { parseIntegerFlag } from '../parse-integer-flag.js';

const KINDS = ['valid', 'invalid', 'all'] as const;
type Kind = (typeof KINDS)[number];

/** The most cases one run writes (a corpus, not a soak test). */
export const MAX_GENERATE_COUNT = 1_000_000;

/** One entry of `index.json`. */
export interface CorpusIndexEntry {
  file: string;
  index: number;
  kind: 'valid' | 'invalid';
  category: string;
  rule: string;
  labels: string[];
  unspecified: boolean;
}

/** `index.json`: what `generate` wrote, in case order. No timestamps or paths, so it is byte-stable. */
export interface CorpusIndex {
  formatVersion: 1;
  seed: number;
  kind: Kind;
  count: number;
  cases: CorpusIndexEntry[];
}

const INDEX_FILE = 'index.json';
const CASE_FILE = /^case-\d+\.json$/;
// writeFileAtomic's temporary files, left behind only if a previous run was killed mid-write.
const TEMP_FILE = /^(case-\d+|index)\.json\.\d+\.[0-9a-f]+\.tmp$/;

function stringFlag(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** The largest seed, as for `check --seed`: a seed of one command is a seed of the other. */
const MAX_SEED = Number.MAX_SAFE_INTEGER;

/**
 * The rule a generated case is filed under: `valid` for a valid case, else the first rule that
 * decided it (not a supporting one such as null-is-absent), else `unspecified`.
 */
export function corpusRule(c: Case, rules: readonly string[]): string {
  if (c.labels.length === 0) return 'valid';
  return rules.find((r) => !SUPPORTING_RULES.includes(r) && r !== 'valid-request-succeeds') ?? 'unspecified';
}

/**
 * Builds case `index` of a corpus as a fixture (the oracle's expectation, no `observed`) and its
 * index entry. Deterministic in (`arbitrary`, `seed`, `index`).
 */
export function corpusCase(
  arbitrary: fc.Arbitrary<Case>,
  world: World,
  seed: number,
  index: number,
  file: string,
): { fixture: Fixture; entry: CorpusIndexEntry } {
  const c = generateCase(arbitrary, seed, 0, index).value;
  const expectation = expectedOutcomes(c.request, world);
  const category = c.labels.length === 0 ? 'valid' : categoryOfLabel(c.labels[0] as string);
  const rule = corpusRule(c, expectation.rules);
  const fixture = buildFixture({
    rule,
    check: 'outcome-allowed',
    category,
    seed,
    case: c,
    expectation,
    world,
  });
  return {
    fixture,
    entry: {
      file,
      index,
      kind: c.labels.length === 0 ? 'valid' : 'invalid',
      category,
      rule,
      labels: [...c.labels],
      unspecified: expectation.unspecified,
    },
  };
}

/**
 * Refuses an output directory that holds anything but a previous corpus; resolves to the old case
 * files. `checkWritableDir` has already refused a file, a path under a file and a directory that
 * cannot be written; a directory that still cannot be listed is bad input too, not a bug of ours.
 */
async function previousCorpusFiles(out: string, given: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(out);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new InputError(
      `--out ${given}: cannot be read (${code ?? 'unknown error'}); pass another directory`,
    );
  }
  const foreign = entries.filter((e) => e !== INDEX_FILE && !CASE_FILE.test(e) && !TEMP_FILE.test(e));
  if (foreign.length > 0) {
    throw new InputError(
      `--out ${out}: holds files generate did not write (${foreign.slice(0, 3).join(', ')}); pass an empty or new directory`,
    );
  }
  return entries.filter((e) => CASE_FILE.test(e) || TEMP_FILE.test(e));
}

/**
 * `opsworks-contract generate`: writes a corpus of generated cases, one fixture file per case
 * (`case-00001.json`, ...) with its labels and the oracle's expectation, plus `index.json`. The same
 * seed, count, kind and world write byte-identical files.
 *
 * @example
 * opsworks-contract generate --count 500 --kind invalid --seed 42 --out corpus/
 */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'write generated valid/invalid cases as fixture files with the expected outcomes',
  usage:
    'opsworks-contract generate --count N [--kind valid|invalid|all] [--seed S] [--world FILE] --out DIR',
  flags: {
    count: { type: 'string', help: `number of cases to write, 1 to ${MAX_GENERATE_COUNT}` },
    kind: { type: 'string', help: 'valid, invalid or all (default all)' },
    seed: {
      type: 'string',
      help: 'integer seed; the same seed writes the same files (default: random, printed)',
    },
    world: { type: 'string', help: 'world file of the IDs that exist (default fixtures/world.json)' },
    out: { type: 'string', help: 'directory for case-NNNNN.json files and index.json (new or empty)' },
  },
  async run(values, _positionals, io) {
    // Everything is checked before the first byte is written.
    const countText = stringFlag(values, 'count');
    if (countText === undefined)
      throw new InputError('--count: missing; pass the number of cases, e.g. --count 100');
    const count = parseIntegerFlag('count', countText, 1, MAX_GENERATE_COUNT);
    const kindText = stringFlag(values, 'kind') ?? 'all';
    if (!(KINDS as readonly string[]).includes(kindText)) {
      throw new InputError(`--kind ${kindText}: unknown kind; pass valid, invalid or all`);
    }
    const kind = kindText as Kind;
    const seedText = stringFlag(values, 'seed');
    const given =
      seedText === undefined ? undefined : parseIntegerFlag('seed', seedText, -MAX_SEED, MAX_SEED);
    const seed = given ?? Math.floor(Math.random() * 0x1_0000_0000);
    const outText = stringFlag(values, 'out');
    if (outText === undefined || outText.trim() === '') {
      throw new InputError('--out: missing; pass the directory to write into, e.g. --out corpus');
    }
    const out = resolve(io.cwd, outText);
    const worldPath = stringFlag(values, 'world');
    const world = worldPath === undefined ? loadDefaultWorld() : await loadWorld(resolve(io.cwd, worldPath));
    let arbitrary: fc.Arbitrary<Case>;
    try {
      arbitrary = createDeploymentArbitraries(world)[kind];
    } catch (error) {
      throw new InputError(`--world ${worldPath ?? 'default'}: ${(error as Error).message}`);
    }
    // A file, a path under a file or a directory we cannot write is a bad --out (exit 2), found
    // before the first case is written rather than as an EEXIST/EACCES crash half-way (check's
    // --report-dir does the same).
    await checkWritableDir(out, '--out');
    const stale = await previousCorpusFiles(out, outText);

    const width = Math.max(5, String(count).length);
    const secrets = secretsFromEnv(io.env);
    const entries: CorpusIndexEntry[] = [];
    const BATCH = 32;
    for (let start = 0; start < count; start += BATCH) {
      if (io.signal.aborted) {
        io.stderr(
          `generate: interrupted after ${entries.length} of ${count} cases; index.json not written\n`,
        );
        return 130;
      }
      const writes: Promise<void>[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        const file = `case-${String(i + 1).padStart(width, '0')}.json`;
        const { fixture, entry } = corpusCase(arbitrary, world, seed, i, file);
        entries.push(entry);
        writes.push(
          writeFileAtomic(
            join(out, file),
            `${JSON.stringify(canonicalFixture(fixture, secrets), null, 2)}\n`,
          ),
        );
      }
      await Promise.all(writes);
    }
    const index: CorpusIndex = { formatVersion: 1, seed, kind, count, cases: entries };
    await writeFileAtomic(join(out, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
    const written = new Set(entries.map((e) => e.file));
    await Promise.all(
      stale.filter((f) => !written.has(f)).map((f) => unlink(join(out, f)).catch(() => undefined)),
    );

    const valid = entries.filter((e) => e.kind === 'valid').length;
    const seedNote = given === undefined ? ` (random seed; pass --seed ${seed} to repeat)` : '';
    io.stdout(
      `generate: wrote ${count} cases (${valid} valid, ${count - valid} invalid) and index.json to ${outText}, seed ${seed}${seedNote}\n`,
    );
    return 0;
  },
};
