import type { Exchange } from './target.js';

/**
 * The `Deployments` array of a DescribeDeployments exchange, or the exchange itself when it is not a
 * readable success (so the caller can report what came back instead of a guess).
 *
 * @example
 * const deployments = readDeployments(exchange);
 * if (!Array.isArray(deployments)) report(deployments);
 */
export function readDeployments(exchange: Exchange): unknown[] | Exchange {
  if (exchange.kind !== 'wire' || exchange.response.status !== 200) return exchange;
  const { body } = exchange.response;
  try {
    const parsed: unknown = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
    const deployments = (parsed as { Deployments?: unknown } | null)?.Deployments;
    return Array.isArray(deployments) ? deployments : exchange;
  } catch {
    return exchange;
  }
}
