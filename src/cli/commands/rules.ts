import { InputError } from '../../errors/input-error.js';
import type { Command } from '../command.js';

/** `opsworks-contract rules` (not built yet). */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'not built yet',
  usage: 'opsworks-contract rules',
  flags: {},
  async run() {
    throw new InputError('the rules command is not built yet');
  },
};
