/**
 * The chart's time axis. Usually linear; when the wait before the first token (a model load) takes most
 * of the answer's time, that wait is squeezed into the first quarter of the width so the generation stays
 * readable. Returns ms → 0..1.
 */
export function timeScale(totalMs: number, firstTokenMs: number | undefined): { at(ms: number): number; squeezed: boolean } {
  const total = Math.max(totalMs, 1);
  const squeeze = firstTokenMs !== undefined && firstTokenMs / total > 0.35 && total - firstTokenMs > 0;
  if (!squeeze) return { at: (ms) => Math.min(1, Math.max(0, ms / total)), squeezed: false };
  const split = 0.25;
  const first = firstTokenMs!;
  return {
    squeezed: true,
    at: (ms) => {
      if (ms <= first) return (Math.max(0, ms) / first) * split;
      return split + (Math.min(ms, total) - first) / (total - first) * (1 - split);
    },
  };
}
