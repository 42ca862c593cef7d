import { parseArgs } from 'node:util';
import { InputError } from '../errors/input-error.js';
import { TargetUnreachableError } from '../errors/target-unreachable-error.js';
import type { CliIo, Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { joinNegativeFlagValues } from './join-negative-flag-values.js';

/** Exit codes, as design.md fixes them. */
export const EXIT = {
  ok: 0,
  violations: 1,
  badInput: 2,
  unreachable: 3,
  /** A bug in opsworks-contract itself (EX_SOFTWARE): never to be read as "violations found". */
  internal: 70,
  interrupted: 130,
  /**
   * The reader of stdout (or stderr) went away, as in `opsworks-contract rules | head -1`: 128 +
   * SIGPIPE (13), what the shell reports for any Unix tool that SIGPIPE ends there. Not 0, which
   * here means "conformant": `check | head` that found violations must not pass a
   * `set -o pipefail` CI step. Not 1, 2, 3 or 70: nothing is wrong with the target, the input or
   * us. Without pipefail the shell reports the reader's status, so an interactive `| head` is
   * unaffected.
   */
  brokenPipe: 141,
} as const;

function helpText(): string {
  const lines = ['Usage: opsworks-contract <command> [flags]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `opsworks-contract <command> --help` for the flags of one command.');
  return `${lines.join('\n')}\n`;
}

function commandHelp(c: Command): string {
  const lines = [`Usage: ${c.usage}`, '', c.summary, ''];
  const rows: [string, string][] = Object.entries(c.flags).map(([name, f]) => [
    `  --${name}${f.type === 'string' ? ` <${name.toUpperCase().replace(/-/g, '_')}>` : ''}`,
    f.help,
  ]);
  if (rows.length > 0) lines.push('Flags:');
  rows.push(['  --help', 'show this help']);
  // The column fits the longest spelling of this command's flags: a fixed width ran
  // `--fixtures-dir <FIXTURES_DIR>` into its help text.
  const width = Math.max(...rows.map(([spelling]) => spelling.length)) + 2;
  for (const [spelling, help] of rows) lines.push(spelling.padEnd(width) + help);
  return `${lines.join('\n')}\n`;
}

/**
 * Ends the process quietly when `stream`'s reader has gone (EPIPE). Node ignores SIGPIPE, so a write
 * to a closed pipe emits an 'error' event that, unhandled, printed a stack trace and exit 1. Nothing
 * is left to print to (the reader is gone, and stderr is often the same pipe), so no message; the
 * process ends at once, as a tool that SIGPIPE kills would. Files a command writes are written
 * atomically (temp file, then rename), so ending here leaves none half-written. Any other stream
 * error stays what it was: uncaught.
 */
function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.brokenPipe);
    throw error;
  });
}

function defaultIo(): CliIo {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Here and not in each command: every command writes through these two streams.
  exitQuietlyOnClosedPipe(process.stdout);
  exitQuietlyOnClosedPipe(process.stderr);
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns ?? process.stderr.columns,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}

/**
 * Runs the CLI and resolves to the exit code. The bin sets `process.exitCode` from it; tests call it
 * with their own `io`.
 *
 * @example
 * const code = await main(['rules', '--json']);
 */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout('opsworks-contract 0.1.0\n');
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr(
      `opsworks-contract: unknown command '${name}'; expected one of ${COMMANDS.map((c) => c.name).join(', ')}\n`,
    );
    return EXIT.badInput;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(commandHelp(command));
    return EXIT.ok;
  }
  try {
    const options = Object.fromEntries(
      Object.entries(command.flags).map(([k, { help: _help, ...o }]) => [k, o]),
    );
    const { values, positionals } = parseArgs({
      args: joinNegativeFlagValues(rest, command.flags),
      options,
      allowPositionals: command.positionals === true,
      strict: true,
    });
    return await command.run(values, positionals, io);
  } catch (error) {
    if (error instanceof InputError) {
      // The prefix names the command; a message that names it again (`replay: expected ...`) would
      // read `opsworks-contract replay: replay: ...`. Unless an argument is spelled like the command
      // (`merge merge`, a folder): then the message may be naming that argument, and stays whole.
      const doubled = error.message.startsWith(`${command.name}: `) && !rest.includes(command.name);
      const message = doubled ? error.message.slice(command.name.length + 2) : error.message;
      io.stderr(`opsworks-contract ${command.name}: ${message}\n`);
      return EXIT.badInput;
    }
    if (error instanceof TargetUnreachableError) {
      io.stderr(`opsworks-contract ${command.name}: target unreachable: ${error.message}\n`);
      return EXIT.unreachable;
    }
    // parseArgs reports unknown flags and missing values with a code; those are bad invocations.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      // Some of parseArgs's messages run over lines, the fix last ("... use '--runs=-XYZ'"): keep
      // it, on one line.
      const message = (error as Error).message.split('\n').join(' ');
      io.stderr(`opsworks-contract ${command.name}: ${message} (see --help)\n`);
      return EXIT.badInput;
    }
    // Anything else is our bug, not the target's fault nor the user's: say so in one line (the
    // stack with OPSWORKS_CONTRACT_DEBUG=1) and keep it apart from exit 1, which means violations.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(
      `opsworks-contract ${command.name}: internal error: ${message.split('\n')[0]} ` +
        '(a bug in opsworks-contract; rerun with OPSWORKS_CONTRACT_DEBUG=1 for the stack and report it)\n',
    );
    if (io.env.OPSWORKS_CONTRACT_DEBUG === '1' && error instanceof Error && error.stack) {
      io.stderr(`${error.stack}\n`);
    }
    return EXIT.internal;
  }
}
