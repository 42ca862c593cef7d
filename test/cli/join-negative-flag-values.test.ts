import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/cli/command.js';
import { joinNegativeFlagValues } from '../../src/cli/join-negative-flag-values.js';

const flags: Command['flags'] = {
  seed: { type: 'string', short: 's', help: '' },
  quiet: { type: 'boolean', help: '' },
};

describe('joinNegativeFlagValues', () => {
  it.each([
    [['--seed', '-1'], ['--seed=-1']],
    [
      ['--seed', '-0.5', '--quiet'],
      ['--seed=-0.5', '--quiet'],
    ],
    [['--seed', '-.5'], ['--seed=-.5']],
    [['--seed', '-1e3'], ['--seed=-1e3']],
    [['-s', '-7'], ['-s-7']],
    // Not a number: the value was forgotten, and parseArgs should say so.
    [
      ['--seed', '--quiet'],
      ['--seed', '--quiet'],
    ],
    [
      ['--seed', '-x'],
      ['--seed', '-x'],
    ],
    [
      ['--seed', '-'],
      ['--seed', '-'],
    ],
    // A boolean flag takes no value: what follows is not its value.
    [
      ['--quiet', '-1'],
      ['--quiet', '-1'],
    ],
    // Already attached, or after `--` (positionals): left alone.
    [['--seed=-1'], ['--seed=-1']],
    [
      ['--', '--seed', '-1'],
      ['--', '--seed', '-1'],
    ],
    [
      ['--seed', '3', '-1'],
      ['--seed', '3', '-1'],
    ],
  ])('%j → %j', (args, joined) => {
    expect(joinNegativeFlagValues(args, flags)).toEqual(joined);
  });
});
