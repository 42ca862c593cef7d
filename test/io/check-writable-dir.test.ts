import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors/input-error.js';
import { checkWritableDir } from '../../src/io/check-writable-dir.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-writable-'));
  await writeFile(join(dir, 'a-file'), 'x');
  await mkdir(join(dir, 'a-dir'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkWritableDir', () => {
  it('accepts an existing directory and one that does not exist yet, creating nothing', async () => {
    await checkWritableDir(join(dir, 'a-dir'), '--report-dir');
    await checkWritableDir(join(dir, 'new', 'deeper'), '--report-dir');
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });

  it('refuses a path that is a file, with one line naming the flag and the path', async () => {
    const error = await checkWritableDir(join(dir, 'a-file'), '--report-dir').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `--report-dir ${join(dir, 'a-file')}: exists and is not a directory; pass a directory path`,
    );
  });

  it('refuses a path under a file', async () => {
    await expect(checkWritableDir(join(dir, 'a-file', 'sub', 'x'), '--fixtures-dir')).rejects.toThrow(
      new RegExp(
        `^--fixtures-dir .*: ${join(dir, 'a-file')} is a file, so no directory can be made under it`,
      ),
    );
  });
});
