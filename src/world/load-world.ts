import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { World } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { DEFAULT_WORLD } from './default-world.js';
import { parseJsonText } from './parse-json-text.js';
import { validateWorld } from './validate-world.js';

/**
 * Absolute path of the default world file, `fixtures/world.json` in the package. Both `src/world/`
 * and `dist/world/` sit two levels below the package root, so one relative URL serves both.
 */
export const DEFAULT_WORLD_PATH: string = fileURLToPath(
  new URL('../../fixtures/world.json', import.meta.url),
);

/**
 * Parses and validates the text of a world file. Throws one `InputError` naming `fileName`, the
 * JSON path and the problem (bad JSON, wrong shapes, empty or duplicate IDs, unknown keys).
 *
 * @example
 * const world = parseWorld('{"stacks":[{"StackId":"s1","AppIds":["a1"]}]}', 'world.json');
 */
export function parseWorld(text: string, fileName: string): World {
  return validateWorld(parseJsonText(text, fileName), fileName);
}

/**
 * Reads a world file (`{"stacks": [{"StackId", "AppIds", "LayerIds", "InstanceIds"}]}`).
 * Throws `InputError` when it cannot be read or is malformed; the message names the file as given.
 *
 * @example
 * const world = await loadWorld('my-world.json');
 */
export async function loadWorld(path: string): Promise<World> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : `cannot read (${code ?? (error as Error).message})`;
    throw new InputError(`${path}: ${why}; pass the path of a world JSON file`);
  }
  return parseWorld(text, path);
}

/**
 * The default world (the IDs the embedded double serves), synchronously and without touching the
 * file system. Returns a fresh copy each call, so callers may change it freely.
 *
 * @example
 * const world = loadDefaultWorld();
 * world.stacks.length; // 2
 */
export function loadDefaultWorld(): World {
  return structuredClone(DEFAULT_WORLD);
}
