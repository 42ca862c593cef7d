import { InputError } from '../../errors/input-error.js';
import type { Command } from '../command.js';

/** `opsworks-contract serve` (not built yet). */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'not built yet',
  usage: 'opsworks-contract serve',
  flags: {},
  async run() {
    throw new InputError('the serve command is not built yet');
  },
};
