import { lazyModule } from './lazy-module.js';

/** The AWS SDK's OpsWorks client module, as the sdk and client targets use it. */
export type OpsWorksSdk = typeof import('@aws-sdk/client-opsworks');

/**
 * `@aws-sdk/client-opsworks`, imported on first use and kept: the public index re-exports the
 * targets that need it, and importing it up front cost every user of the index ~0.3 s, most of
 * whom never send through the SDK. A caller awaits it before its call's deadline starts, so the
 * import is never counted against the target.
 *
 * @example
 * const { CreateDeploymentCommand } = await loadOpsWorksSdk();
 */
export const loadOpsWorksSdk: () => Promise<OpsWorksSdk> = lazyModule(
  () => import('@aws-sdk/client-opsworks'),
);
