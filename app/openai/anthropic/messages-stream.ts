import { streamedError } from "../compat-errors.js";
import type { NativeChatReply } from "../native-types.js";
import type { SseEvent } from "../sse.js";
import { anthropicErrorBody } from "./anthropic-errors.js";
import { stopReason, toolUseBlock } from "./messages-response.js";

const event = (type: string, data: Record<string, unknown>): SseEvent => ({ event: type, data: { type, ...data } });

/**
 * Turns native /api/chat stream objects into Anthropic's Messages events: message_start, then content
 * blocks (thinking, text, one per tool use) each opened, filled with deltas and stopped, then
 * message_delta with the stop reason and usage, and message_stop.
 */
export async function* messagesEvents(lines: AsyncIterable<unknown>, id: string, model: string, estimatedInputTokens: number): AsyncGenerator<SseEvent> {
  let started = false;
  let index = 0;
  let thinkingOpen = false;
  let thinkingDone = false;
  let textOpen = false;
  let toolUsed = false;
  const stopBlock = () => event("content_block_stop", { index });
  // Thinking ends for good once the answer (text or a tool use) begins.
  function* closeThinking(): Generator<SseEvent> {
    if (thinkingOpen && !thinkingDone) {
      thinkingDone = true;
      yield stopBlock();
      index++;
    }
  }
  function* closeText(): Generator<SseEvent> {
    if (textOpen) {
      yield stopBlock();
      index++;
      textOpen = false;
    }
  }
  try {
    for await (const line of lines) {
      const error = streamedError(line);
      if (error !== undefined) {
        const { type, error: detail } = anthropicErrorBody(500, error);
        yield { event: type, data: { type, error: detail } };
        return;
      }
      const reply = line as NativeChatReply;
      if (!started) {
        started = true;
        const inputTokens = reply.prompt_eval_count || estimatedInputTokens;
        yield event("message_start", { message: { id, type: "message", role: "assistant", model, content: [], usage: { input_tokens: inputTokens, output_tokens: 0 } } });
      }
      const { thinking, content, tool_calls: toolCalls = [] } = reply.message;
      if (thinking && !thinkingDone) {
        yield* closeText();
        if (!thinkingOpen) {
          thinkingOpen = true;
          yield event("content_block_start", { index, content_block: { type: "thinking", thinking: "" } });
        }
        yield event("content_block_delta", { index, delta: { type: "thinking_delta", thinking } });
      }
      if (content) {
        yield* closeThinking();
        if (!textOpen) {
          textOpen = true;
          yield event("content_block_start", { index, content_block: { type: "text", text: "" } });
        }
        yield event("content_block_delta", { index, delta: { type: "text_delta", text: content } });
      }
      for (const call of toolCalls) {
        yield* closeThinking();
        yield* closeText();
        const block = toolUseBlock(call);
        yield event("content_block_start", { index, content_block: { ...block, input: {} } });
        yield event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input) } });
        yield stopBlock();
        index++;
        toolUsed = true;
      }
      if (!reply.done) continue;
      if (textOpen || (thinkingOpen && !thinkingDone)) yield stopBlock();
      const reason = stopReason(reply.done_reason, toolUsed);
      yield event("message_delta", {
        delta: reason ? { stop_reason: reason } : {},
        usage: { input_tokens: reply.prompt_eval_count ?? 0, output_tokens: reply.eval_count ?? 0 },
      });
      yield event("message_stop", {});
      return;
    }
  } catch (error) {
    const { type, error: detail } = anthropicErrorBody(500, error instanceof Error ? error.message : String(error));
    yield { event: type, data: { type, error: detail } };
  }
}
