import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes text and bytes, creating the parent directories', async () => {
    const path = join(dir, 'a', 'b', 'out.json');
    await writeFileAtomic(path, '{"x":1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"x":1}\n');
    await writeFileAtomic(path, new Uint8Array([0xff, 0x00, 0x41]));
    expect([...(await readFile(path))]).toEqual([0xff, 0x00, 0x41]);
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['out.json']);
  });

  it('never lets a reader see a torn file while two writers race on one path', async () => {
    const path = join(dir, 'race.txt');
    // Large enough that a non-atomic write would be seen half-done.
    const contents = ['A', 'B'].map((c) => c.repeat(2 * 1024 * 1024));
    await writeFileAtomic(path, contents[0] ?? '');
    let writing = true;
    const seen = new Set<string>();
    const reader = (async () => {
      while (writing) {
        const text = await readFile(path, 'utf8');
        seen.add(text.length === contents[0]?.length ? (text[0] ?? '') + text.at(-1) : `torn:${text.length}`);
        expect(contents).toContain(text);
      }
    })();
    const writers = [0, 1].map(async (w) => {
      for (let i = 0; i < 10; i++) await writeFileAtomic(path, contents[(i + w) % 2] ?? '');
    });
    await Promise.all(writers);
    writing = false;
    await reader;
    expect([...seen].every((s) => s === 'AA' || s === 'BB')).toBe(true);
    expect(contents).toContain(await readFile(path, 'utf8'));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes its temporary file and rethrows when the rename fails', async () => {
    const sub = join(dir, 'fail');
    const target = join(sub, 'taken');
    await mkdir(target, { recursive: true }); // a directory where the file should go: rename fails
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(sub)).toEqual(['taken']);
  });
});
