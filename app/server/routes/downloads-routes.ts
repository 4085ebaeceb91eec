// Downloads in progress: a Paddock addition (Ollama has no such view) for the UI and the CLI.
//
// GET /api/downloads
//   200 {"downloads":[{"model":"llama3.2:latest","digest":"sha256:<hex>","total":N,"completed":M,
//                      "speed":<bytes per second>,"state":"downloading"|"paused"|"verifying"|"failed",
//                      "error"?:"<why it failed>"}]}
//   One row per blob. A download pauses when every pull waiting on it has gone (its partial files stay;
//   pulling the model again resumes it). Paused rows left by an earlier run of the engine are found from
//   their partial files. Finished blobs drop out of the list.
//
// DELETE /api/downloads {"model":"<name>"} or {"digest":"sha256:<hex>"}
//   Cancels the matching downloads, even while pulls wait on them (those pulls end with
//   {"error":"download discarded"}), and deletes their partial files.
//   200 {"discarded":["sha256:<hex>",...]}
//   400 {"error":"model or digest is required"} / {"error":"invalid model name"}
//   404 {"error":"no download for '<model or digest>'"}

import type { Context } from "hono";
import { z } from "zod";
import type { Engine } from "../../engine/engine.js";
import { INVALID_MODEL_NAME, parseModelReference, sameName, parseModelName } from "../../names/model-name.js";
import { isCanonicalDigest } from "../../store/digest.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, optional, readJson } from "../json-body.js";
import { jsonResponse } from "../responses.js";

export async function listDownloads(engine: Engine): Promise<Response> {
  return jsonResponse({ downloads: await engine.downloads.list() });
}

const discardSchema = z.object({ model: optional(z.string()), name: optional(z.string()), digest: optional(z.string()) });

export async function discardDownloads(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(discardSchema, await readJson(c), "DiscardDownloadRequest");
  const requested = request.model || request.name || "";
  const digest = request.digest ?? "";
  if (!requested && !digest) throw new ApiError(400, "model or digest is required");
  if (digest && !isCanonicalDigest(digest)) throw new ApiError(400, "invalid digest format");
  let wanted: ReturnType<typeof parseModelName>;
  if (requested) {
    const reference = parseModelReference(requested, { pull: true });
    if ("error" in reference) throw new ApiError(400, INVALID_MODEL_NAME);
    wanted = reference.name;
  }
  const discarded = await engine.downloads.discard((view) => {
    if (digest && view.digest !== digest) return false;
    if (!wanted) return true;
    const owner = parseModelName(view.model);
    return owner !== undefined && sameName(owner, wanted);
  });
  if (discarded.length === 0) throw new ApiError(404, `no download for '${requested || digest}'`);
  return jsonResponse({ discarded });
}
