import type { LlamaRuntime } from "../runtime/llama-runtime.js";
import type { GenerateOptions, GenerateStats, TokenLogprob } from "../runtime/protocol.js";
import type { Lease } from "../scheduler/scheduler.js";
import { Channel } from "../server/channel.js";

export type GenerationEvent = { text: string; logprobs?: TokenLogprob[] } | { stats: GenerateStats };

/**
 * Runs a generation on a leased runner and yields its text pieces, then its stats. The lease is released
 * when the generation ends, however it ends; aborting the signal cancels it in the worker.
 */
export async function* generationStream(
  runtime: LlamaRuntime,
  lease: Lease,
  options: GenerateOptions,
  signal: AbortSignal,
): AsyncGenerator<GenerationEvent> {
  const channel = new Channel<GenerationEvent>();
  const finished = runtime
    .generate(lease.runner.handle, options, (text, logprobs) => channel.push(logprobs ? { text, logprobs } : { text }), signal)
    .then((stats) => {
      channel.push({ stats });
      channel.close();
    }, (error: unknown) => channel.fail(error))
    .finally(() => lease.release());
  try {
    yield* channel;
  } finally {
    if (!signal.aborted) await finished;
  }
}
