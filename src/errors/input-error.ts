/**
 * A problem with what the user gave us (a flag, a world file, a fixture, a module): the CLI prints
 * the message as one line and exits 2. The message names the input and the fix.
 *
 * @example
 * throw new InputError('world.json: $.stacks[0].AppIds[1]: expected a string, got 42');
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
