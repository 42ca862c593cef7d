import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors/input-error.js';
import { describeThrown } from './describe-thrown.js';

const TS_FILE = /\.[cm]?tsx?$/;

/** The `code` of a thrown value, without tripping a Proxy's traps (modules may throw anything). */
function errorCode(error: unknown): unknown {
  try {
    return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Imports the module a `msw:PATH` or `client:PATH` target names, resolved from `cwd`. Every failure
 * is one {@link InputError} line naming the spec: a missing file, a directory, or an import that
 * throws (a syntax error, a missing dependency, top-level code that fails), with the cause's first line.
 * TypeScript modules (`.ts`, `.mts`, `.tsx`) are loaded through tsx.
 *
 * @example
 * const mod = await importUserModule('msw:./handlers.js', './handlers.js', process.cwd());
 */
export async function importUserModule(
  spec: string,
  path: string,
  cwd: string,
): Promise<Record<string, unknown>> {
  if (path.trim() === '') throw new InputError(`--target ${spec}: no module path; e.g. ${spec}./handlers.js`);
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  let isFile: boolean;
  try {
    isFile = (await stat(absolute)).isFile();
  } catch {
    throw new InputError(`--target ${spec}: no such file ${absolute}; check the path (relative to ${cwd})`);
  }
  if (!isFile)
    throw new InputError(`--target ${spec}: ${absolute} is not a file; name the module file itself`);
  const url = pathToFileURL(absolute).href;
  try {
    try {
      return (await import(url)) as Record<string, unknown>;
    } catch (error) {
      // Plain Node cannot load TypeScript, and users' handlers and mocks are mostly .ts: load those
      // through tsx (its loader is registered for this one import only). Under vitest the first
      // import already succeeds.
      if (errorCode(error) !== 'ERR_UNKNOWN_FILE_EXTENSION' || !TS_FILE.test(absolute)) {
        throw error;
      }
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    }
  } catch (error) {
    const first = describeThrown(error);
    throw new InputError(`--target ${spec}: cannot import ${absolute}: ${first}; fix the module and retry`);
  }
}

/**
 * Runs `inspect` over a user module's exports, turning anything it throws (a getter or Proxy trap in
 * the module) into one {@link InputError} line naming the spec; InputErrors pass through.
 *
 * @example
 * const client = inspectExports('client:./mock.js', () => validateClient(mod.client));
 */
export function inspectExports<T>(spec: string, inspect: () => T): T {
  try {
    return inspect();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const first = describeThrown(error);
    throw new InputError(
      `--target ${spec}: reading the module's exports threw ${first}; export plain values`,
    );
  }
}
