import { appendFileSync } from "node:fs";
import type { TestContext } from "node:test";

/** The value below which p percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Counts of each key, printed largest first: `200×12 404×3`. */
export class Histogram {
  private readonly counts = new Map<string, number>();

  add(key: string | number, by = 1): void {
    const name = String(key);
    this.counts.set(name, (this.counts.get(name) ?? 0) + by);
  }

  get(key: string | number): number {
    return this.counts.get(String(key)) ?? 0;
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  keys(): string[] {
    return [...this.counts.keys()];
  }

  toString(): string {
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, count]) => `${key}×${count}`)
      .join(" ");
  }
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

/**
 * Prints figures under the test (TAP diagnostics) and, when the hard runner asked for it, appends them
 * to its figures file so the run ends with every figure in one place.
 */
export function report(t: TestContext, title: string, lines: string[]): void {
  for (const line of [title, ...lines.map((line) => `  ${line}`)]) t.diagnostic(line);
  const file = process.env.PADDOCK_FIGURES_FILE;
  if (file) appendFileSync(file, `${title}\n${lines.map((line) => `  ${line}\n`).join("")}`);
}
