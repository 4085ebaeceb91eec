import { unixSeconds } from "./ids.js";
import { endingInOpenAiError, nativeReplies } from "./native-stream.js";
import type { NativeChatReply } from "./native-types.js";
import { DONE, type SseEvent } from "./sse.js";
import { SYSTEM_FINGERPRINT, choiceLogprobs, finishReason, openAiToolCalls, usageOf, type OpenAiToolCallOut } from "./chat-response.js";

interface Delta {
  role?: "assistant";
  content?: string;
  reasoning?: string;
  tool_calls?: OpenAiToolCallOut[];
}

/**
 * Turns native /api/chat stream objects into chat.completion.chunk events: the first carries the role,
 * a native object with both thinking and content is split (reasoning first), the metrics-only final
 * object gives no empty content event, then come the finish event, the optional usage event and [DONE].
 */
export function chatCompletionEvents(lines: AsyncIterable<unknown>, id: string, includeUsage: boolean): AsyncGenerator<SseEvent | typeof DONE> {
  return endingInOpenAiError(chatEvents(nativeReplies<NativeChatReply>(lines), id, includeUsage));
}

async function* chatEvents(replies: AsyncIterable<NativeChatReply>, id: string, includeUsage: boolean): AsyncGenerator<SseEvent | typeof DONE> {
  // OpenAI stamps one `created` on every chunk of a stream: the first native object's.
  let created: number | undefined;
  let model = "";
  let firstSent = false;
  let toolCallSent = false;
  let toolIndex = 0;
  const chunk = (delta: Delta, extra: Record<string, unknown> = {}): SseEvent => ({
    data: {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices: [{ index: 0, delta, finish_reason: null, ...extra }],
    },
  });
  for await (const reply of replies) {
    created ??= unixSeconds(reply.created_at);
    model = reply.model;
    const { content, thinking } = reply.message;
    const toolCalls = openAiToolCalls(reply.message.tool_calls, toolIndex);
    toolIndex += toolCalls.length;
    const logprobs = choiceLogprobs(reply.logprobs);
    const emptyTrailer = reply.done && firstSent && !content && !thinking && toolCalls.length === 0 && !logprobs;
    if (!emptyTrailer) {
      const role: Delta = firstSent ? {} : { role: "assistant" };
      const withLogprobs = logprobs ? { logprobs } : {};
      const withTools = toolCalls.length > 0 ? { tool_calls: toolCalls } : {};
      if (thinking && (content || toolCalls.length > 0)) {
        yield chunk({ ...role, reasoning: thinking }, withLogprobs);
        yield chunk({ content, ...withTools });
      } else {
        yield chunk({ ...role, content, ...(thinking ? { reasoning: thinking } : {}), ...withTools }, withLogprobs);
      }
      firstSent = true;
      toolCallSent ||= toolCalls.length > 0;
    }
    if (!reply.done) continue;
    const finish = chunk({}, { finish_reason: finishReason(reply.done_reason || "stop", toolCallSent) });
    yield finish;
    if (includeUsage) yield { data: { ...(finish.data as object), choices: [], usage: usageOf(reply) } };
    yield DONE;
    return;
  }
}
