import type { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, HttpRequest } from '@smithy/types';
import { SIGNING_NAME } from '../contract/wire.js';
import type { WireRequest } from './to-wire-request.js';

/** Signs one wire request for an endpoint and returns the headers to send (the originals plus SigV4). */
export type RequestSigner = (request: WireRequest, endpoint: URL) => Promise<Record<string, string>>;

/** Options of {@link createRequestSigner}. */
export interface RequestSignerOptions {
  /** Signing region; {@link regionOfEndpoint} of the target when absent. */
  region: string;
  /** Credentials or a provider; the standard Node chain (env, profile, SSO, IMDS...) when absent. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
}

/**
 * The signing region of an endpoint: `<region>` in `opsworks.<region>.amazonaws.com`, else `us-east-1`
 * (local doubles and replacement services do not care which region signed).
 *
 * @example
 * regionOfEndpoint(new URL('https://opsworks.eu-west-1.amazonaws.com')); // 'eu-west-1'
 */
export function regionOfEndpoint(endpoint: URL): string {
  const match = /^opsworks(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/.exec(endpoint.hostname);
  return match?.[1] ?? 'us-east-1';
}

/**
 * A SigV4 signer for service `opsworks`. Credentials are resolved lazily on the first request (so a
 * target that is never used never touches the credential chain) and the provider caches them.
 * The signature covers the exact bytes sent, so wire-level cases are signed as they go out.
 *
 * @example
 * const sign = createRequestSigner({ region: 'us-east-1' });
 * const headers = await sign(toWireRequest(request), new URL('https://opsworks.us-east-1.amazonaws.com'));
 */
export function createRequestSigner(options: RequestSignerOptions): RequestSigner {
  // The credential chain is loaded on first use only: most runs never sign, and it is a large import.
  let chain: AwsCredentialIdentityProvider | undefined;
  const credentials =
    options.credentials ??
    (async () => {
      if (chain === undefined) {
        const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
        chain = fromNodeProviderChain();
      }
      return chain();
    });
  // SigV4 and SHA-256 are imported when a signer is made, not when this module is (the public
  // index re-exports it): started here, awaited by the first signature, as the credentials are.
  const made: Promise<SignatureV4> = Promise.all([
    import('@smithy/signature-v4'),
    import('@aws-crypto/sha256-js'),
  ]).then(
    ([{ SignatureV4: Signer }, { Sha256 }]) =>
      new Signer({ service: SIGNING_NAME, region: options.region, credentials, sha256: Sha256 }),
  );
  // A signer never used must not leave an unhandled rejection behind if the import failed.
  made.catch(() => undefined);
  return async (request, endpoint) => {
    const signer = await made;
    const questionMark = request.path.indexOf('?');
    const path = questionMark === -1 ? request.path : request.path.slice(0, questionMark);
    const query: Record<string, string | string[]> = {};
    if (questionMark !== -1) {
      for (const [k, v] of new URLSearchParams(request.path.slice(questionMark + 1))) {
        const prior = query[k];
        query[k] = prior === undefined ? v : Array.isArray(prior) ? [...prior, v] : [prior, v];
      }
    }
    const toSign: HttpRequest = {
      method: request.method,
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      path,
      query,
      headers: { ...request.headers, host: endpoint.host },
      body: request.body,
    };
    if (endpoint.port !== '') toSign.port = Number(endpoint.port);
    const signed = await signer.sign(toSign);
    return signed.headers;
  };
}
