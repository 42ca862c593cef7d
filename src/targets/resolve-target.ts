import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { World } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { createDoubleTarget } from './create-double-target.js';
import type { RequestSigner } from './create-request-signer.js';
import type { Target } from './target.js';

/** Options of {@link resolveTarget}; the CLI fills them from its flags. */
export interface ResolveTargetOptions {
  /** The IDs that exist on the target (the embedded double serves them; the oracle judges by them). */
  world: World;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
  /** Requests in flight at once (connections for network targets). */
  concurrency: number;
  /** SigV4-sign requests (`http(s)` and `sdk:` targets; `aws:` always signs). */
  sign?: boolean;
  /** Let an `aws:` target send requests the oracle expects to succeed (needs `worldGiven`). */
  allowDeployments?: boolean;
  /** True when the user named the world file (`--world`), rather than falling back to the default. */
  worldGiven?: boolean;
  /** Where `msw:` and `client:` module paths resolve from. */
  cwd: string;
  /** Response bytes kept per response (network targets); default 1 MB. */
  bodyCapBytes?: number;
  /**
   * Read created deployments back through DescribeDeployments (`http(s)`, `sdk:` and `aws:` targets;
   * the embedded double always does). Additive to the common brief's signature.
   */
  readBack?: boolean;
}

/** The accepted `--target` forms, for error messages and help. */
export const TARGET_FORMS =
  'double, http://HOST:PORT, https://HOST[:PORT], sdk:URL, aws:REGION, msw:PATH, client:PATH';

/** An AWS region name (`us-east-1`, `cn-north-1`, `us-gov-west-1`). */
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function badSpec(spec: string, problem: string): InputError {
  return new InputError(`--target ${spec}: ${problem}; expected one of ${TARGET_FORMS}`);
}

/** A URL that names no credentials, for the http(s) and sdk: forms. */
function parseEndpoint(spec: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badSpec(spec, 'not a valid URL');
  }
  if (url.username !== '' || url.password !== '') {
    // The spec itself would echo the secret, so it is not repeated in the message.
    throw new InputError(
      '--target: credentials in the URL are not accepted; remove them and use --sign (credentials from the AWS chain)',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badSpec(spec, 'the URL must be http or https');
  if (url.hostname === '') throw badSpec(spec, 'the URL names no host');
  if (url.search !== '' || url.hash !== '') throw badSpec(spec, 'the URL must not carry a query or fragment');
  return url;
}

/** Prints a target spec without secrets (for errors about a spec that may carry userinfo). */
function safeSpec(spec: string): string {
  return spec.replace(/\/\/[^/@]*@/, '//');
}

/** Hosts that are real AWS: a successful CreateDeployment there runs commands on real instances. */
function isRealAws(hostname: string): boolean {
  return /(^|\.)amazonaws\.com(\.cn)?$/.test(hostname.toLowerCase().replace(/\.$/, ''));
}

/**
 * The real-AWS gate: a target on an AWS host sends only requests the oracle expects to be rejected,
 * unless the user opted in with --allow-deployments and named a world (a sandbox they own); then
 * the target carries a warning for the CLI to print before anything is sent.
 */
/**
 * The standard AWS credential chain, resolved once up front for `--sign`, so that missing credentials
 * are one clear input error instead of every request failing. The provider caches what it found.
 */
async function signingCredentials(): Promise<AwsCredentialIdentityProvider> {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const provider = fromNodeProviderChain();
  try {
    await provider();
  } catch (error) {
    const cause = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new InputError(
      `--sign: no AWS credentials found (${cause}); set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE`,
    );
  }
  return provider;
}

/** A SigV4 signer for `--sign` against a raw endpoint, with the standard credential chain. */
async function requestSigner(url: URL): Promise<RequestSigner> {
  const { createRequestSigner, regionOfEndpoint } = await import('./create-request-signer.js');
  return createRequestSigner({ region: regionOfEndpoint(url), credentials: await signingCredentials() });
}

/** Refuses the opt-in without a named world, before any target (or socket) is made. */
function checkOptIn(hostname: string, options: ResolveTargetOptions): void {
  if (isRealAws(hostname) && options.allowDeployments === true && options.worldGiven !== true) {
    throw new InputError('--allow-deployments needs --world naming a sandbox stack you own');
  }
}

async function gateRealAws(hostname: string, options: ResolveTargetOptions, target: Target): Promise<Target> {
  if (!isRealAws(hostname)) return target;
  if (options.allowDeployments === true) {
    return {
      ...target,
      warnings: [
        ...(target.warnings ?? []),
        `--allow-deployments: requests the oracle expects to succeed will be sent to ${target.name} and ` +
          'will create real deployments that run commands on the instances of the stacks in --world',
      ],
    };
  }
  const { guardDeployments } = await import('./guard-deployments.js');
  return guardDeployments(target, options.world);
}

/**
 * Turns a `--target` value into a {@link Target}:
 * `double` (the embedded reference double) · `http://HOST:PORT` / `https://...` (raw wire) ·
 * `sdk:URL` (through `@aws-sdk/client-opsworks` against an endpoint) · `aws:REGION` (real AWS,
 * behind the deployment gate) · `msw:PATH` (a module exporting msw `handlers`) · `client:PATH` (a
 * module exporting a `client` with `send`). Anything else is an {@link InputError} naming the spec
 * and the accepted forms. Credentials in a URL are refused and never echoed.
 *
 * @example
 * const target = await resolveTarget('http://127.0.0.1:4000', { world, timeoutMs: 10_000, concurrency: 16, cwd: process.cwd() });
 */
export async function resolveTarget(spec: string, options: ResolveTargetOptions): Promise<Target> {
  const trimmed = spec.trim();
  if (trimmed === '') throw badSpec(spec, 'empty');
  if (trimmed === 'double') return createDoubleTarget({ world: options.world });
  const colon = trimmed.indexOf(':');
  const scheme = colon === -1 ? '' : trimmed.slice(0, colon).toLowerCase();
  const rest = trimmed.slice(colon + 1);
  const shown = safeSpec(trimmed);
  switch (scheme) {
    case 'http':
    case 'https': {
      const url = parseEndpoint(shown, trimmed);
      checkOptIn(url.hostname, options);
      // Loaded on demand, as the other adapters: undici and SigV4 are ~350 ms of imports that a
      // suite against the embedded double (describeContract, the vitest subpath) never needs.
      const { createHttpTarget } = await import('./create-http-target.js');
      return gateRealAws(
        url.hostname,
        options,
        createHttpTarget({
          url: url.href,
          timeoutMs: options.timeoutMs,
          concurrency: options.concurrency,
          ...(options.bodyCapBytes !== undefined ? { bodyCapBytes: options.bodyCapBytes } : {}),
          ...(options.sign === true ? { signer: await requestSigner(url) } : {}),
          ...(options.readBack === true ? { readBack: true } : {}),
        }),
      );
    }
    case 'sdk': {
      const url = parseEndpoint(shown, rest);
      checkOptIn(url.hostname, options);
      const { createSdkTarget, PLACEHOLDER_CREDENTIALS } = await import('./create-sdk-target.js');
      const { regionOfEndpoint } = await import('./create-request-signer.js');
      return gateRealAws(
        url.hostname,
        options,
        createSdkTarget({
          name: `sdk:${url.origin}${url.pathname === '/' ? '' : url.pathname}`,
          endpoint: url.href,
          region: regionOfEndpoint(url),
          timeoutMs: options.timeoutMs,
          concurrency: options.concurrency,
          // A local double ignores signatures; real credentials only when asked (--sign).
          credentials: options.sign === true ? await signingCredentials() : PLACEHOLDER_CREDENTIALS,
          ...(options.readBack === true ? { readBack: true } : {}),
        }),
      );
    }
    case 'aws': {
      if (!AWS_REGION.test(rest)) throw badSpec(shown, `'${rest}' is not an AWS region (e.g. aws:us-east-1)`);
      const host = `opsworks.${rest}.amazonaws.com`;
      checkOptIn(host, options);
      const { createSdkTarget } = await import('./create-sdk-target.js');
      const sdk = createSdkTarget({
        name: `aws:${rest}`,
        region: rest,
        timeoutMs: options.timeoutMs,
        concurrency: options.concurrency,
        ...(options.readBack === true ? { readBack: true } : {}),
      });
      return gateRealAws(host, options, sdk);
    }
    case 'msw': {
      const { createMswTarget, loadMswModule } = await import('./create-msw-target.js');
      const { handlers, endpoint } = await loadMswModule(trimmed, rest, options.cwd);
      return createMswTarget({
        handlers,
        timeoutMs: options.timeoutMs,
        name: trimmed,
        ...(endpoint !== undefined ? { endpoint } : {}),
        ...(options.bodyCapBytes !== undefined ? { bodyCapBytes: options.bodyCapBytes } : {}),
        ...(options.readBack === true ? { readBack: true } : {}),
      });
    }
    case 'client': {
      const { createClientTarget, loadClientModule } = await import('./create-client-target.js');
      const client = await loadClientModule(trimmed, rest, options.cwd);
      return createClientTarget({ client, timeoutMs: options.timeoutMs, name: trimmed });
    }
    default:
      throw badSpec(shown, scheme === '' ? 'unknown target' : `unknown scheme '${scheme}:'`);
  }
}
