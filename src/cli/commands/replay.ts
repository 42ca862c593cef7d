import { InputError } from '../../errors/input-error.js';
import type { Command } from '../command.js';

/** `opsworks-contract replay` (not built yet). */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'not built yet',
  usage: 'opsworks-contract replay',
  flags: {},
  async run() {
    throw new InputError('the replay command is not built yet');
  },
};
