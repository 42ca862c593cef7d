import { relative, resolve } from 'node:path';
import { InputError } from '../../errors/input-error.js';
import { redactText, secretsFromEnv } from '../../io/redact.js';
import { terminalSafe } from '../../reporters/terminal-safe.js';
import {
  type ReplayOptions,
  type ReplayReport,
  type ReplayResult,
  replayFixtures,
} from '../../runner/replay-fixtures.js';
import type { Exchange } from '../../targets/target.js';
import { unreachableQuestion } from '../../targets/unreachable-question.js';
import { loadWorld } from '../../world/load-world.js';
import type { CliIo, Command, FlagValues } from '../command.js';
import { parseIntegerFlag } from '../parse-integer-flag.js';

/** Exit codes (design.md; the numbers of `EXIT` in main.ts, which imports this file, so not imported back). */
const EXIT = { ok: 0, violations: 1, unreachable: 3, interrupted: 130 } as const;

function text(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new InputError(`--${name}: expected a value`);
  return v;
}

function timeout(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : parseIntegerFlag('timeout', raw, 1, 3_600_000);
}

function observed(exchange: Exchange): string {
  if (exchange.kind === 'transport-error') return `no answer (${exchange.reason}): ${exchange.message}`;
  const c = exchange.classification;
  return `${c.outcome}${c.status ? ` (HTTP ${c.status})` : ''}`;
}

/** A target's message on one line: the unreachable line and NOT REPLAYED lines are one line each. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Why fixtures got no answer, e.g. `31 refused: connect ECONNREFUSED 127.0.0.1:4000`. */
function noAnswerReasons(report: ReplayReport): string {
  const counts = new Map<string, number>();
  let first: string | undefined;
  for (const r of report.results) {
    if (r.status !== 'no-answer') continue;
    counts.set(r.exchange.reason, (counts.get(r.exchange.reason) ?? 0) + 1);
    first ??= oneLine(r.exchange.message);
  }
  const tally = [...counts].map(([reason, n]) => `${n} ${reason}`).join(', ');
  return counts.size === 1 ? `${tally}: ${first}` : `${tally}; first: ${first}`;
}

/** One result as the lines the console shows: a verdict word, the file, and why. */
export function formatReplayResult(result: ReplayResult, cwd: string): string {
  const file = relative(cwd, result.path) || result.path;
  if (result.status === 'skipped') return `SKIPPED        ${file} (${result.why})\n`;
  // A stateful fixture's own check (uniqueness, read-back) may not have been judged: FIXED alone
  // would read as though it had been.
  const stateful = result.status === 'no-answer' ? undefined : result.statefulCheck;
  const notJudged =
    stateful?.verdict.status === 'skipped' ? `${stateful.check} skipped: ${stateful.verdict.why}` : undefined;
  if (result.status === 'fixed') return `FIXED          ${file}${notJudged ? ` (${notJudged})` : ''}\n`;
  if (result.status === 'no-answer') {
    const { reason, message } = result.exchange;
    return `NOT REPLAYED   ${file} (no answer, ${reason}: ${oneLine(message)})\n`;
  }
  const lines = [`STILL FAILING  ${file}`];
  lines.push(`    expected ${result.expectation.allowed.join(' | ')}, observed ${observed(result.exchange)}`);
  for (const f of result.failures) {
    const rule = f.rule !== undefined && f.rule !== f.check ? ` (${f.rule})` : '';
    lines.push(`    ${f.check}${rule}: expected ${f.expected}; observed ${f.observed}`);
  }
  if (notJudged !== undefined) lines.push(`    ${notJudged}`);
  return `${lines.join('\n')}\n`;
}

/**
 * `opsworks-contract replay FIXTURE_OR_DIR`: judges saved fixtures again against a target and
 * prints FIXED / STILL FAILING / SKIPPED / NOT REPLAYED per file. Exit 1 when any still fails, else
 * 3 when any got no answer (one stderr line; no per-file lines when nothing answered), 2 for bad
 * input, 130 when interrupted.
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
      throw new InputError('expected exactly one FIXTURE_OR_DIR, e.g. replay fixtures/regressions');
    }
    const worldPath = text(values, 'world');
    const timeoutMs = timeout(text(values, 'timeout'));
    const target = text(values, 'target');
    // A target may echo what it was sent (a signature, a session token) in its messages.
    const safe = (t: string): string => terminalSafe(redactText(t, secretsFromEnv(io.env)));
    let printed = false;
    const print = (t: string): void => {
      io.stdout(t);
      printed = true;
    };
    // NOT REPLAYED lines wait (with what follows them, to keep file order) until a fixture is
    // judged: when none ever is, the target is down and one line on stderr says so instead of one
    // line per fixture saying the same thing.
    const held: Array<{ status: ReplayResult['status']; text: string }> = [];
    let judged = false;
    const options: ReplayOptions = {
      path: positionals[0],
      cwd: io.cwd,
      signal: io.signal,
      onWarning: (warning) => io.stderr(`warning: ${warning}\n`),
      onResult: (result) => {
        const text = safe(formatReplayResult(result, io.cwd));
        if (result.status === 'fixed' || result.status === 'still-failing') judged = true;
        if (!judged && (result.status === 'no-answer' || held.length > 0)) {
          held.push({ status: result.status, text });
          return;
        }
        for (const h of held.splice(0)) print(h.text);
        print(text);
      },
    };
    if (target !== undefined) options.target = target;
    if (worldPath !== undefined) options.world = await loadWorld(resolve(io.cwd, worldPath));
    if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
    if (values.sign === true) options.sign = true;
    if (values['allow-deployments'] === true) options.allowDeployments = true;

    const report = await replayFixtures(options);
    for (const h of held.splice(0)) if (!report.unreachable || h.status !== 'no-answer') print(h.text);
    const total = report.results.length;
    const notReplayed = report.noAnswer > 0 ? `, ${report.noAnswer} not replayed: no answer` : '';
    io.stdout(
      `${printed ? '\n' : ''}${total} fixture${total === 1 ? '' : 's'} against ${report.targetName}: ` +
        `${report.fixed} fixed, ${report.stillFailing} still failing, ${report.skipped} skipped${notReplayed}` +
        `${report.interrupted ? ' (interrupted)' : ''}\n`,
    );
    if (report.interrupted) return EXIT.interrupted;
    if (report.stillFailing > 0) return EXIT.violations;
    if (report.noAnswer > 0) {
      // Not replayed is not fixed: exit 0 would claim fixtures behave that were never judged.
      const sent = report.fixed + report.stillFailing + report.noAnswer;
      const which = report.unreachable
        ? `answered none of the ${sent} fixture${sent === 1 ? '' : 's'} sent`
        : `gave no answer to ${report.noAnswer} of the ${sent} fixtures sent`;
      io.stderr(
        safe(
          `opsworks-contract replay: target unreachable: ${report.targetName} ${which} ` +
            `(${noAnswerReasons(report)}); ${unreachableQuestion(report.targetName)}\n`,
        ),
      );
      return EXIT.unreachable;
    }
    return EXIT.ok;
  },
};
