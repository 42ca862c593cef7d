import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the whole new content, never a
 * torn mix: the data goes to `<path>.<pid>.<random>.tmp` in the same directory (so the rename stays
 * on one file system), is flushed with fsync, then renamed over `path`. Creates the parent directory.
 * On failure the temporary file is removed and the error rethrown. Concurrent writers to one path
 * each rename a complete file; the last rename wins.
 *
 * @example
 * await writeFileAtomic('reports/report.json', `${JSON.stringify(report, null, 2)}\n`);
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never reuse someone else's temp file, however unlikely the name clash.
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

/** Makes the rename itself durable where the platform allows it (Linux, macOS); ignored elsewhere. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open directories; the file content is already flushed.
  }
}
