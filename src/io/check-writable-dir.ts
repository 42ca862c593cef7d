import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors/input-error.js';

/**
 * Checks, without writing anything, that files can later be written into `dir`: it is a writable
 * directory, or does not exist yet and its nearest existing ancestor is a writable directory.
 * Throws one {@link InputError} naming `label` (the flag or option) otherwise. A run calls this before
 * sending anything, so an unusable output directory is a bad invocation (exit 2) rather than a crash
 * after the whole run, and a bad invocation still writes nothing.
 *
 * @example
 * await checkWritableDir('reports', '--report-dir'); // fine, even if reports/ does not exist yet
 * await checkWritableDir('package.json', '--report-dir'); // InputError: --report-dir package.json: exists and is not a directory; ...
 */
export async function checkWritableDir(dir: string, label: string): Promise<void> {
  const target = resolve(dir);
  let current = target;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(current)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      // Not there yet (or under a file): look at the parent, which mkdir would have to create it in.
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== current) {
        current = parent;
        continue;
      }
      throw new InputError(
        `${label} ${dir}: cannot be used (${code ?? 'unknown error'}); pass another directory`,
      );
    }
    if (!isDirectory) {
      throw new InputError(
        current === target
          ? `${label} ${dir}: exists and is not a directory; pass a directory path`
          : `${label} ${dir}: ${current} is a file, so no directory can be made under it; pass another path`,
      );
    }
    try {
      await access(current, constants.W_OK);
    } catch {
      throw new InputError(`${label} ${dir}: ${current} is not writable; pass a directory you can write to`);
    }
    return;
  }
}
