/**
 * `npm run derive:schema [-- --model PATH] [--out DIR]`: reads the Smithy model and writes the JSON Schema
 * files (and `generated/schemas.ts`) into `src/schema/` (or DIR). Then run `npm run gen:types`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderSchemaFiles, type SmithyModel } from './derive-json-schema.js';

/** The repository root (this file lives in `scripts/`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the official model sits in the team checkout. */
export const DEFAULT_MODEL_PATH = resolve(REPO_ROOT, '..', 'shared', 'models', 'opsworks-2013-02-18.json');

/** Where derived files go. */
export const SCHEMA_DIR = join(REPO_ROOT, 'src', 'schema');

async function run(): Promise<void> {
  const { values } = parseArgs({
    options: { model: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  const modelPath = values.model === undefined ? DEFAULT_MODEL_PATH : resolve(values.model);
  let model: SmithyModel;
  try {
    model = JSON.parse(await readFile(modelPath, 'utf8')) as SmithyModel;
  } catch (error) {
    process.stderr.write(`derive-schema: cannot read model ${modelPath}: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const files = renderSchemaFiles(model);
  for (const [rel, text] of Object.entries(files)) {
    const path = join(values.out === undefined ? SCHEMA_DIR : resolve(values.out), rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
