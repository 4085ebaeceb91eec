import type { GenerateStats } from "../runtime/protocol.js";

/** The metrics of a final chunk, named and ordered as Ollama writes them (nanoseconds). */
export function finalMetrics(stats: GenerateStats, loadDurationNs: number, startedAt: bigint) {
  return {
    total_duration: Number(process.hrtime.bigint() - startedAt),
    load_duration: loadDurationNs,
    prompt_eval_count: stats.promptEvalCount,
    prompt_eval_duration: stats.promptEvalDurationNs,
    eval_count: stats.evalCount,
    eval_duration: stats.evalDurationNs,
  };
}
