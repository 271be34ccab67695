/** Median and 95th percentile of a sample, in milliseconds. */
export function summarise(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

export async function time(runs: number, warmup: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–');

export interface Row {
  figure: string;
  app: number[];
  bare?: number[];
}

export function printTable(rows: Row[]): void {
  const lines = [['figure', 'median', 'p95', 'bare median', 'bare p95', 'app / bare']];
  for (const row of rows) {
    const app = summarise(row.app);
    const bare = row.bare ? summarise(row.bare) : undefined;
    lines.push([
      row.figure,
      ms(app.median),
      ms(app.p95),
      bare ? ms(bare.median) : '–',
      bare ? ms(bare.p95) : '–',
      bare ? `${(app.median / bare.median).toFixed(1)}×` : '–',
    ]);
  }
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  for (const [i, line] of lines.entries()) {
    console.log(line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}
