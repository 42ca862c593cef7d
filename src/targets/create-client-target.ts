import type { CreateDeploymentCommand } from '@aws-sdk/client-opsworks';
import type { CaseRequest } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { integerOption } from '../errors/integer-option.js';
import { cannotExpressThroughSdk } from './cannot-express-through-sdk.js';
import { classifySdkError, classifySdkResult } from './classify-sdk-outcome.js';
import { importUserModule, inspectExports } from './import-user-module.js';
import { loadOpsWorksSdk } from './load-sdk.js';
import { neverReject, safeCannotExpress } from './never-reject.js';
import { createDeadlines, startDeadline } from './start-deadline.js';
import type { Exchange, SendOptions, Target, TransportFailureReason } from './target.js';

/** Anything with an SDK-style `send(command)`: an `OpsWorksClient`, one mocked by aws-sdk-client-mock... */
export interface SendingClient {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

/** Options of {@link createClientTarget}. */
export interface ClientTargetOptions {
  /** The client to call. */
  client: SendingClient;
  /** Per-call limit in milliseconds (a `send` that never settles ends as a timeout). */
  timeoutMs: number;
  /** Display name; default `client`. */
  name?: string;
}

/**
 * A target that hands a `CreateDeploymentCommand` built from the case body to any object with
 * `send(command)`, typically an `OpsWorksClient` set up with aws-sdk-client-mock. A resolved value is
 * `success` (its `DeploymentId` read when it is a string, the value kept as `result` for the shape
 * check); a thrown error is read by its `name` and `$metadata.httpStatusCode` (status 0 when the
 * mock gives none; a plain `Error` reads as `unrecognized`). It expresses what an application's SDK
 * calls could express ({@link cannotExpressThroughSdk}), so the mock is judged on requests the real
 * SDK would send.
 *
 * @example
 * const mock = mockClient(OpsWorksClient);
 * mock.on(CreateDeploymentCommand).resolves({ DeploymentId: 'd-1' });
 * const target = createClientTarget({ client: new OpsWorksClient({}), timeoutMs: 10_000 });
 */
export function createClientTarget(options: ClientTargetOptions): Target {
  // Checked here: a bad one would otherwise end every call as a timeout, read as an unreachable target.
  integerOption('createClientTarget: timeoutMs', options.timeoutMs, 1, 3_600_000);
  const { client, timeoutMs } = options;
  const deadlines = createDeadlines(timeoutMs);
  const cannotExpress = safeCannotExpress(cannotExpressThroughSdk);
  return {
    name: options.name ?? 'client',
    capabilities: { wire: false, nulls: false, readBack: false },
    cannotExpress,
    send: neverReject(async (request: CaseRequest, sendOptions?: SendOptions): Promise<Exchange> => {
      // First, so neither the deadline nor the duration counts it: the first call imports the SDK.
      const { CreateDeploymentCommand: Command } = await loadOpsWorksSdk();
      const start = performance.now();
      const fail = (reason: TransportFailureReason, message: string): Exchange => ({
        kind: 'transport-error',
        reason,
        message,
        durationMs: performance.now() - start,
      });
      const outer = sendOptions?.signal;
      if (outer?.aborted === true) return fail('aborted', 'aborted before sending');
      const reason = cannotExpress(request);
      if (reason !== undefined) return fail('other', `not sent: ${reason}`);
      const input = request.body as ConstructorParameters<typeof CreateDeploymentCommand>[0];
      const first = await startDeadline(
        deadlines,
        (abortSignal) => client.send(new Command(input), { abortSignal }),
        outer,
      );
      if (first === 'timeout') return fail('timeout', `client.send did not settle within ${timeoutMs} ms`);
      if (first === 'aborted') return fail('aborted', 'aborted by the caller');
      const durationMs = performance.now() - start;
      if ('value' in first) {
        const { classification, result } = classifySdkResult(first.value);
        return { kind: 'object', classification, durationMs, result };
      }
      const reading = classifySdkError(first.error, { lenient: true });
      if (reading.kind === 'transport') return fail(reading.reason, reading.message);
      return { kind: 'object', classification: reading.classification, durationMs };
    }),
    async close() {},
  };
}

/**
 * Loads the module of a `client:PATH` target: it must export `client`, an object whose `send` is a
 * function. Anything else is one {@link InputError} line.
 *
 * @example
 * const client = await loadClientModule('client:./mock.js', './mock.js', process.cwd());
 */
export async function loadClientModule(spec: string, path: string, cwd: string): Promise<SendingClient> {
  const mod = await importUserModule(spec, path, cwd);
  return inspectExports(spec, () => {
    const client = mod.client;
    if (client === undefined) {
      throw new InputError(
        `--target ${spec}: the module exports no \`client\`; export an object with send(command)`,
      );
    }
    if (
      (typeof client !== 'object' && typeof client !== 'function') ||
      client === null ||
      typeof (client as { send?: unknown }).send !== 'function'
    ) {
      throw new InputError(
        `--target ${spec}: \`client.send\` is not a function; export an object with send(command)`,
      );
    }
    return client as SendingClient;
  });
}
