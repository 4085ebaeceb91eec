export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of the ratios of runs taken side by side (a[i] against b[i]), rounded to 3 places. */
export function pairedMedianRatio(a: readonly number[], b: readonly number[]): number {
  const ratios = a.slice(0, b.length).map((value, i) => value / b[i]);
  return round(median(ratios), 3);
}

export function round(value: number, places = 0): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
