import { resolve } from 'node:path';
import type { Level } from '../../contract/types.js';
import { LEVELS } from '../../contract/types.js';
import { InputError } from '../../errors/input-error.js';
import { createConsoleProgress, renderScorecard } from '../../reporters/console-reporter.js';
import type { CheckOptions } from '../../runner/check-options.js';
import { checkTarget } from '../../runner/check-target.js';
import type { RunStatus } from '../../runner/run-result.js';
import { loadWorld } from '../../world/load-world.js';
import type { CliIo, Command, FlagValues } from '../command.js';
import { limitHeapGrowth } from '../limit-heap-growth.js';
import { parseIntegerFlag } from '../parse-integer-flag.js';

/** What `check` accepts: the library's options plus what only the console needs. */
export interface CheckCliOptions extends CheckOptions {
  /** No progress lines and no rule/check tables: violations and the verdict only. */
  quiet?: boolean;
}

/** One flag: the option it sets, and how its text becomes the option's value (throwing InputError). */
interface FlagSpec<K extends keyof CheckCliOptions> {
  option: K;
  type: 'string' | 'boolean';
  help: string;
  parse: (raw: string, io: CliIo) => CheckCliOptions[K] | Promise<CheckCliOptions[K]>;
}

/** A flag spec for any option (the union keeps each parser tied to its own option's type). */
type AnyFlagSpec = { [K in keyof CheckCliOptions]-?: FlagSpec<K> }[keyof CheckCliOptions];

function nonEmpty(flag: string, raw: string): string {
  if (raw.trim() === '') throw new InputError(`--${flag}: expected a value, got an empty string`);
  return raw;
}

/**
 * The flags of `check`, declared as data against `CheckOptions`: the help text, the parser and the
 * option each sets live together, so a flag cannot drift from the library option it feeds.
 */
export const CHECK_FLAGS = {
  target: {
    option: 'target',
    type: 'string',
    help: 'double (default), http://HOST:PORT, https://..., sdk:URL, aws:REGION, msw:PATH, client:PATH',
    parse: (raw) => nonEmpty('target', raw),
  },
  world: {
    option: 'world',
    type: 'string',
    help: 'world file naming the IDs that exist on the target (default fixtures/world.json)',
    parse: (raw, io) => loadWorld(resolve(io.cwd, nonEmpty('world', raw))),
  },
  runs: {
    option: 'runs',
    type: 'string',
    help: 'random cases after the coverage phase (default 200)',
    parse: (raw) => parseIntegerFlag('runs', raw, 0, 100_000_000),
  },
  seed: {
    option: 'seed',
    type: 'string',
    help: 'seed of the run; the same seed replays the same cases (default random, always printed)',
    parse: (raw) => parseIntegerFlag('seed', raw, -(2 ** 53 - 1), 2 ** 53 - 1),
  },
  concurrency: {
    option: 'concurrency',
    type: 'string',
    help: 'requests in flight at once (default 16)',
    parse: (raw) => parseIntegerFlag('concurrency', raw, 1, 1024),
  },
  workers: {
    option: 'workers',
    type: 'string',
    help: 'processes sharing the random phase against the embedded double (default: one per core for 40000+ runs)',
    parse: (raw) => parseIntegerFlag('workers', raw, 1, 64),
  },
  timeout: {
    option: 'timeoutMs',
    type: 'string',
    help: 'per-request timeout in milliseconds (default 10000)',
    parse: (raw) => parseIntegerFlag('timeout', raw, 1, 3_600_000),
  },
  rules: {
    option: 'levels',
    type: 'string',
    help: `levels whose rules can fail the run, comma-separated: ${LEVELS.join(',')} (default all)`,
    parse: (raw): Level[] => {
      const names = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (names.length === 0)
        throw new InputError(`--rules ${raw}: name at least one of ${LEVELS.join(', ')}`);
      for (const n of names) {
        if (!(LEVELS as readonly string[]).includes(n)) {
          throw new InputError(`--rules ${raw}: unknown level '${n}'; expected ${LEVELS.join(', ')}`);
        }
      }
      return [...new Set(names)] as Level[];
    },
  },
  'max-cases': {
    option: 'maxCases',
    type: 'string',
    help: 'stop after this many cases in all (coverage + random), e.g. against a slow target',
    parse: (raw) => parseIntegerFlag('max-cases', raw, 1, 1_000_000_000),
  },
  'report-dir': {
    option: 'reportDir',
    type: 'string',
    help: 'where report.json, junit.xml, report.md and report.html go (default reports/)',
    parse: (raw) => nonEmpty('report-dir', raw),
  },
  'fixtures-dir': {
    option: 'fixturesDir',
    type: 'string',
    help: 'write one replayable fixture per failure group here',
    parse: (raw) => nonEmpty('fixtures-dir', raw),
  },
  shard: {
    option: 'shard',
    type: 'string',
    help: 'run the i-th of n deterministic slices of the cases, e.g. 2/4 (1-based)',
    parse: (raw) => {
      const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
      const index = Number(m?.[1]);
      const count = Number(m?.[2]);
      if (m === null || count < 1 || index < 1 || index > count || count > 1_000_000) {
        throw new InputError(`--shard ${raw}: expected i/n with 1 ≤ i ≤ n, e.g. 1/4`);
      }
      return { index, count };
    },
  },
  'read-back': {
    option: 'readBack',
    type: 'boolean',
    help: 'read created deployments back through DescribeDeployments (on by default for the double)',
    parse: () => true,
  },
  'no-shrink': {
    option: 'shrink',
    type: 'boolean',
    help: 'report failures as found, without shrinking them',
    parse: () => false,
  },
  sign: {
    option: 'sign',
    type: 'boolean',
    help: 'sign requests with SigV4 (credentials from the standard AWS chain)',
    parse: () => true,
  },
  'allow-deployments': {
    option: 'allowDeployments',
    type: 'boolean',
    help: 'aws: targets only: also send requests that would really deploy (needs --world)',
    parse: () => true,
  },
  quiet: {
    option: 'quiet',
    type: 'boolean',
    help: 'no progress and no rule tables: violations and the verdict only',
    parse: () => true,
  },
} satisfies Record<string, AnyFlagSpec>;

/**
 * Turns parsed flag values into options, validating every one before anything runs (a bad value
 * throws InputError: exit 2, nothing sent, nothing written).
 *
 * @example
 * const options = await checkOptionsFromFlags({ runs: '50', rules: 'documented' }, io);
 */
export async function checkOptionsFromFlags(values: FlagValues, io: CliIo): Promise<CheckCliOptions> {
  const options: Record<string, unknown> = {};
  for (const [flag, spec] of Object.entries(CHECK_FLAGS) as Array<[string, AnyFlagSpec]>) {
    const raw = values[flag];
    if (raw === undefined || raw === false) continue;
    if (Array.isArray(raw)) throw new InputError(`--${flag}: given more than once`);
    options[spec.option] = await spec.parse(String(raw), io);
  }
  if (options.world !== undefined) options.worldGiven = true;
  return options as CheckCliOptions;
}

/** Exit codes by run status (design.md; the same numbers as `EXIT` in main.ts, which imports this file). */
const EXIT_BY_STATUS: Record<RunStatus, number> = {
  conformant: 0,
  violations: 1,
  unreachable: 3,
  interrupted: 130,
};

/**
 * `opsworks-contract check`: runs `checkTarget`, prints progress and the scorecard, writes the
 * reports, and exits 0 conformant · 1 violations · 2 bad input · 3 unreachable · 130 interrupted.
 *
 * @example
 * opsworks-contract check --target http://127.0.0.1:4000 --runs 500 --fixtures-dir fixtures/found
 */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check a target against the CreateDeployment contract and print a scorecard',
  usage:
    'opsworks-contract check [--target T] [--world FILE] [--runs N] [--seed S] [--concurrency N] [--workers N] [--timeout MS] [--rules LEVEL[,LEVEL]] [--report-dir DIR] [--fixtures-dir DIR] [--shard i/n] [--max-cases N] [--read-back] [--no-shrink] [--sign] [--allow-deployments] [--quiet]',
  flags: Object.fromEntries(
    Object.entries(CHECK_FLAGS).map(([name, spec]) => [name, { type: spec.type, help: spec.help }]),
  ),
  async run(values, _positionals, io) {
    const { quiet, ...options } = await checkOptionsFromFlags(values, io);
    // Bounded heap growth keeps a long run's peak memory flat (see limit-heap-growth.ts).
    limitHeapGrowth();
    const progress =
      quiet === true
        ? undefined
        : createConsoleProgress({ write: io.stderr, isTTY: io.isTTY, columns: io.columns });
    const result = await checkTarget({
      ...options,
      cwd: io.cwd,
      signal: io.signal,
      // Even --quiet shows the target's warnings (the real-AWS gate), before anything is sent.
      onEvent:
        progress?.onEvent ??
        ((event) => {
          if (event.type === 'run-start') for (const w of event.warnings) io.stderr(`WARNING: ${w}\n`);
        }),
    });
    progress?.finish();
    io.stdout(renderScorecard(result, { compact: quiet === true }));
    if (result.status === 'unreachable') {
      io.stderr(`opsworks-contract check: target unreachable: ${result.notes[0] ?? result.target}\n`);
    }
    return EXIT_BY_STATUS[result.status];
  },
};
