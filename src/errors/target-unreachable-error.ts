/**
 * The target could not be reached at all (connection refused, DNS failure, every request timed out):
 * the CLI exits 3. A target that answers, however badly, is not unreachable.
 *
 * @example
 * throw new TargetUnreachableError('http://127.0.0.1:4000: connection refused (is the server running?)');
 */
export class TargetUnreachableError extends Error {
  override readonly name = 'TargetUnreachableError';
}
