import type { Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { jsonResponse } from "../server/responses.js";
import { decodeChatCompletion, nativeChatRequest } from "./chat-request.js";
import { toChatCompletion } from "./chat-response.js";
import { chatCompletionEvents } from "./chat-stream.js";
import { nativeErrorOf } from "./compat-errors.js";
import { shortId } from "./ids.js";
import { callNative } from "./native-app.js";
import { readNativeLines } from "./native-stream.js";
import type { NativeChatReply } from "./native-types.js";
import { openAiError, withOpenAiErrors } from "./openai-errors.js";
import { readCompatJson } from "./request-body.js";
import { sseResponse } from "./sse.js";

/** POST /v1/chat/completions: the request becomes a native /api/chat call, its reply OpenAI's. */
export const chatCompletions = withOpenAiErrors(async (engine: Engine, c: Context) => {
  const request = decodeChatCompletion(await readCompatJson(c));
  const native = nativeChatRequest(request);
  // A debug render answers with one object, so it is never streamed.
  if (native._debug_render_only) native.stream = false;
  const reply = await callNative(engine, c, "/api/chat", native);
  if (!reply.ok) {
    const { status, message } = await nativeErrorOf(reply);
    return openAiError(status, message);
  }
  const id = shortId("chatcmpl");
  if (!native.stream) return jsonResponse(toChatCompletion(id, (await reply.json()) as NativeChatReply), 200, "application/json");
  const { lines, cancel } = readNativeLines(reply.body);
  return sseResponse(chatCompletionEvents(lines, id, request.stream_options?.include_usage ?? false), cancel);
});
