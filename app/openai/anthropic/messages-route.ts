import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import { ApiError } from "../../server/api-error.js";
import { jsonResponse } from "../../server/responses.js";
import { nativeErrorOf } from "../compat-errors.js";
import { callNative } from "../native-app.js";
import { readNativeLines } from "../native-stream.js";
import type { NativeChatReply, NativeChatRequest } from "../native-types.js";
import { readCompatJson } from "../request-body.js";
import { sseResponse } from "../sse.js";
import { anthropicError, anthropicId, withAnthropicErrors } from "./anthropic-errors.js";
import { decodeMessages, estimateInputTokens, nativeChatFromMessages } from "./messages-request.js";
import { toMessagesResponse } from "./messages-response.js";
import { messagesEvents } from "./messages-stream.js";

/**
 * Anthropic clients (Claude Code among them) ask for thinking whatever the model; as in Ollama, the
 * request is then quietly served without it instead of failing with "does not support thinking".
 */
async function relaxThinking(engine: Engine, native: NativeChatRequest): Promise<void> {
  if (!native.think) return;
  const unknown = () => new ApiError(404, "");
  const record = await engine.catalog.resolve(native.model ?? "", { missing: unknown, notFound: unknown }).catch(() => undefined);
  // An unknown model keeps its think value; the native handler answers with the right error.
  if (record && !(await engine.catalog.capabilities(record)).includes("thinking")) delete native.think;
}

/** POST /v1/messages: Anthropic's Messages API over native /api/chat. */
export const messages = withAnthropicErrors(async (engine: Engine, c: Context) => {
  const request = decodeMessages(await readCompatJson(c));
  const native = nativeChatFromMessages(request);
  await relaxThinking(engine, native);
  const reply = await callNative(engine, c, "/api/chat", native);
  if (!reply.ok) {
    const { status, message } = await nativeErrorOf(reply);
    return anthropicError(status, message);
  }
  const id = anthropicId("msg");
  if (!native.stream) return jsonResponse(toMessagesResponse(id, (await reply.json()) as NativeChatReply), 200, "application/json");
  const { lines, cancel } = readNativeLines(reply.body);
  return sseResponse(messagesEvents(lines, id, request.model ?? "", estimateInputTokens(request)), cancel, { "cache-control": "no-cache" });
});
