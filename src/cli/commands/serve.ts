import { resolve } from 'node:path';
import { serveDouble } from '../../double/serve-double.js';
import { InputError } from '../../errors/input-error.js';
import { loadDefaultWorld, loadWorld } from '../../world/load-world.js';
import type { Command, FlagValues } from '../command.js';
import { parseIntegerFlag } from '../parse-integer-flag.js';
import { parseNumberFlag } from '../parse-number-flag.js';

/**
 * The most `--latency` may add, an hour (check's `--timeout` limit): past 2^31-1 ms Node's timers
 * overflow and fire at once, so an unbounded latency could silently mean none.
 */
const MAX_LATENCY_MS = 3_600_000;

/** Flag `name` read by `parse`, or undefined when the flag was not given. */
function ifGiven<T>(values: FlagValues, name: string, parse: (raw: string) => T): T | undefined {
  const raw = values[name];
  return raw === undefined ? undefined : parse(String(raw));
}

/**
 * `opsworks-contract serve`: the reference double over HTTP until SIGINT/SIGTERM.
 *
 * @example
 * opsworks-contract serve --port 0 --verbose
 * // listening on http://127.0.0.1:41234
 */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the reference double over HTTP (127.0.0.1 by default)',
  usage:
    'opsworks-contract serve [--port P] [--host H] [--world FILE] [--latency MS] [--throttle-rate F] [--require-auth] [--verbose]',
  flags: {
    port: { type: 'string', help: 'port to listen on; 0 picks a free one (default 4000)' },
    host: { type: 'string', help: 'interface to bind (default 127.0.0.1)' },
    world: { type: 'string', help: 'world file of the IDs that exist (default fixtures/world.json)' },
    latency: {
      type: 'string',
      help: `milliseconds added before every answer, 0 to ${MAX_LATENCY_MS} (default 0)`,
    },
    'throttle-rate': {
      type: 'string',
      help: 'fraction of requests answered ThrottlingException, 0-1 (default 0)',
    },
    'require-auth': {
      type: 'boolean',
      help: 'answer MissingAuthenticationTokenException without SigV4 auth',
    },
    verbose: { type: 'boolean', help: 'print one line per request' },
  },
  async run(values, _positionals, io) {
    const port = ifGiven(values, 'port', (raw) => parseIntegerFlag('port', raw, 0, 65535));
    const latencyMs = ifGiven(values, 'latency', (raw) => parseNumberFlag('latency', raw, 0, MAX_LATENCY_MS));
    const throttleRate = ifGiven(values, 'throttle-rate', (raw) =>
      parseNumberFlag('throttle-rate', raw, 0, 1),
    );
    const host = values.host === undefined ? '127.0.0.1' : String(values.host);
    if (host.trim() === '') throw new InputError('--host: empty; pass an address such as 127.0.0.1');
    // Relative to the command's directory, as check, generate and replay read theirs (the same path
    // then names the same file in an error message and in tests that run main in-process).
    const world =
      typeof values.world === 'string' ? await loadWorld(resolve(io.cwd, values.world)) : loadDefaultWorld();
    const verbose = values.verbose === true;
    if (io.signal.aborted) return 0;

    const server = await serveDouble({
      port: port ?? 4000,
      host,
      world,
      latencyMs: latencyMs ?? 0,
      throttleRate: throttleRate ?? 0,
      requireAuth: values['require-auth'] === true,
      ...(verbose
        ? {
            onRequest: (r) =>
              io.stdout(
                `${r.method} ${r.path} ${r.operation} ${r.status} ${r.outcome} ${r.durationMs.toFixed(1)}ms\n`,
              ),
          }
        : {}),
    });
    io.stdout(`listening on ${server.url}\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      else io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    io.stdout('stopped\n');
    return 0;
  },
};
