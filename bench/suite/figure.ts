/** One measured figure next to its baseline from the same run, as `reports/bench.json` holds it. */
export interface BenchFigure {
  /** Stable id (`http-c32`, `double`, `sdk`, `memory`, `default-run`, …). */
  id: string;
  /** What was measured, in words. */
  name: string;
  value: number;
  unit: string;
  baseline: { name: string; value: number; unit: string };
  /** `value / baseline.value` (for figures where lower is better, see `goal.lowerIsBetter`). */
  ratio: number;
  goal: { text: string; met: boolean; lowerIsBetter?: boolean };
  /** Anything that qualifies the figure (reduced sizes, skipped cases, errors). */
  notes: string[];
  /** Extra numbers behind the figure (case counts, durations, CPU time). */
  details: Record<string, number | string | boolean>;
}

/** Rounds for display: integers with separators, small numbers with 2-3 significant digits. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** The figures as a Markdown table (the README's Performance section is one of these). */
export function figureTable(figures: readonly BenchFigure[]): string {
  const rows = [
    '| benchmark | figure | baseline (same run) | ratio | goal | met |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    rows.push(
      `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit} | ${f.ratio.toFixed(3)} | ${f.goal.text} | ${f.goal.met ? 'yes' : 'no'} |`,
    );
  }
  return rows.join('\n');
}
