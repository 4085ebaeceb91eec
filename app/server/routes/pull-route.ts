import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import { INVALID_MODEL_NAME, parseModelReference } from "../../names/model-name.js";
import { pullModel } from "../../registry/pull-model.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, readJson } from "../json-body.js";
import { registryRequestSchema } from "./registry-request.js";
import { requestAbort } from "../request-abort.js";
import { streamResponse } from "../responses.js";

/**
 * POST /api/pull {model|name, insecure?, stream?} (§8.5). Streams pull progress; a client that goes away
 * pauses the download (its partial files stay) unless another pull is waiting on the same blobs, and the
 * next pull of the model resumes it.
 */
export async function pull(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(registryRequestSchema, await readJson(c), "PullRequest");
  const reference = parseModelReference(request.model || request.name || "", { pull: true });
  if ("error" in reference) {
    // An empty name is "invalid model name" here, not "model is required" (an upstream quirk).
    throw new ApiError(400, reference.reason === "conflicting_source" ? reference.error : INVALID_MODEL_NAME);
  }
  const name = await engine.store.resolveExisting(reference.name);
  const abort = requestAbort(c);
  const lines = pullModel(engine.store, engine.downloads, name, {
    insecure: request.insecure ?? false,
    signal: abort.signal,
    noPrune: engine.settings.noPrune,
  });
  return streamResponse(lines, {
    stream: request.stream ?? true,
    abort,
    aggregate: (items) => items[items.length - 1],
    nonStreamContentType: "application/json",
  });
}
