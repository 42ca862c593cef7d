import { InputError } from '../../errors/input-error.js';
import type { Command } from '../command.js';

/** `opsworks-contract generate` (not built yet). */
export const generateCommand: Command = {
  name: 'generate',
  summary: 'not built yet',
  usage: 'opsworks-contract generate',
  flags: {},
  async run() {
    throw new InputError('the generate command is not built yet');
  },
};
