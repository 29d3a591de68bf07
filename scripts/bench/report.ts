/** The benchmark's numbers as one Markdown table, with the machine it ran on above it. */

/** Nearest-rank percentile (q in 0–1) of a non-empty list. */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

export const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

export interface RowInput {
  label: string;
  /** Items each query read. */
  itemsRead: number[];
  /** The geohash precision each search stopped at. */
  precisions: number[];
  /** Milliseconds of each handler call. */
  latencies: number[];
  /** Rounds of cell queries each search sent (queries of one round go together). */
  rounds: number[];
  mismatches: number;
}

export interface Summary {
  machine: string;
  seeding: string;
  tableItems: number;
  goalPercent: number;
  rows: RowInput[];
}

const grouped = (n: number) => n.toLocaleString('en-US');

function share(part: number, whole: number): string {
  const percent = (part / whole) * 100;
  return `${percent >= 10 || percent === 0 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** "6: 3% · 5: 95% · 4: 2%", finest first. */
function precisionMix(precisions: number[]): string {
  const counts = new Map<number, number>();
  for (const p of precisions) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => b - a)
    .map(([p, n]) => `${p}: ${share(n, precisions.length)}`)
    .join(' · ');
}

export function markdown(summary: Summary): string {
  const ofTable = (items: number) => {
    const percent = (items / summary.tableItems) * 100;
    const digits = percent < 0.1 ? 3 : percent < 10 ? 2 : 1;
    return `${percent.toFixed(digits)}% (${grouped(Math.round(items))})`;
  };
  const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  const header = [
    'points',
    'queries',
    'mismatches',
    'items read: mean',
    'p50',
    'p99',
    'max',
    `under ${summary.goalPercent}%`,
    'precision reached',
    'handler p50',
    'handler p99',
    'search round trips: p50',
    'max',
  ];
  const lines = [
    summary.machine,
    '',
    summary.seeding,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 || i === 8 ? '---' : '--:')).join('|')}|`,
  ];
  for (const row of summary.rows) {
    const underGoal = row.itemsRead.filter((n) => (n / summary.tableItems) * 100 < summary.goalPercent).length;
    const cells = [
      row.label,
      grouped(row.itemsRead.length),
      String(row.mismatches),
      ofTable(mean(row.itemsRead)),
      ofTable(percentile(row.itemsRead, 0.5)),
      ofTable(percentile(row.itemsRead, 0.99)),
      ofTable(Math.max(...row.itemsRead)),
      share(underGoal, row.itemsRead.length),
      precisionMix(row.precisions),
      ms(percentile(row.latencies, 0.5)),
      ms(percentile(row.latencies, 0.99)),
      String(percentile(row.rounds, 0.5)),
      String(Math.max(...row.rounds)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
