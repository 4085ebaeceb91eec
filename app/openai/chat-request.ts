import { z } from "zod";
import { ApiError } from "../server/api-error.js";
import { decodeRequest, optional } from "../server/json-body.js";
import { nativeMessages } from "./chat-messages.js";
import type { NativeChatRequest } from "./native-types.js";
import { thinkFromEffort } from "./reasoning.js";
import { stopSequences } from "./sampling-options.js";

const toolCallSchema = z.object({
  id: optional(z.string()),
  type: optional(z.string()),
  function: optional(z.object({ name: optional(z.string()), arguments: optional(z.string()) })),
});

const messageSchema = z.object({
  role: optional(z.string()),
  content: z.unknown().optional(),
  reasoning: optional(z.string()),
  tool_calls: optional(z.array(toolCallSchema)),
  name: optional(z.string()),
  tool_call_id: optional(z.string()),
});

const chatCompletionSchema = z.object({
  model: optional(z.string()),
  messages: optional(z.array(messageSchema)),
  stream: optional(z.boolean()),
  stream_options: optional(z.object({ include_usage: optional(z.boolean()) })),
  max_tokens: optional(z.number().int()),
  max_completion_tokens: optional(z.number().int()),
  seed: optional(z.number().int()),
  stop: z.unknown().optional(),
  temperature: optional(z.number()),
  frequency_penalty: optional(z.number()),
  presence_penalty: optional(z.number()),
  top_p: optional(z.number()),
  response_format: optional(
    z.object({
      type: optional(z.string()),
      json_schema: optional(z.object({ schema: z.unknown().optional() })),
    }),
  ),
  // Tools keep native's shape; the native handler validates them.
  tools: optional(z.array(z.unknown())),
  reasoning: optional(z.object({ effort: optional(z.string()) })),
  reasoning_effort: optional(z.string()),
  logprobs: optional(z.boolean()),
  top_logprobs: optional(z.number().int()),
  _debug_render_only: optional(z.boolean()),
});

export type ChatCompletionRequest = z.output<typeof chatCompletionSchema>;

export function decodeChatCompletion(body: unknown): ChatCompletionRequest {
  const request = decodeRequest(chatCompletionSchema, body, "ChatCompletionRequest");
  if (!request.messages || request.messages.length === 0) throw new ApiError(400, "[] is too short - 'messages'");
  return request;
}

/** `response_format` as native `format`: JSON mode, a JSON schema, or nothing. */
function formatFrom(responseFormat: ChatCompletionRequest["response_format"]): unknown {
  switch (responseFormat?.type?.trim().toLowerCase()) {
    case "json_object":
      return "json";
    case "json_schema":
      return responseFormat?.json_schema?.schema ?? undefined;
    default:
      return undefined;
  }
}

/**
 * The native /api/chat body for an OpenAI chat completion. OpenAI's sampling defaults (temperature and
 * top_p of 1.0) are sent explicitly, so they win over the model's own PARAMETERs, as in Ollama.
 */
export function nativeChatRequest(request: ChatCompletionRequest): NativeChatRequest {
  const options: Record<string, unknown> = {};
  const stop = stopSequences(request.stop, false);
  if (stop) options.stop = stop;
  // max_completion_tokens is OpenAI's newer name for max_tokens; it wins when both are given.
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens !== undefined) options.num_predict = maxTokens;
  options.temperature = request.temperature ?? 1.0;
  if (request.seed !== undefined) options.seed = request.seed;
  if (request.frequency_penalty !== undefined) options.frequency_penalty = request.frequency_penalty;
  if (request.presence_penalty !== undefined) options.presence_penalty = request.presence_penalty;
  options.top_p = request.top_p ?? 1.0;

  const effort = request.reasoning ? request.reasoning.effort : request.reasoning_effort;
  const native: NativeChatRequest = {
    model: request.model,
    messages: nativeMessages(request.messages ?? []),
    stream: request.stream ?? false,
    options,
  };
  const format = formatFrom(request.response_format);
  if (format !== undefined) native.format = format;
  if (request.tools) native.tools = request.tools;
  const think = thinkFromEffort(effort);
  if (think !== undefined) native.think = think;
  if (request.logprobs) native.logprobs = true;
  if (request.top_logprobs !== undefined) native.top_logprobs = request.top_logprobs;
  if (request._debug_render_only) native._debug_render_only = true;
  return native;
}
