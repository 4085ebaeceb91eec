import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import { createModel, createRequestSchema, planCreate } from "../../models/create-model.js";
import type { ModelName } from "../../names/model-name.js";
import { pullModel } from "../../registry/pull-model.js";
import { decodeRequest, readJson } from "../json-body.js";
import { streamResponse } from "../responses.js";
import { requestAbort } from "../request-abort.js";

export async function create(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(createRequestSchema, await readJson(c), "CreateRequest");
  const plan = await planCreate(engine.store, request);
  const abort = requestAbort(c);
  // A `from` that is not here is pulled first, with upstream's default registry options (never insecure).
  const pullBase = (name: ModelName) =>
    pullModel(engine.store, engine.downloads, name, { insecure: false, signal: abort.signal, noPrune: engine.settings.noPrune });
  return streamResponse(createModel(engine.store, request, plan, pullBase), {
    stream: request.stream ?? true,
    abort,
    aggregate: (items) => items[items.length - 1],
    nonStreamContentType: "application/json",
  });
}
