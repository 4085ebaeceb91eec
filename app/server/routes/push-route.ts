import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import { pushModel } from "../../registry/push-model.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, readJson } from "../json-body.js";
import { registryRequestSchema } from "./registry-request.js";
import { requestAbort } from "../request-abort.js";
import { streamResponse } from "../responses.js";

/** POST /api/push {model|name, insecure?, stream?} (§8.6): name problems arrive as stream errors, as upstream. */
export async function push(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(registryRequestSchema, await readJson(c), "PushRequest");
  const requested = request.model || request.name || "";
  if (!requested) throw new ApiError(400, "model is required");
  const abort = requestAbort(c);
  const lines = pushModel(engine.store, engine.downloads.options, requested, { insecure: request.insecure ?? false, signal: abort.signal });
  return streamResponse(lines, {
    stream: request.stream ?? true,
    abort,
    aggregate: (items) => items[items.length - 1],
    nonStreamContentType: "application/json",
  });
}
