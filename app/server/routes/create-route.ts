import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import { createModel, createRequestSchema, planCreate } from "../../models/create-model.js";
import { decodeRequest, readJson } from "../json-body.js";
import { streamResponse } from "../responses.js";
import { requestAbort } from "../request-abort.js";

export async function create(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(createRequestSchema, await readJson(c), "CreateRequest");
  const plan = await planCreate(engine.store, request);
  return streamResponse(createModel(engine.store, request, plan), {
    stream: request.stream ?? true,
    abort: requestAbort(c),
    aggregate: (items) => items[items.length - 1],
    nonStreamContentType: "application/json",
  });
}
