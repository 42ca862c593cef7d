/**
 * A loader that imports a module on its first call and hands every later call the same promise.
 * The adapters import their transport (msw, the AWS SDK) this way, on first use rather than when
 * the public index is imported, and call it on every send, so the import is not repeated.
 *
 * @example
 * const loadMsw = lazyModule(() => import('msw'));
 * const { getResponse } = await loadMsw();
 */
export function lazyModule<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}
