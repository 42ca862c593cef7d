import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { generateCommand } from './generate.js';
import { mergeCommand } from './merge.js';
import { replayCommand } from './replay.js';
import { rulesCommand } from './rules.js';
import { serveCommand } from './serve.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  serveCommand,
  replayCommand,
  mergeCommand,
  generateCommand,
  rulesCommand,
];
