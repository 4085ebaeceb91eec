import { z } from "zod";
import { ApiError } from "../../server/api-error.js";
import { decodeRequest, optional } from "../../server/json-body.js";
import { decodeStdBase64 } from "../base64.js";
import type { NativeChatRequest, NativeMessage, NativeToolCall } from "../native-types.js";

const sourceSchema = z.object({ type: optional(z.string()), media_type: optional(z.string()), data: optional(z.string()), url: optional(z.string()) });

const blockSchema = z.object({
  type: optional(z.string()),
  text: optional(z.string()),
  source: optional(sourceSchema),
  id: optional(z.string()),
  name: optional(z.string()),
  input: optional(z.record(z.string(), z.unknown())),
  tool_use_id: optional(z.string()),
  content: z.unknown().optional(),
  thinking: optional(z.string()),
});

type Block = Partial<z.output<typeof blockSchema>>;

const messageSchema = z.object({
  role: optional(z.string()),
  // A plain string is shorthand for one text block.
  content: optional(z.union([z.string(), z.array(blockSchema)])),
});

const toolSchema = z.object({
  type: optional(z.string()),
  name: optional(z.string()),
  description: optional(z.string()),
  input_schema: z.unknown().optional(),
});

const messagesSchema = z.object({
  model: optional(z.string()),
  max_tokens: optional(z.number().int()),
  messages: optional(z.array(messageSchema)),
  system: z.unknown().optional(),
  stream: optional(z.boolean()),
  temperature: optional(z.number()),
  top_p: optional(z.number()),
  top_k: optional(z.number().int()),
  stop_sequences: optional(z.array(z.string())),
  tools: optional(z.array(toolSchema)),
  thinking: optional(z.object({ type: optional(z.string()), budget_tokens: optional(z.number().int()) })),
  output_config: optional(z.object({ effort: optional(z.string()) })),
});

export type MessagesRequest = z.output<typeof messagesSchema>;

const bad = (message: string) => new ApiError(400, message);

/** Decodes a Messages request and checks the fields Anthropic requires, in Ollama's order. */
export function decodeMessages(body: unknown): MessagesRequest {
  const request = decodeRequest(messagesSchema, body, "MessagesRequest");
  if (!request.model) throw bad("model is required");
  if (!request.max_tokens || request.max_tokens <= 0) throw bad("max_tokens is required and must be positive");
  if (!request.messages || request.messages.length === 0) throw bad("messages is required");
  return request;
}

function imageData(source: Block["source"]): string {
  if (source?.type !== "base64") throw bad(`invalid image source type: ${source?.type ?? ""}. Only base64 images are supported.`);
  const bytes = decodeStdBase64(source.data ?? "");
  if (!bytes) throw bad("invalid base64 image data: illegal base64 data");
  return bytes.toString("base64");
}

/** A tool_result's content: a string, or text and image blocks. */
function toolResult(content: unknown): { text: string; images: string[] } {
  if (typeof content === "string") return { text: content, images: [] };
  if (!Array.isArray(content)) return { text: "", images: [] };
  let text = "";
  const images: string[] = [];
  for (const item of content) {
    if (typeof item !== "object" || item === null) continue;
    const block = item as Record<string, unknown>;
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    if (block.type === "image") {
      if (typeof block.source !== "object" || block.source === null) throw bad("invalid tool_result image source");
      images.push(imageData(block.source as Block["source"]));
    }
  }
  return { text, images };
}

/**
 * One Anthropic message as native messages: its text, images, tool uses and thinking make one message;
 * each tool_result becomes a `tool` message, placed before a user's own text as the model saw it.
 */
function nativeMessagesOf(message: z.output<typeof messageSchema>): NativeMessage[] {
  const role = (message.role ?? "").toLowerCase();
  const blocks: Block[] = typeof message.content === "string" ? [{ type: "text", text: message.content }] : (message.content ?? [{ type: "text", text: "" }]);
  let text = "";
  let thinking = "";
  const images: string[] = [];
  const toolCalls: NativeToolCall[] = [];
  const results: NativeMessage[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "text":
        text += block.text ?? "";
        break;
      case "image":
        if (!block.source) throw bad("invalid image source");
        images.push(imageData(block.source));
        break;
      case "tool_use":
        if (!block.id) throw bad("tool_use block missing required 'id' field");
        if (!block.name) throw bad("tool_use block missing required 'name' field");
        toolCalls.push({ id: block.id, function: { name: block.name, arguments: block.input ?? {} } });
        break;
      case "tool_result": {
        const { text: content, images: resultImages } = toolResult(block.content);
        const result: NativeMessage = { role: "tool", content };
        if (resultImages.length > 0) result.images = resultImages;
        if (block.tool_use_id) result.tool_call_id = block.tool_use_id;
        results.push(result);
        break;
      }
      case "thinking":
        thinking = block.thinking ?? thinking;
        break;
      default:
        // Other block types (documents, server tools) carry nothing a local model can use.
        break;
    }
  }
  const own: NativeMessage[] = [];
  if (text || images.length > 0 || toolCalls.length > 0 || thinking) {
    const native: NativeMessage = { role, content: text };
    if (thinking) native.thinking = thinking;
    if (images.length > 0) native.images = images;
    if (toolCalls.length > 0) native.tool_calls = toolCalls;
    own.push(native);
  }
  return role === "user" ? [...results, ...own] : [...own, ...results];
}

/** `system` is a string or a list of text blocks, joined. */
function systemText(system: unknown): string {
  if (typeof system === "string") return system;
  if (!Array.isArray(system)) return "";
  return system
    .filter((block): block is { type: string; text: string } => typeof block === "object" && block !== null && block.type === "text" && typeof block.text === "string")
    .map((block) => block.text)
    .join("");
}

function nativeTools(tools: MessagesRequest["tools"]): unknown[] | undefined {
  // Anthropic's server-side web search needs the cloud; offline it is left out.
  const custom = (tools ?? []).filter((tool) => !tool.type?.startsWith("web_search"));
  if (custom.length === 0) return undefined;
  return custom.map((tool) => {
    const schema = tool.input_schema;
    if (schema !== undefined && schema !== null && (typeof schema !== "object" || Array.isArray(schema))) {
      throw bad(`invalid input_schema for tool ${JSON.stringify(tool.name ?? "")}: input_schema must be an object`);
    }
    const fn: Record<string, unknown> = { name: tool.name ?? "" };
    if (tool.description) fn.description = tool.description;
    if (schema) fn.parameters = schema;
    return { type: "function", function: fn };
  });
}

/** `thinking` wins; otherwise an effort level asks for thinking at that level. */
function thinkOf(request: MessagesRequest): boolean | string | undefined {
  if (request.thinking?.type === "enabled") return true;
  if (request.thinking?.type === "disabled") return false;
  let effort = request.output_config?.effort?.trim().toLowerCase();
  if (effort === "xhigh") effort = "high";
  return effort && ["high", "medium", "low", "max"].includes(effort) ? effort : undefined;
}

/** The native /api/chat body for an Anthropic Messages request. */
export function nativeChatFromMessages(request: MessagesRequest): NativeChatRequest {
  const messages: NativeMessage[] = [];
  const system = systemText(request.system);
  if (system) messages.push({ role: "system", content: system });
  for (const message of request.messages ?? []) messages.push(...nativeMessagesOf(message));
  const options: Record<string, unknown> = { num_predict: request.max_tokens };
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.top_p !== undefined) options.top_p = request.top_p;
  if (request.top_k !== undefined) options.top_k = request.top_k;
  if (request.stop_sequences && request.stop_sequences.length > 0) options.stop = request.stop_sequences;
  const native: NativeChatRequest = { model: request.model, messages, stream: request.stream ?? false, options };
  const tools = nativeTools(request.tools);
  if (tools) native.tools = tools;
  const think = thinkOf(request);
  if (think !== undefined) native.think = think;
  return native;
}

/** Roughly four characters a token: message_start needs an input count before the model has one. */
export function estimateInputTokens(request: MessagesRequest): number {
  let length = JSON.stringify(request.system ?? "").length;
  for (const message of request.messages ?? []) length += (message.role ?? "").length + JSON.stringify(message.content ?? "").length;
  for (const tool of request.tools ?? []) length += (tool.name ?? "").length + (tool.description ?? "").length + JSON.stringify(tool.input_schema ?? "").length;
  return Math.max(1, Math.floor(length / 4));
}
