import type { ParseArgsConfig } from 'node:util';

/** Where a command writes what it prints; tests capture these instead of the process streams. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stdout is a terminal (progress bars instead of plain lines). */
  isTTY: boolean;
  /**
   * The terminal's width in columns, when output goes to one: progress lines and the rules table
   * fit it. Absent when neither stream is a terminal (CI logs, pipes, tests).
   */
  columns?: number | undefined;
  /** The process environment, passed in so tests can control it. */
  env: Record<string, string | undefined>;
  /** Where relative paths resolve. */
  cwd: string;
  /** Aborted when the user interrupts the run (SIGINT/SIGTERM). */
  signal: AbortSignal;
}

/** Parsed flag values, as `node:util` parseArgs returns them. */
export type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/**
 * One CLI subcommand: its flags declared as data (so help text and parsing cannot drift apart),
 * and a `run` that calls the library and returns the exit code. Commands never call `process.exit`.
 */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The usage line, e.g. `opsworks-contract rules [--json]`. */
  usage: string;
  /** Flags for `node:util` parseArgs, each with a help line. */
  flags: Record<string, NonNullable<ParseArgsConfig['options']>[string] & { help: string }>;
  /** Whether positional arguments are accepted. */
  positionals?: boolean;
  run(values: FlagValues, positionals: string[], io: CliIo): Promise<number>;
}
