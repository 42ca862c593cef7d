import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { RULES } from '../../src/contract/rule-catalog.js';
import { captureIo } from './capture-io.js';

const capture = (env: Record<string, string> = {}) => captureIo({ env });

describe('opsworks-contract rules', () => {
  it('--json prints the whole catalog', async () => {
    const io = capture();
    expect(await main(['rules', '--json'], io)).toBe(0);
    const printed = JSON.parse(io.out()) as Array<Record<string, unknown>>;
    expect(printed).toEqual(JSON.parse(JSON.stringify(RULES)));
    expect(printed.map((r) => r.id)).toContain('stack-id-required');
    for (const r of printed)
      expect(Object.keys(r).sort()).toEqual(['demands', 'fact', 'id', 'level', 'source']);
  });

  it('--level filters by level', async () => {
    const io = capture();
    expect(await main(['rules', '--json', '--level', 'protocol'], io)).toBe(0);
    const printed = JSON.parse(io.out()) as Array<{ level: string }>;
    expect(printed.length).toBe(RULES.filter((r) => r.level === 'protocol').length);
    expect(printed.every((r) => r.level === 'protocol')).toBe(true);
  });

  it('refuses an unknown level with exit 2 and one line', async () => {
    const io = capture();
    expect(await main(['rules', '--level', 'rumoured'], io)).toBe(2);
    expect(io.err()).toBe(
      "opsworks-contract rules: --level: unknown level 'rumoured'; expected one of documented, protocol, observed\n",
    );
    expect(io.out()).toBe('');
  });

  it('prints a table with every rule id, its level and source, within the terminal width', async () => {
    const io = capture({ COLUMNS: '150' });
    expect(await main(['rules'], io)).toBe(0);
    const text = io.out();
    expect(text.split('\n')[0]).toMatch(/^id\s+level\s+demands\s+source$/);
    for (const rule of RULES) expect(text).toMatch(new RegExp(`^${rule.id}\\s+${rule.level}\\s`, 'm'));
    const longest = Math.max(...RULES.map((r) => r.id.length));
    // Lines stay within the width unless an id column alone is wider (never with this catalog).
    if (longest < 60) for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(150);
    expect(text).toContain(`${RULES.length} rules.`);
  });

  it('in an 80-column terminal, prints each rule as a block that fits instead of a wrapping table', async () => {
    const io = captureIo({ columns: 80 });
    expect(await main(['rules'], io)).toBe(0);
    const text = io.out();
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(80);
    for (const rule of RULES) expect(text).toMatch(new RegExp(`^${rule.id} \\(${rule.level}\\)$`, 'm'));
    expect(text).toContain(`${RULES.length} rules.`);
  });
});
