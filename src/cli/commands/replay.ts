import { relative, resolve } from 'node:path';
import { InputError } from '../../errors/input-error.js';
import { redactText, secretsFromEnv } from '../../io/redact.js';
import { terminalSafe } from '../../reporters/terminal-safe.js';
import { type ReplayOptions, type ReplayResult, replayFixtures } from '../../runner/replay-fixtures.js';
import type { Exchange } from '../../targets/target.js';
import { loadWorld } from '../../world/load-world.js';
import type { CliIo, Command, FlagValues } from '../command.js';

/** Exit codes (design.md; the numbers of `EXIT` in main.ts, which imports this file, so not imported back). */
const EXIT = { ok: 0, violations: 1, unreachable: 3, interrupted: 130 } as const;

function text(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new InputError(`--${name}: expected a value`);
  return v;
}

function timeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 3_600_000) {
    throw new InputError(`--timeout ${raw}: expected milliseconds from 1 to 3600000`);
  }
  return n;
}

function observed(exchange: Exchange): string {
  if (exchange.kind === 'transport-error') return `no answer (${exchange.reason}): ${exchange.message}`;
  const c = exchange.classification;
  return `${c.outcome}${c.status ? ` (HTTP ${c.status})` : ''}`;
}

/** One result as the lines the console shows: a verdict word, the file, and why. */
export function formatReplayResult(result: ReplayResult, cwd: string): string {
  const file = relative(cwd, result.path) || result.path;
  if (result.status === 'skipped') return `SKIPPED        ${file} (${result.why})\n`;
  if (result.status === 'fixed') return `FIXED          ${file}\n`;
  const lines = [`STILL FAILING  ${file}`];
  lines.push(`    expected ${result.expectation.allowed.join(' | ')}, observed ${observed(result.exchange)}`);
  for (const f of result.failures) {
    const rule = f.rule !== undefined && f.rule !== f.check ? ` (${f.rule})` : '';
    lines.push(`    ${f.check}${rule}: expected ${f.expected}; observed ${f.observed}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `opsworks-contract replay FIXTURE_OR_DIR`: judges saved fixtures again against a target and
 * prints FIXED / STILL FAILING / SKIPPED per file. Exit 1 when any still fails, 3 when the target
 * could not be reached at all, 2 for bad input, 130 when interrupted.
 */
export const replayCommand: Command = {
  name: 'replay',
  summary: 'judge saved fixtures again against a target: FIXED or STILL FAILING per file',
  usage:
    'opsworks-contract replay FIXTURE_OR_DIR [--target T] [--world FILE] [--timeout MS] [--sign] [--allow-deployments]',
  positionals: true,
  flags: {
    target: {
      type: 'string',
      help: 'double (default), http://HOST:PORT, https://..., sdk:URL, aws:REGION, msw:PATH, client:PATH',
    },
    world: { type: 'string', help: "world file to judge by, instead of each fixture's own" },
    timeout: { type: 'string', help: 'per-request timeout in milliseconds (default 10000)' },
    sign: { type: 'boolean', help: 'SigV4-sign requests (credentials from the standard AWS chain)' },
    'allow-deployments': {
      type: 'boolean',
      help: 'aws: send fixtures that may succeed (real deployments!); needs --world naming a sandbox',
    },
  },
  async run(values: FlagValues, positionals: string[], io: CliIo): Promise<number> {
    if (positionals.length !== 1 || positionals[0] === undefined || positionals[0].trim() === '') {
      throw new InputError('replay: expected exactly one FIXTURE_OR_DIR, e.g. replay fixtures/regressions');
    }
    const worldPath = text(values, 'world');
    const timeoutMs = timeout(text(values, 'timeout'));
    const target = text(values, 'target');
    const options: ReplayOptions = {
      path: positionals[0],
      cwd: io.cwd,
      signal: io.signal,
      onWarning: (warning) => io.stderr(`warning: ${warning}\n`),
      // A target may echo what it was sent (a signature, a session token) in its messages.
      onResult: (result) =>
        io.stdout(terminalSafe(redactText(formatReplayResult(result, io.cwd), secretsFromEnv(io.env)))),
    };
    if (target !== undefined) options.target = target;
    if (worldPath !== undefined) options.world = await loadWorld(resolve(io.cwd, worldPath));
    if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
    if (values.sign === true) options.sign = true;
    if (values['allow-deployments'] === true) options.allowDeployments = true;

    const report = await replayFixtures(options);
    const total = report.results.length;
    io.stdout(
      `\n${total} fixture${total === 1 ? '' : 's'} against ${report.targetName}: ${report.fixed} fixed, ` +
        `${report.stillFailing} still failing, ${report.skipped} skipped${report.interrupted ? ' (interrupted)' : ''}\n`,
    );
    if (report.interrupted) return EXIT.interrupted;
    if (report.unreachable) {
      io.stderr(
        `opsworks-contract replay: target unreachable: ${report.targetName} refused every connection\n`,
      );
      return EXIT.unreachable;
    }
    return report.stillFailing > 0 ? EXIT.violations : EXIT.ok;
  },
};
