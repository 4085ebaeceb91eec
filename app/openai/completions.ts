import { z } from "zod";
import { decodeRequest, optional } from "../server/json-body.js";
import { SYSTEM_FINGERPRINT, finishReason, usageOf } from "./chat-response.js";
import { unixSeconds } from "./ids.js";
import { endingInOpenAiError, nativeReplies } from "./native-stream.js";
import type { NativeGenerateReply } from "./native-types.js";
import { stopSequences } from "./sampling-options.js";
import { DONE, type SseEvent } from "./sse.js";

const completionSchema = z.object({
  model: optional(z.string()),
  // Only a string prompt is supported, as in Ollama; an array is a decode error.
  prompt: optional(z.string()),
  suffix: optional(z.string()),
  max_tokens: optional(z.number().int()),
  temperature: optional(z.number()),
  top_p: optional(z.number()),
  frequency_penalty: optional(z.number()),
  presence_penalty: optional(z.number()),
  seed: optional(z.number().int()),
  stop: z.unknown().optional(),
  stream: optional(z.boolean()),
  stream_options: optional(z.object({ include_usage: optional(z.boolean()) })),
  logprobs: optional(z.number().int()),
  _debug_render_only: optional(z.boolean()),
});

export type CompletionRequest = z.output<typeof completionSchema>;

export function decodeCompletion(body: unknown): CompletionRequest {
  return decodeRequest(completionSchema, body, "CompletionRequest");
}

/**
 * The native /api/generate body for a legacy completion. The penalties are always sent (0 when absent)
 * and a top_p of 0 means 1.0, so these override the model's PARAMETERs, as in Ollama.
 */
export function nativeGenerateRequest(request: CompletionRequest): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const stop = stopSequences(request.stop, true);
  if (stop) options.stop = stop;
  if (request.max_tokens !== undefined) options.num_predict = request.max_tokens;
  options.temperature = request.temperature ?? 1.0;
  if (request.seed !== undefined) options.seed = request.seed;
  options.frequency_penalty = request.frequency_penalty ?? 0;
  options.presence_penalty = request.presence_penalty ?? 0;
  options.top_p = request.top_p ? request.top_p : 1.0;
  const native: Record<string, unknown> = { model: request.model, prompt: request.prompt ?? "", options, stream: request.stream ?? false };
  if (request.suffix) native.suffix = request.suffix;
  if (request.logprobs !== undefined && request.logprobs > 0) Object.assign(native, { logprobs: true, top_logprobs: request.logprobs });
  if (request._debug_render_only) native._debug_render_only = true;
  return native;
}

function choice(reply: NativeGenerateReply) {
  return { text: reply.response, index: 0, finish_reason: finishReason(reply.done_reason, false) };
}

export function toCompletion(id: string, reply: NativeGenerateReply) {
  return {
    id,
    object: "text_completion",
    created: unixSeconds(reply.created_at),
    model: reply.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [choice(reply)],
    usage: usageOf(reply),
  };
}

/**
 * One text_completion event per native object, the last with its finish_reason, then [DONE]. With
 * include_usage every event carries a zeroed usage and an extra event with `choices: []` brings the
 * real one, as Ollama sends it.
 */
export function completionEvents(lines: AsyncIterable<unknown>, id: string, includeUsage: boolean): AsyncGenerator<SseEvent | typeof DONE> {
  return endingInOpenAiError(textCompletionEvents(nativeReplies<NativeGenerateReply>(lines), id, includeUsage));
}

async function* textCompletionEvents(replies: AsyncIterable<NativeGenerateReply>, id: string, includeUsage: boolean): AsyncGenerator<SseEvent | typeof DONE> {
  for await (const reply of replies) {
    const event: Record<string, unknown> = {
      id,
      object: "text_completion",
      created: Math.floor(Date.now() / 1000),
      choices: [choice(reply)],
      model: reply.model,
      system_fingerprint: SYSTEM_FINGERPRINT,
    };
    if (includeUsage) event.usage = usageOf({});
    yield { data: event };
    if (!reply.done) continue;
    if (includeUsage) yield { data: { ...event, choices: [], usage: usageOf(reply) } };
    yield DONE;
    return;
  }
}
