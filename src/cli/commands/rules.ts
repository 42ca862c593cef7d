import { RULES, type Rule } from '../../contract/rule-catalog.js';
import { LEVELS, type Level } from '../../contract/types.js';
import { InputError } from '../../errors/input-error.js';
import type { Command } from '../command.js';

/** Splits text into lines of at most `width` characters, breaking at spaces (long words stay whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}

/**
 * Renders rules as a plain-text table (id, level, what it demands, source), wrapping the two prose
 * columns to fit `width` characters.
 *
 * @example
 * io.stdout(formatRulesTable(RULES, 120));
 */
export function formatRulesTable(rules: readonly Rule[], width: number): string {
  const idWidth = Math.max(2, ...rules.map((r) => r.id.length));
  const levelWidth = Math.max(5, ...rules.map((r) => r.level.length));
  const gap = '  ';
  // Four columns need room for two prose columns of readable width; a narrower terminal (80 columns
  // is common) would wrap every row into an unreadable zigzag, so each rule becomes a small block.
  if (width < idWidth + levelWidth + gap.length * 3 + 60) return formatRulesBlocks(rules, width);
  const prose = Math.max(40, width - idWidth - levelWidth - gap.length * 3);
  const demandsWidth = Math.ceil(prose * 0.6);
  const sourceWidth = prose - demandsWidth;
  const row = (cells: [string, string, string, string]): string =>
    [cells[0].padEnd(idWidth), cells[1].padEnd(levelWidth), cells[2].padEnd(demandsWidth), cells[3]]
      .join(gap)
      .trimEnd();
  const out = [
    row(['id', 'level', 'demands', 'source']),
    row(['-'.repeat(idWidth), '-'.repeat(levelWidth), '-'.repeat(demandsWidth), '-'.repeat(sourceWidth)]),
  ];
  for (const [n, rule] of rules.entries()) {
    // Rows wrap over several lines; a blank line keeps one rule from running into the next.
    if (n > 0) out.push('');
    const demands = wrap(rule.demands, demandsWidth);
    const source = wrap(rule.source, sourceWidth);
    for (let i = 0; i < Math.max(demands.length, source.length); i++) {
      out.push(row([i === 0 ? rule.id : '', i === 0 ? rule.level : '', demands[i] ?? '', source[i] ?? '']));
    }
  }
  return `${out.join('\n')}\n`;
}

/** The rules for a narrow terminal: the id and level on one line, then what it demands and its source, indented. */
function formatRulesBlocks(rules: readonly Rule[], width: number): string {
  const indent = '    ';
  const text = Math.max(20, width - indent.length - 1);
  const out: string[] = [];
  for (const [n, rule] of rules.entries()) {
    if (n > 0) out.push('');
    out.push(`${rule.id} (${rule.level})`);
    for (const line of wrap(rule.demands, text)) out.push(`${indent}${line}`);
    for (const line of wrap(`source: ${rule.source}`, text)) out.push(`${indent}${line}`);
  }
  return `${out.join('\n')}\n`;
}

/** Reads `--level a,b` into levels, refusing unknown ones. */
function parseLevels(value: string): Level[] {
  const levels = value.split(',').map((l) => l.trim());
  for (const level of levels) {
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw new InputError(`--level: unknown level '${level}'; expected one of ${LEVELS.join(', ')}`);
    }
  }
  return levels as Level[];
}

/**
 * `opsworks-contract rules [--json] [--level LEVEL]`: lists the rule catalog, as a table or as JSON
 * (the catalog entries exactly as the library exports them).
 */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the contract rules (id, level, what each demands, source)',
  usage: 'opsworks-contract rules [--json] [--level documented|protocol|observed]',
  flags: {
    json: { type: 'boolean', help: 'print the catalog as JSON' },
    level: {
      type: 'string',
      help: `only rules of these levels (comma-separated: ${LEVELS.join(', ')})`,
    },
  },
  async run(values, _positionals, io) {
    const levels = typeof values.level === 'string' ? parseLevels(values.level) : undefined;
    const rules = levels === undefined ? RULES : RULES.filter((r) => levels.includes(r.level));
    if (values.json === true) {
      io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
      return 0;
    }
    // The terminal's width, else $COLUMNS (set by the user for a pipe), else a wide page.
    const fromEnv = Number(io.env.COLUMNS);
    const columns = io.columns ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
    const width = columns ?? 120;
    io.stdout(formatRulesTable(rules, width));
    io.stdout(`\n${rules.length} rule${rules.length === 1 ? '' : 's'}. Levels: ${LEVELS.join(' > ')}.\n`);
    return 0;
  },
};
