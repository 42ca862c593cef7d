import { expectedOutcomes } from '../contract/expected-outcomes.js';
import type { CaseRequest, World } from '../contract/types.js';
import { SUCCESS } from '../contract/types.js';
import type { Exchange, SendOptions, Target } from './target.js';

/**
 * Why the real-AWS gate holds `request` back, or `undefined` when the oracle says it must be
 * rejected. Any request whose allowed outcomes include `success` (unspecified ones too, since they
 * allow everything) could create a real deployment that runs commands on real instances.
 *
 * @example
 * deploymentGateReason(validRequest, world); // 'real-AWS gate: ...'
 */
export function deploymentGateReason(request: CaseRequest, world: World): string | undefined {
  const expectation = expectedOutcomes(request, world);
  if (!expectation.allowed.includes(SUCCESS)) return undefined;
  return (
    'real-AWS gate: this request may succeed and create a real deployment; ' +
    'pass --allow-deployments with --world naming a sandbox stack you own to send it'
  );
}

/**
 * Wraps a target so that no request the oracle allows to succeed ever leaves the process: such
 * requests are declared inexpressible (the runner skips and counts them), and `send` refuses them
 * too, without calling the inner target, in case a caller sends without asking first (a shrinker
 * can walk a rejected case into a valid one). Read-back (DescribeDeployments) only reads and passes
 * through.
 *
 * @example
 * const target = guardDeployments(createSdkTarget({ name: 'aws:us-east-1', region: 'us-east-1', ... }), world);
 */
export function guardDeployments(inner: Target, world: World): Target {
  const reasonFor = (request: CaseRequest): string | undefined =>
    inner.cannotExpress(request) ?? deploymentGateReason(request, world);
  const guarded: Target = {
    name: inner.name,
    capabilities: inner.capabilities,
    cannotExpress: reasonFor,
    async send(request: CaseRequest, options?: SendOptions): Promise<Exchange> {
      const reason = reasonFor(request);
      if (reason !== undefined) {
        return { kind: 'transport-error', reason: 'other', message: `not sent: ${reason}`, durationMs: 0 };
      }
      return inner.send(request, options);
    },
    close: () => inner.close(),
  };
  if (inner.describeDeployments !== undefined) {
    const describe = inner.describeDeployments.bind(inner);
    guarded.describeDeployments = (ids, options) => describe(ids, options);
  }
  if (inner.warnings !== undefined) return { ...guarded, warnings: inner.warnings };
  return guarded;
}
