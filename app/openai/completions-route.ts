import type { Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { jsonResponse } from "../server/responses.js";
import { nativeErrorOf } from "./compat-errors.js";
import { completionEvents, decodeCompletion, nativeGenerateRequest, toCompletion } from "./completions.js";
import { shortId } from "./ids.js";
import { callNative } from "./native-app.js";
import { readNativeLines } from "./native-stream.js";
import type { NativeGenerateReply } from "./native-types.js";
import { openAiError, withOpenAiErrors } from "./openai-errors.js";
import { readCompatJson } from "./request-body.js";
import { sseResponse } from "./sse.js";

/** POST /v1/completions: a legacy text completion over native /api/generate. */
export const completions = withOpenAiErrors(async (engine: Engine, c: Context) => {
  const request = decodeCompletion(await readCompatJson(c));
  const native = nativeGenerateRequest(request);
  if (native._debug_render_only) native.stream = false;
  const reply = await callNative(engine, c, "/api/generate", native);
  if (!reply.ok) {
    const { status, message } = await nativeErrorOf(reply);
    return openAiError(status, message);
  }
  const id = shortId("cmpl");
  if (!native.stream) {
    const body = (await reply.json()) as NativeGenerateReply & { _debug_info?: unknown };
    const completion: Record<string, unknown> = toCompletion(id, body);
    if (body._debug_info) completion._debug_info = body._debug_info;
    return jsonResponse(completion, 200, "application/json");
  }
  const { lines, cancel } = readNativeLines(reply.body);
  return sseResponse(completionEvents(lines, id, request.stream_options?.include_usage ?? false), cancel);
});
