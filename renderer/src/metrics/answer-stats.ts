import type { AnswerMetrics, ChatChunk } from "../api/types.js";

const NS_PER_S = 1e9;

export interface AnswerStats {
  loadSeconds?: number;
  firstTokenSeconds?: number;
  promptTokens?: number;
  promptRate?: number;
  generatedTokens?: number;
  generationRate?: number;
  totalSeconds?: number;
  doneReason?: string;
}

function rate(count: number | undefined, durationNs: number | undefined): number | undefined {
  if (!count || !durationNs) return undefined;
  return count / (durationNs / NS_PER_S);
}

/** The numbers shown for an answer, from what the engine reported and what the UI measured. */
export function answerStats(metrics: AnswerMetrics | undefined): AnswerStats {
  if (!metrics) return {};
  const stats: AnswerStats = {
    loadSeconds: metrics.load_duration !== undefined ? metrics.load_duration / NS_PER_S : undefined,
    firstTokenSeconds: metrics.first_token_ms !== undefined ? metrics.first_token_ms / 1000 : undefined,
    promptTokens: metrics.prompt_eval_count,
    promptRate: rate(metrics.prompt_eval_count, metrics.prompt_eval_duration),
    generatedTokens: metrics.eval_count ?? metrics.token_ms?.length,
    generationRate: rate(metrics.eval_count, metrics.eval_duration),
    totalSeconds: metrics.total_duration !== undefined ? metrics.total_duration / NS_PER_S : metrics.wall_ms !== undefined ? metrics.wall_ms / 1000 : undefined,
    doneReason: metrics.done_reason,
  };
  // A stopped answer has no final chunk: estimate the generation rate from the arrival times.
  if (stats.generationRate === undefined && metrics.token_ms && metrics.token_ms.length > 1) {
    const times = metrics.token_ms;
    const span = (times[times.length - 1] - times[0]) / 1000;
    if (span > 0) stats.generationRate = (times.length - 1) / span;
  }
  return stats;
}

/** Keeps at most `max` arrival times, evenly spread, so a long answer stores a small timeline. */
export function thinTimes(times: number[], max = 400): number[] {
  if (times.length <= max) return times.map((time) => Math.round(time));
  const step = times.length / max;
  const kept: number[] = [];
  for (let i = 0; i < max; i++) kept.push(Math.round(times[Math.floor(i * step)]));
  kept[kept.length - 1] = Math.round(times[times.length - 1]);
  return kept;
}

/**
 * Arrival times per token. The engine sends one piece per token while the client keeps up, but joins
 * pieces when it falls behind; with the final token count known, each piece gets its share of the tokens
 * by its length, so the timeline counts tokens rather than network messages.
 */
export function tokenTimes(pieceMs: number[], pieceChars: number[], tokenCount: number | undefined): number[] {
  if (!tokenCount || tokenCount <= pieceMs.length) return pieceMs;
  const totalChars = pieceChars.reduce((sum, chars) => sum + chars, 0);
  if (totalChars <= 0) return pieceMs;
  const times: number[] = [];
  let chars = 0;
  for (let i = 0; i < pieceMs.length; i++) {
    chars += pieceChars[i];
    const upTo = Math.max(i + 1, Math.round((tokenCount * chars) / totalChars));
    while (times.length < upTo) times.push(pieceMs[i]);
  }
  return times;
}

/** The metrics saved with an answer. */
export function answerMetrics(
  final: ChatChunk | undefined,
  timeline: { firstTokenMs?: number; tokenMs: number[]; pieceChars?: number[]; wallMs: number },
  stoppedReason?: string,
): AnswerMetrics {
  const metrics: AnswerMetrics = {};
  if (final) {
    for (const key of ["total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration", "done_reason"] as const) {
      if (final[key] !== undefined) (metrics as Record<string, unknown>)[key] = final[key];
    }
  }
  if (!metrics.done_reason && stoppedReason) metrics.done_reason = stoppedReason;
  if (timeline.firstTokenMs !== undefined) metrics.first_token_ms = Math.round(timeline.firstTokenMs);
  const times = timeline.pieceChars ? tokenTimes(timeline.tokenMs, timeline.pieceChars, final?.eval_count) : timeline.tokenMs;
  metrics.token_ms = thinTimes(times);
  metrics.wall_ms = Math.round(timeline.wallMs);
  return metrics;
}

export interface RatePoint {
  /** Seconds since the request was sent. */
  t: number;
  /** Tokens per second around t. */
  rate: number;
}

/**
 * Tokens per second over time from arrival times. Tokens reach the browser in bursts (several NDJSON
 * lines per network read), so each point counts the tokens in a window around it (a tenth of the answer's
 * span, at least 20 ms) and divides by the part of the window that lies within the answer.
 */
export function rateSeries(tokenMs: number[], endMs: number, points = 80): RatePoint[] {
  const n = tokenMs.length;
  if (n < 2) return n === 1 ? [{ t: tokenMs[0] / 1000, rate: 0 }] : [];
  const first = tokenMs[0];
  const last = tokenMs[n - 1];
  const span = Math.max(last - first, 0.001);
  const window = Math.max(span / 10, 20);
  const series: RatePoint[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i <= points; i++) {
    const t = first + (span * i) / points;
    const from = Math.max(first, t - window / 2);
    const to = Math.min(last, t + window / 2);
    while (lo < n && tokenMs[lo] < from) lo++;
    while (hi < n && tokenMs[hi] <= to) hi++;
    // The first token opens the answer: count the gaps after it, not the token itself.
    const count = hi - lo - (lo === 0 ? 1 : 0);
    series.push({ t: t / 1000, rate: Math.max(0, count) / (Math.max(to - from, 0.001) / 1000) });
  }
  if (endMs > last) series.push({ t: endMs / 1000, rate: series[series.length - 1].rate });
  return series;
}

/** Tokens per second over the last second of a live stream. */
export function liveRate(tokenMs: number[], nowMs: number): number {
  if (tokenMs.length < 2) return 0;
  const windowStart = Math.max(tokenMs[0], nowMs - 1000);
  const recent = tokenMs.filter((time) => time >= windowStart).length;
  const span = (nowMs - windowStart) / 1000;
  return span > 0.05 ? recent / span : 0;
}
