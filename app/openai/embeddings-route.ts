import type { Context } from "hono";
import { z } from "zod";
import type { Engine } from "../engine/engine.js";
import { ApiError } from "../server/api-error.js";
import { decodeRequest, optional } from "../server/json-body.js";
import { jsonResponse } from "../server/responses.js";
import { float32Base64 } from "./base64.js";
import { nativeErrorOf } from "./compat-errors.js";
import { callNative } from "./native-app.js";
import type { NativeEmbedReply } from "./native-types.js";
import { openAiError, withOpenAiErrors } from "./openai-errors.js";
import { readCompatJson } from "./request-body.js";

const embeddingSchema = z.object({
  model: optional(z.string()),
  input: z.unknown().optional(),
  dimensions: optional(z.number().int()),
  encoding_format: optional(z.string()),
});

type EmbeddingRequest = z.output<typeof embeddingSchema>;

/** Checks OpenAI's own fields; what is left (e.g. a token array as input) the native handler refuses. */
function checkedEmbedding(body: unknown): EmbeddingRequest {
  const request = decodeRequest(embeddingSchema, body, "EmbedRequest");
  const format = request.encoding_format;
  if (format && !["float", "base64"].includes(format.toLowerCase())) {
    throw new ApiError(400, `Invalid value for 'encoding_format' = ${format}. Supported values: ['float', 'base64'].`);
  }
  // An empty string still asks for one embedding; nothing, or an empty list, asks for none.
  if (request.input === "") request.input = [""];
  if (request.input === undefined || (Array.isArray(request.input) && request.input.length === 0)) throw new ApiError(400, "invalid input");
  return request;
}

/**
 * POST /v1/embeddings over native /api/embed. The official openai client asks for base64 unless told
 * otherwise, and decodes the little-endian float32 bytes itself.
 */
export const embeddings = withOpenAiErrors(async (engine: Engine, c: Context) => {
  const request = checkedEmbedding(await readCompatJson(c));
  const native: Record<string, unknown> = { model: request.model, input: request.input };
  if (request.dimensions) native.dimensions = request.dimensions;
  const reply = await callNative(engine, c, "/api/embed", native);
  if (!reply.ok) {
    const { status, message } = await nativeErrorOf(reply);
    return openAiError(status, message);
  }
  const embedded = (await reply.json()) as NativeEmbedReply;
  const base64 = request.encoding_format?.toLowerCase() === "base64";
  const tokens = embedded.prompt_eval_count ?? 0;
  return jsonResponse(
    {
      object: "list",
      data: embedded.embeddings.map((vector, index) => ({ object: "embedding", embedding: base64 ? float32Base64(vector) : vector, index })),
      model: request.model ?? "",
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    },
    200,
    "application/json",
  );
});
