import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { CreateDeploymentCommand, OpsWorksClient, OpsWorksClientConfig } from '@aws-sdk/client-opsworks';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { CaseRequest } from '../contract/types.js';
import { integerOption } from '../errors/integer-option.js';
import { cannotExpressThroughSdk } from './cannot-express-through-sdk.js';
import { classifySdkError, classifySdkResult } from './classify-sdk-outcome.js';
import { loadOpsWorksSdk, type OpsWorksSdk } from './load-sdk.js';
import { neverReject, safeCannotExpress } from './never-reject.js';
import { PerCallAbort, type SdkRequestHandler } from './per-call-abort.js';
import { type CallSignal, createDeadlines, startDeadline } from './start-deadline.js';
import type { Exchange, SendOptions, Target, TransportFailureReason } from './target.js';

/** Credentials the `sdk:` target signs with when no real ones are asked for (local doubles ignore them). */
export const PLACEHOLDER_CREDENTIALS: AwsCredentialIdentity = {
  accessKeyId: 'AKIDOPSWORKSCONTRACT',
  secretAccessKey: 'opsworks-contract-placeholder-secret',
};

/** The SDK module and the client a target made with it. */
interface Made {
  sdk: OpsWorksSdk;
  client: OpsWorksClient;
  perCall: PerCallAbort;
}

/** Options of {@link createSdkTarget}. */
export interface SdkTargetOptions {
  /** The display name (`sdk:http://127.0.0.1:4000`, `aws:us-east-1`). Must not hold credentials. */
  name: string;
  /** Signing region (and endpoint region when `endpoint` is absent). */
  region: string;
  /** An endpoint URL; absent means the real AWS endpoint of `region`. */
  endpoint?: string;
  /** Per-request limit in milliseconds on the whole call. */
  timeoutMs: number;
  /** Sockets kept open; also the most requests in flight at once. */
  concurrency: number;
  /** Credentials or a provider; absent means the SDK's default chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Read deployments back through DescribeDeployments. */
  readBack?: boolean;
  /** Replaces the SDK's HTTP handler, `NodeHttpHandler` (tests record what would go on the wire). */
  requestHandler?: SdkRequestHandler;
}

/**
 * A target that calls `OpsWorksClient` with `CreateDeploymentCommand`, for `sdk:URL` and
 * `aws:REGION`. It sees what an application using the SDK sees: an outcome, not the wire. It sends
 * only what the SDK puts on the wire faithfully ({@link cannotExpressThroughSdk}: no raw bodies,
 * no chosen headers, no nulls). The SDK retries nothing (`maxAttempts: 1`): the runner retries
 * throttling itself, and counts it. Results: a resolved call is `success` with its `DeploymentId`;
 * a thrown error is read by its `name` and `$metadata.httpStatusCode`; a network failure is a
 * `transport-error` with its reason. Every call ends by `timeoutMs`.
 *
 * @example
 * const target = createSdkTarget({ name: 'sdk:http://127.0.0.1:4000', endpoint: 'http://127.0.0.1:4000',
 *   region: 'us-east-1', timeoutMs: 10_000, concurrency: 16, credentials: PLACEHOLDER_CREDENTIALS });
 */
export function createSdkTarget(options: SdkTargetOptions): Target {
  // Checked here: a bad one would otherwise end every call as a timeout, read as an unreachable target.
  integerOption('createSdkTarget: timeoutMs', options.timeoutMs, 1, 3_600_000);
  integerOption('createSdkTarget: concurrency', options.concurrency, 1, 1024);
  const { timeoutMs } = options;
  const agentOptions = { keepAlive: true, maxSockets: Math.max(1, options.concurrency) };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  let closed = false;

  /**
   * The client, made on the first call: the SDK is imported then (load-sdk.ts), and every caller
   * awaits it before its call's deadline starts.
   */
  let made: Promise<Made> | undefined;
  const sdkClient = () => {
    made ??= (async () => {
      const sdk = await loadOpsWorksSdk();
      // The SDK's own default handler, loaded with it.
      const { NodeHttpHandler } = await import('@smithy/node-http-handler');
      const perCall = new PerCallAbort(
        options.requestHandler ??
          new NodeHttpHandler({
            requestTimeout: timeoutMs,
            connectionTimeout: timeoutMs,
            httpAgent,
            httpsAgent,
          }),
      );
      const config: OpsWorksClientConfig = {
        region: options.region,
        maxAttempts: 1,
        requestHandler: perCall.handler,
        // The stack is resolved once per command class, not per call (see PerCallAbort).
        cacheMiddleware: true,
      };
      if (options.endpoint !== undefined) config.endpoint = options.endpoint;
      if (options.credentials !== undefined) config.credentials = options.credentials;
      const client = new sdk.OpsWorksClient(config);
      perCall.attach(client);
      return { sdk, client, perCall };
    })();
    return made;
  };

  const deadlines = createDeadlines(timeoutMs, { plainSignals: true });
  const cannotExpress = safeCannotExpress(cannotExpressThroughSdk);

  /**
   * Runs one SDK call to completion or to the deadline, whichever comes first. The SDK's own
   * timeouts are per socket phase, so a server that drips bytes would outlive them; the deadline
   * settles the call regardless, and its abort releases the socket.
   */
  async function call<T>(
    run: (made: Made, abortSignal: CallSignal<true>) => Promise<T>,
    sendOptions: SendOptions | undefined,
  ): Promise<{ ok: true; value: T; durationMs: number } | { ok: false; exchange: Exchange }> {
    let start = performance.now();
    const failed = (reason: TransportFailureReason, message: string) => ({
      ok: false as const,
      exchange: {
        kind: 'transport-error' as const,
        reason,
        message,
        durationMs: performance.now() - start,
      },
    });
    if (closed) return failed('aborted', 'target closed');
    const outer = sendOptions?.signal;
    if (outer?.aborted === true) return failed('aborted', 'aborted before sending');
    // The first call makes the client (and imports the SDK): not counted in its deadline or duration.
    const made = await sdkClient();
    if (closed) return failed('aborted', 'target closed');
    start = performance.now();
    const outcome = await startDeadline(deadlines, (abortSignal) => run(made, abortSignal), outer);
    if (outcome === 'timeout') return failed('timeout', `no complete answer within ${timeoutMs} ms`);
    if (outcome === 'aborted') return failed('aborted', 'aborted by the caller');
    if ('value' in outcome) return { ok: true, value: outcome.value, durationMs: performance.now() - start };
    const reading = classifySdkError(outcome.error);
    if (reading.kind === 'transport') return failed(reading.reason, reading.message);
    return {
      ok: false,
      exchange: {
        kind: 'object',
        classification: reading.classification,
        durationMs: performance.now() - start,
      },
    };
  }

  const target: Target = {
    name: options.name,
    capabilities: { wire: false, nulls: false, readBack: options.readBack === true },
    cannotExpress,
    send: neverReject(async (request: CaseRequest, sendOptions?: SendOptions): Promise<Exchange> => {
      const reason = cannotExpress(request);
      if (reason !== undefined) {
        // The runner skips these; a caller that did not ask gets no altered request sent either.
        return { kind: 'transport-error', reason: 'other', message: `not sent: ${reason}`, durationMs: 0 };
      }
      const input = request.body as ConstructorParameters<typeof CreateDeploymentCommand>[0];
      const outcome = await call(
        ({ sdk, client, perCall }, abortSignal) =>
          client.send(new sdk.CreateDeploymentCommand(perCall.input(input, abortSignal))),
        sendOptions,
      );
      if (!outcome.ok) return outcome.exchange;
      const { classification, result } = classifySdkResult(outcome.value);
      return { kind: 'object', classification, durationMs: outcome.durationMs, result };
    }),
    async close() {
      if (closed) return;
      closed = true;
      if (made !== undefined) {
        // A client whose making failed has nothing to destroy (its sends reported the failure).
        await made.then(
          ({ client }) => client.destroy(),
          () => undefined,
        );
      }
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
  if (options.readBack === true) {
    target.describeDeployments = async (deploymentIds, sendOptions) => {
      const outcome = await call(
        ({ sdk, client, perCall }, abortSignal) =>
          client.send(
            new sdk.DescribeDeploymentsCommand(perCall.input({ DeploymentIds: deploymentIds }, abortSignal)),
          ),
        sendOptions,
      );
      if (!outcome.ok) return outcome.exchange;
      const deployments = (outcome.value as { Deployments?: unknown }).Deployments;
      if (Array.isArray(deployments)) return deployments;
      const { classification, result } = classifySdkResult(outcome.value);
      return { kind: 'object', classification, durationMs: outcome.durationMs, result };
    };
  }
  return target;
}
