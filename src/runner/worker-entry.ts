/**
 * How to start a worker thread on one of the runner's modules: the compiled `.js` file next to the
 * caller once built; from the sources (tsx in development, vitest in tests) the `.ts` file, after
 * registering tsx's loader inside the worker (loaders given in a worker's `execArgv` do not apply to
 * its entry module on Node 20).
 *
 * @example
 * const start = workerEntry(import.meta.url, 'case-worker');
 * new Worker(start.entry, { eval: start.eval, workerData });
 */
export function workerEntry(callerUrl: string, name: string): { entry: URL | string; eval: boolean } {
  if (!callerUrl.endsWith('.ts')) return { entry: new URL(`./${name}.js`, callerUrl), eval: false };
  const api = new URL('../../node_modules/tsx/dist/esm/api/index.mjs', callerUrl).href;
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return {
    entry: `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`,
    eval: true,
  };
}
