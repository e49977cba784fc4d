// Shared shape of benchmark results and how they are printed.
export interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 'MB' | 'ratio' | 'count';
  /** The number the issue asks for, when there is one. */
  target?: { comparison: '<=' | '>='; value: number };
  note?: string;
}

export interface BenchSuite {
  suite: string;
  rows: BenchRow[];
}

export function meetsTarget(row: BenchRow): boolean | null {
  if (!row.target) return null;
  return row.target.comparison === '<=' ? row.value <= row.target.value : row.value >= row.target.value;
}

export function formatSuite(suite: BenchSuite): string {
  const lines = [`\n## ${suite.suite}`, '', '| measure | value | target | ok |', '|---|---:|---:|:--:|'];
  for (const row of suite.rows) {
    const ok = meetsTarget(row);
    const value = row.unit === 'ratio' ? `${row.value.toFixed(2)}×` : `${row.value.toFixed(row.unit === 'count' ? 0 : 2)} ${row.unit}`;
    const target = row.target ? `${row.target.comparison} ${row.target.value}${row.unit === 'ratio' ? '×' : ` ${row.unit}`}` : '';
    lines.push(`| ${row.name}${row.note ? ` (${row.note})` : ''} | ${value} | ${target} | ${ok === null ? '' : ok ? 'yes' : 'NO'} |`);
  }
  return lines.join('\n');
}

export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? NaN;
}

export function median(samples: number[]): number {
  return percentile(samples, 0.5);
}
