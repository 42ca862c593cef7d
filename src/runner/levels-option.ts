import { LEVELS, type Level } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';

/**
 * Throws one {@link InputError} line unless `levels` is absent or names at least one level, each a
 * known one, worded as `checkTarget` words its `levels` option. `name` is how the message names the
 * option.
 *
 * @example
 * levelsOption('levels', []); // InputError: levels: name at least one of documented, protocol, observed
 */
export function levelsOption(name: string, levels: readonly Level[] | undefined): void {
  if (levels === undefined) return;
  if (levels.length === 0) throw new InputError(`${name}: name at least one of ${LEVELS.join(', ')}`);
  for (const l of levels) {
    if (!LEVELS.includes(l)) {
      throw new InputError(`${name}: unknown level '${String(l)}'; expected ${LEVELS.join(', ')}`);
    }
  }
}
