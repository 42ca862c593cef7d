/**
 * `npm run gen:types`: compiles the committed `src/schema/*.schema.json` into
 * `src/schema/generated/<name>.ts` with json-schema-to-typescript. Run after `npm run derive:schema`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type JsonSchema, SCHEMA_ROOTS } from './derive-json-schema.js';
import { renderTypeFiles } from './render-types.js';

const SCHEMA_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'src', 'schema');

/** Reads the committed schema files, keyed by stem. */
export async function readCommittedSchemas(dir: string = SCHEMA_DIR): Promise<Record<string, JsonSchema>> {
  const entries = await Promise.all(
    SCHEMA_ROOTS.map(
      async (r) =>
        [
          r.stem,
          JSON.parse(await readFile(join(dir, `${r.stem}.schema.json`), 'utf8')) as JsonSchema,
        ] as const,
    ),
  );
  return Object.fromEntries(entries);
}

async function run(): Promise<void> {
  const files = await renderTypeFiles(await readCommittedSchemas());
  for (const [name, text] of Object.entries(files)) {
    const path = join(SCHEMA_DIR, 'generated', name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
