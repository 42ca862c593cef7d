import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors/input-error.js';
import { describeThrown } from './describe-thrown.js';

/**
 * Imports the module a `msw:PATH` or `client:PATH` target names, resolved from `cwd`. Every failure
 * is one {@link InputError} line naming the spec: a missing file, a directory, or an import that
 * throws (a syntax error, a missing dependency, top-level code that fails), with the cause's first line.
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
  try {
    return (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
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
