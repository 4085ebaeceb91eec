import { toolCallId, unixSeconds } from "./ids.js";
import type { NativeChatReply, NativeLogprob, NativeToolCall } from "./native-types.js";

export const SYSTEM_FINGERPRINT = "fp_ollama";

export interface OpenAiToolCallOut {
  id: string;
  index: number;
  type: "function";
  function: { name: string; arguments: string };
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(reply: { prompt_eval_count?: number; eval_count?: number }): Usage {
  const prompt = reply.prompt_eval_count ?? 0;
  const completion = reply.eval_count ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/**
 * Native tool calls in OpenAI's shape: arguments become a JSON string. A call without an index takes
 * `nextIndex` (its place in the stream), one without an id gets a fresh `call_` id.
 */
export function openAiToolCalls(calls: NativeToolCall[] | undefined, nextIndex = 0): OpenAiToolCallOut[] {
  return (calls ?? []).map((call, position) => ({
    id: call.id || toolCallId(),
    index: call.function.index ?? nextIndex + position,
    type: "function",
    function: { name: call.function.name, arguments: JSON.stringify(call.function.arguments ?? {}) },
  }));
}

export function choiceLogprobs(logprobs: NativeLogprob[] | undefined): { content: NativeLogprob[] } | undefined {
  return logprobs && logprobs.length > 0 ? { content: logprobs } : undefined;
}

/** Native `done_reason` as OpenAI's `finish_reason`: a stop that produced tool calls is "tool_calls". */
export function finishReason(doneReason: string | undefined, hadToolCalls: boolean): string | null {
  if (doneReason === "stop" && hadToolCalls) return "tool_calls";
  return doneReason ? doneReason : null;
}

/** A non-streamed native chat reply as an OpenAI chat.completion. */
export function toChatCompletion(id: string, reply: NativeChatReply) {
  const toolCalls = openAiToolCalls(reply.message.tool_calls);
  const message: Record<string, unknown> = { role: reply.message.role, content: reply.message.content };
  if (reply.message.thinking) message.reasoning = reply.message.thinking;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const choice: Record<string, unknown> = { index: 0, message, finish_reason: finishReason(reply.done_reason, toolCalls.length > 0) };
  const logprobs = choiceLogprobs(reply.logprobs);
  if (logprobs) choice.logprobs = logprobs;
  const completion: Record<string, unknown> = {
    id,
    object: "chat.completion",
    created: unixSeconds(reply.created_at),
    model: reply.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [choice],
    usage: usageOf(reply),
  };
  if (reply._debug_info) completion._debug_info = reply._debug_info;
  return completion;
}
