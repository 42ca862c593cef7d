/**
 * Turns the committed JSON Schema files into TypeScript with json-schema-to-typescript. Pure apart
 * from the compiler, so `scripts/gen-types.ts` writes the result and a test compares it with the
 * committed `src/schema/generated/*.ts`.
 */
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { type JsonSchema, SCHEMA_ROOTS } from './derive-json-schema.js';

/** The banner on every generated type file. */
export function typesBanner(stem: string): string {
  return [
    '/**',
    ` * Generated from src/schema/${stem}.schema.json by json-schema-to-typescript. Do not edit:`,
    ' * run `npm run derive:schema && npm run gen:types` to regenerate.',
    ' */',
  ].join('\n');
}

/**
 * Compiles each schema to TypeScript; returns file name (relative to `src/schema/generated/`) → text.
 * Object types are closed (`additionalProperties: false` for the compiler only): the schema stays
 * open, since unknown members are dropped on the wire, but the types should not invite them.
 *
 * @example
 * const files = await renderTypeFiles({ 'create-deployment-request': schema });
 */
export async function renderTypeFiles(schemas: Record<string, JsonSchema>): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const root of SCHEMA_ROOTS) {
    const schema = schemas[root.stem];
    if (schema === undefined) throw new Error(`missing schema ${root.stem}`);
    // The compiler mutates its input; give it a copy so callers can reuse theirs.
    const copy = structuredClone(schema) as JSONSchema;
    files[`${root.stem}.ts`] = await compile(copy, String(schema.title ?? root.stem), {
      bannerComment: typesBanner(root.stem),
      additionalProperties: false,
      declareExternallyReferenced: true,
      format: true,
      strictIndexSignatures: false,
      unreachableDefinitions: false,
    });
  }
  return files;
}
