import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../../errors/input-error.js';
import { checkWritableDir } from '../../io/check-writable-dir.js';
import { renderScorecard } from '../../reporters/console-reporter.js';
import { writeReports } from '../../reporters/write-reports.js';
import { mergeReports, parseJsonReport, type ReportSource } from '../../runner/merge-reports.js';
import type { RunStatus } from '../../runner/run-result.js';
import type { CliIo, Command, FlagValues } from '../command.js';

/** Exit codes by merged status (design.md; the numbers of `EXIT` in main.ts). */
const EXIT_BY_STATUS: Record<RunStatus, number> = {
  conformant: 0,
  violations: 1,
  unreachable: 3,
  interrupted: 130,
};

/** Every `report.json` under `dir` (CI artifact downloads nest one folder per shard). */
async function findReports(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...(await findReports(path)));
    else if (e.isFile() && e.name === 'report.json') found.push(path);
  }
  return found;
}

async function reportPaths(positionals: readonly string[], cwd: string): Promise<string[]> {
  const paths: string[] = [];
  for (const given of positionals) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) throw new InputError(`${given}: no such file or directory`);
    if (info.isDirectory()) {
      const found = await findReports(path);
      if (found.length === 0)
        throw new InputError(`${given}: holds no report.json; give the shard report folders`);
      paths.push(...found);
    } else paths.push(path);
  }
  return [...new Set(paths)];
}

function outDir(values: FlagValues): string {
  const v = values.out;
  if (v === undefined) return 'reports';
  if (typeof v !== 'string' || v.trim() === '') throw new InputError('--out: expected a directory');
  return v;
}

/**
 * `opsworks-contract merge DIR_OR_FILE... [--out DIR] [--allow-missing]`: merges the `report.json`
 * files of the shards of one run (`check --shard i/n` on a CI matrix) into one set of reports
 * (`report.json`, `junit.xml`, `report.md`, `report.html`), prints the merged scorecard, and exits as
 * `check` would have for the whole run (0 conformant, 1 violations, 3 unreachable, 130 interrupted).
 * It exits 2 before anything is written for reports that are not shards of one run, for a missing
 * shard (unless `--allow-missing`, which merges the shards given and names the missing ones in the
 * notes), and for an `--out` that cannot be written.
 *
 * @example
 * opsworks-contract merge shards/ --out reports
 */
export const mergeCommand: Command = {
  name: 'merge',
  summary: 'merge the report.json files of check --shard runs into one set of reports',
  usage: 'opsworks-contract merge DIR_OR_REPORT_JSON... [--out DIR] [--allow-missing] [--quiet]',
  positionals: true,
  flags: {
    out: { type: 'string', help: 'where the merged reports go (default reports)' },
    'allow-missing': {
      type: 'boolean',
      help: 'merge the shards given when some are missing (named in the notes) instead of exiting 2',
    },
    quiet: { type: 'boolean', help: 'print the violations and the verdict only' },
  },
  async run(values: FlagValues, positionals: string[], io: CliIo): Promise<number> {
    if (positionals.length === 0) {
      throw new InputError('expected the shard reports, e.g. merge shards/ --out reports');
    }
    const out = resolve(io.cwd, outDir(values));
    // Like check's --report-dir: an --out that is a file or cannot be written is a bad invocation,
    // found before any report is read or written rather than a crash in the middle of writing.
    await checkWritableDir(out, '--out');
    const paths = await reportPaths(positionals, io.cwd);
    const sources: ReportSource[] = [];
    for (const path of paths) {
      const source = relative(io.cwd, path) || path;
      const text = await readFile(path, 'utf8').catch((error: Error) => {
        throw new InputError(`${source}: cannot read (${error.message})`);
      });
      sources.push({ source, report: parseJsonReport(text, source) });
    }
    // Everything is validated before the first file is written, so bad input leaves nothing behind.
    const merged = mergeReports(sources, { allowMissing: values['allow-missing'] === true });
    merged.files = (await writeReports(out, merged)).map((p) => relative(io.cwd, p) || p);
    io.stdout(renderScorecard(merged, { compact: values.quiet === true }));
    io.stdout(`merged ${sources.length} report(s) into ${relative(io.cwd, out) || '.'}\n`);
    return EXIT_BY_STATUS[merged.status];
  },
};
