import { InputError } from '../../errors/input-error.js';
import type { Command } from '../command.js';

/** `opsworks-contract check` (not built yet). */
export const checkCommand: Command = {
  name: 'check',
  summary: 'not built yet',
  usage: 'opsworks-contract check',
  flags: {},
  async run() {
    throw new InputError('the check command is not built yet');
  },
};
