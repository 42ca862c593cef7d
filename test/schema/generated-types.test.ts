import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR } from '../../scripts/derive-schema.js';
import { readCommittedSchemas } from '../../scripts/gen-types.js';
import { renderTypeFiles } from '../../scripts/render-types.js';

describe('generated types', () => {
  it('are what json-schema-to-typescript makes of the committed schema (run `npm run gen:types` if this fails)', async () => {
    const files = await renderTypeFiles(await readCommittedSchemas());
    expect(Object.keys(files).length).toBe(6);
    for (const [name, text] of Object.entries(files)) {
      expect(
        await readFile(join(SCHEMA_DIR, 'generated', name), 'utf8'),
        `src/schema/generated/${name} is stale`,
      ).toBe(text);
      expect(text).toContain('Do not edit');
    }
  });
});
