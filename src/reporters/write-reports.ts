import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { RunResult } from '../runner/run-result.js';
import { renderHtmlReport } from './html-reporter.js';
import { renderJsonReport } from './json-reporter.js';
import { renderJunitReport } from './junit-reporter.js';
import { renderMarkdownReport } from './markdown-reporter.js';

/** The report files `writeReports` writes, in order. */
export const REPORT_FILES = ['report.json', 'junit.xml', 'report.md', 'report.html'] as const;

/**
 * Writes `report.json`, `junit.xml`, `report.md` and `report.html` into `dir`, each through a temporary
 * file and a rename, so a reader (or a second run writing the same directory) never sees half a file.
 * Resolves to the paths written.
 *
 * @example
 * const files = await writeReports('reports', result);
 */
export async function writeReports(dir: string, result: RunResult): Promise<string[]> {
  const renderers: Record<(typeof REPORT_FILES)[number], (r: RunResult) => string> = {
    'report.json': renderJsonReport,
    'junit.xml': renderJunitReport,
    'report.md': renderMarkdownReport,
    'report.html': renderHtmlReport,
  };
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const name of REPORT_FILES) {
    const path = join(dir, name);
    await writeFileAtomic(path, renderers[name](result));
    written.push(path);
  }
  return written;
}
