import { serveDouble } from '../../double/serve-double.js';
import { InputError } from '../../errors/input-error.js';
import { loadDefaultWorld, loadWorld } from '../../world/load-world.js';
import type { Command, FlagValues } from '../command.js';

function numberFlag(
  values: FlagValues,
  name: string,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const n = text === '' ? Number.NaN : Number(text);
  if (!check(n)) throw new InputError(`--${name} ${String(raw)}: ${what}`);
  return n;
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
    latency: { type: 'string', help: 'milliseconds added before every answer (default 0)' },
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
    const port = numberFlag(
      values,
      'port',
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
      'must be an integer from 0 to 65535; 0 picks a free port',
    );
    const latencyMs = numberFlag(
      values,
      'latency',
      (n) => Number.isFinite(n) && n >= 0,
      'must be a number of milliseconds, 0 or more',
    );
    const throttleRate = numberFlag(
      values,
      'throttle-rate',
      (n) => Number.isFinite(n) && n >= 0 && n <= 1,
      'must be a fraction from 0 to 1, e.g. 0.1',
    );
    const host = values.host === undefined ? '127.0.0.1' : String(values.host);
    if (host.trim() === '') throw new InputError('--host: empty; pass an address such as 127.0.0.1');
    const world = typeof values.world === 'string' ? await loadWorld(values.world) : loadDefaultWorld();
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
