import { ApiError } from "../server/api-error.js";
import { decodeStdBase64 } from "./base64.js";
import { goTypeOf } from "./go-type-name.js";
import type { NativeMessage, NativeToolCall } from "./native-types.js";

export interface OpenAiToolCall {
  id?: string;
  function?: { name?: string; arguments?: string };
}

export interface OpenAiMessage {
  role?: string;
  content?: unknown;
  reasoning?: string;
  tool_calls?: OpenAiToolCall[];
  name?: string;
  tool_call_id?: string;
}

const bad = (message: string) => new ApiError(400, message);

const IMAGE_PREFIXES = ["jpeg", "jpg", "png", "webp"].map((type) => `data:image/${type};base64,`);

/** A data: URL as native base64 image data; remote URLs are refused since Paddock never fetches. */
function imageFromUrl(url: string): string {
  if (url.startsWith("http://") || url.startsWith("https://")) {
    throw bad("image URLs are not currently supported, please use base64 encoded data instead");
  }
  // A blank MIME type matches /api/chat, which takes bare base64.
  const prefix = url.startsWith("data:;base64,") ? "data:;base64," : IMAGE_PREFIXES.find((candidate) => url.startsWith(candidate));
  const bytes = prefix === undefined ? undefined : decodeStdBase64(url.slice(prefix.length));
  if (!bytes) throw bad("invalid image input");
  return bytes.toString("base64");
}

function audioFromPart(part: Record<string, unknown>): string {
  const audio = part.input_audio;
  if (typeof audio !== "object" || audio === null || Array.isArray(audio)) throw bad("invalid input_audio format");
  const data = (audio as Record<string, unknown>).data;
  if (typeof data !== "string") throw bad("invalid input_audio format: missing data");
  const bytes = decodeStdBase64(data);
  if (!bytes) throw bad("invalid input_audio base64 data: illegal base64 data");
  return bytes.toString("base64");
}

/** One content part as its own native message with the part's text or image. */
function messageFromPart(role: string, part: unknown): NativeMessage {
  if (typeof part !== "object" || part === null || Array.isArray(part)) throw bad("invalid message format");
  const fields = part as Record<string, unknown>;
  switch (fields.type) {
    case "text":
      if (typeof fields.text !== "string") throw bad("invalid message format");
      return { role, content: fields.text };
    case "image_url": {
      const image = fields.image_url;
      const url = typeof image === "object" && image !== null ? (image as Record<string, unknown>).url : image;
      if (typeof url !== "string") throw bad("invalid message format");
      return { role, content: "", images: [imageFromUrl(url)] };
    }
    case "input_audio":
      return { role, content: "", images: [audioFromPart(fields)] };
    default:
      throw bad("invalid message format");
  }
}

/** Assistant tool calls carry their arguments as a JSON string; native wants the object. */
function nativeToolCalls(calls: OpenAiToolCall[]): NativeToolCall[] {
  return calls.map((call) => {
    let args: unknown;
    try {
      args = JSON.parse(call.function?.arguments ?? "");
    } catch {
      throw bad("invalid tool call arguments");
    }
    if (args !== null && (typeof args !== "object" || Array.isArray(args))) throw bad("invalid tool call arguments");
    const native: NativeToolCall = { function: { name: call.function?.name ?? "", arguments: (args ?? {}) as Record<string, unknown> } };
    if (call.id) native.id = call.id;
    return native;
  });
}

/** A tool result names its tool, or else the assistant call it answers does (the latest such call wins). */
function toolNameFor(message: OpenAiMessage, all: OpenAiMessage[]): string | undefined {
  if ((message.role ?? "").toLowerCase() !== "tool") return undefined;
  if (message.name) return message.name;
  if (!message.tool_call_id) return undefined;
  for (let i = all.length - 1; i >= 0; i--) {
    const call = all[i].tool_calls?.find((candidate) => candidate.id === message.tool_call_id);
    if (call) return call.function?.name;
  }
  return undefined;
}

/** Drops the optional fields that are empty, as Go's omitempty would on the native request. */
function compact(message: NativeMessage): NativeMessage {
  const result: NativeMessage = { role: message.role, content: message.content };
  if (message.thinking) result.thinking = message.thinking;
  if (message.images?.length) result.images = message.images;
  if (message.tool_calls) result.tool_calls = message.tool_calls;
  if (message.tool_name) result.tool_name = message.tool_name;
  if (message.tool_call_id) result.tool_call_id = message.tool_call_id;
  return result;
}

/**
 * OpenAI messages as native ones. An array of content parts becomes one native message per part, all
 * with the message's role; tool calls, tool name and reasoning then go on the last of them.
 */
export function nativeMessages(messages: OpenAiMessage[]): NativeMessage[] {
  const result: NativeMessage[] = [];
  for (const message of messages) {
    const role = message.role ?? "";
    const toolName = toolNameFor(message, messages);
    const { content } = message;
    if (typeof content === "string") {
      result.push({
        role,
        content,
        thinking: message.reasoning,
        tool_calls: message.tool_calls && nativeToolCalls(message.tool_calls),
        tool_name: toolName,
        tool_call_id: message.tool_call_id,
      });
    } else if (Array.isArray(content)) {
      for (const part of content) result.push(messageFromPart(role, part));
      const last = result[result.length - 1];
      if (last && message.tool_calls && message.tool_calls.length > 0) {
        Object.assign(last, { tool_calls: nativeToolCalls(message.tool_calls), tool_name: toolName, tool_call_id: message.tool_call_id, thinking: message.reasoning });
      }
    } else {
      // Content may only be left out when the message carries tool calls.
      if (!message.tool_calls) throw bad(`invalid message content type: ${goTypeOf(content)}`);
      result.push({ role, content: "", thinking: message.reasoning, tool_calls: nativeToolCalls(message.tool_calls), tool_call_id: message.tool_call_id });
    }
  }
  return result.map(compact);
}
