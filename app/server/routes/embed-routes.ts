import type { Context } from "hono";
import { z } from "zod";
import type { Engine } from "../../engine/engine.js";
import { prepareRun } from "../../inference/prepare-run.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, optional, readJson } from "../json-body.js";
import { jsonResponse } from "../responses.js";
import { requestAbort } from "../request-abort.js";

const embedSchema = z.object({
  model: optional(z.string()),
  input: z.unknown().optional(),
  truncate: optional(z.boolean()),
  dimensions: optional(z.number().int()),
  keep_alive: z.unknown().optional(),
  options: optional(z.record(z.string(), z.unknown())),
});

function embedInputs(input: unknown): string[] {
  if (input === undefined || input === null) return [];
  if (typeof input === "string") return input === "" ? [] : [input];
  if (Array.isArray(input) && input.every((item) => typeof item === "string")) return input;
  throw new ApiError(400, "invalid input type");
}

function cutAndNormalise(vector: number[], dimensions: number | undefined): number[] {
  if (!dimensions || dimensions <= 0 || dimensions >= vector.length) return vector;
  const cut = vector.slice(0, dimensions);
  const norm = Math.sqrt(cut.reduce((sum, value) => sum + value * value, 0));
  return norm === 0 ? cut : cut.map((value) => value / norm);
}

const notFound = (requested: string) => () => new ApiError(404, `model "${requested}" not found, try pulling it first`);

export async function embed(engine: Engine, c: Context): Promise<Response> {
  const startedAt = process.hrtime.bigint();
  const request = decodeRequest(embedSchema, await readJson(c), "EmbedRequest");
  const requested = request.model ?? "";
  const inputs = embedInputs(request.input);
  const record = await engine.catalog.resolve(requested, {
    missing: () => new ApiError(404, "model '' not found"),
    notFound: notFound(requested),
  });
  const abort = requestAbort(c);
  const { lease } = await prepareRun(engine, record, request.options, request.keep_alive, startedAt, abort.signal);
  try {
    if (inputs.length === 0) return jsonResponse({ model: requested, embeddings: [] });
    const result = await engine.runtime.embed(lease.runner.handle, inputs, request.truncate ?? true).catch((error: unknown) => {
      const status = (error as { status?: number }).status;
      throw new ApiError(status && status !== 500 ? status : 400, error instanceof Error ? error.message : String(error));
    });
    return jsonResponse({
      model: requested,
      embeddings: result.vectors.map((vector) => cutAndNormalise(vector, request.dimensions)),
      total_duration: Number(process.hrtime.bigint() - startedAt),
      load_duration: lease.loadDurationNs,
      prompt_eval_count: result.promptTokens,
    });
  } finally {
    lease.release();
  }
}

const embeddingsSchema = z.object({
  model: optional(z.string()),
  prompt: optional(z.string()),
  keep_alive: z.unknown().optional(),
  options: optional(z.record(z.string(), z.unknown())),
});

/** The legacy endpoint: one prompt, one vector, not normalised. */
export async function embeddings(engine: Engine, c: Context): Promise<Response> {
  const startedAt = process.hrtime.bigint();
  const request = decodeRequest(embeddingsSchema, await readJson(c), "EmbeddingRequest");
  const requested = request.model ?? "";
  const record = await engine.catalog.resolve(requested, {
    missing: () => new ApiError(400, "model is required"),
    notFound: notFound(requested),
  });
  const abort = requestAbort(c);
  const { lease } = await prepareRun(engine, record, request.options, request.keep_alive, startedAt, abort.signal);
  try {
    if (!request.prompt) return jsonResponse({ embedding: [] });
    const result = await engine.runtime.embed(lease.runner.handle, [request.prompt], true, false);
    return jsonResponse({ embedding: result.vectors[0] });
  } finally {
    lease.release();
  }
}
