import { toolCallId } from "../ids.js";
import type { NativeChatReply, NativeToolCall } from "../native-types.js";

/** Native `done_reason` as Anthropic's `stop_reason`; any tool call makes it "tool_use". */
export function stopReason(doneReason: string | undefined, hadToolCalls: boolean): string | undefined {
  if (hadToolCalls) return "tool_use";
  if (doneReason === "stop") return "end_turn";
  if (doneReason === "length") return "max_tokens";
  return doneReason ? "stop_sequence" : undefined;
}

export function toolUseBlock(call: NativeToolCall) {
  return { type: "tool_use", id: call.id || toolCallId(), name: call.function.name, input: call.function.arguments ?? {} };
}

/** A non-streamed native chat reply as an Anthropic message: thinking, then text, then tool uses. */
export function toMessagesResponse(id: string, reply: NativeChatReply) {
  const content: Array<Record<string, unknown>> = [];
  if (reply.message.thinking) content.push({ type: "thinking", thinking: reply.message.thinking });
  if (reply.message.content) content.push({ type: "text", text: reply.message.content });
  for (const call of reply.message.tool_calls ?? []) content.push(toolUseBlock(call));
  const response: Record<string, unknown> = { id, type: "message", role: "assistant", model: reply.model, content };
  const reason = stopReason(reply.done_reason, (reply.message.tool_calls ?? []).length > 0);
  if (reason) response.stop_reason = reason;
  response.usage = { input_tokens: reply.prompt_eval_count ?? 0, output_tokens: reply.eval_count ?? 0 };
  return response;
}
