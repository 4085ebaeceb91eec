import type { Context } from "hono";
import { z } from "zod";
import { parseModelName, shortName } from "../../names/model-name.js";
import { referencedDigests } from "../../store/manifest.js";
import { ApiError } from "../api-error.js";
import type { Engine } from "../../engine/engine.js";
import { decodeRequest, optional, readJson } from "../json-body.js";
import { emptyResponse, goLocalTimestamp, jsonResponse } from "../responses.js";

export async function listTags(engine: Engine): Promise<Response> {
  const { catalog, store } = engine;
  const manifests = await store.listManifests((path, error) => engine.log(`skipping manifest ${path}: ${String(error)}`));
  manifests.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime());
  const models = [];
  for (const stored of manifests) {
    const record = await catalog.resolveStored(stored).catch(() => undefined);
    if (!record) continue;
    const facts = await catalog.facts(record).catch(() => undefined);
    const capabilities = await catalog.capabilities(record);
    const name = shortName(stored.name);
    models.push({
      name,
      model: name,
      modified_at: goLocalTimestamp(stored.modifiedAt),
      size: stored.manifest.layers.reduce((sum, layer) => sum + layer.size, stored.manifest.config.size),
      digest: stored.digest,
      details: catalog.details(record, facts),
      ...(capabilities.length > 0 ? { capabilities } : {}),
    });
  }
  return jsonResponse({ models });
}

const copySchema = z.object({ source: optional(z.string()), destination: optional(z.string()) });

export async function copyModel(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(copySchema, await readJson(c), "CopyRequest");
  const source = request.source ?? "";
  const destination = request.destination ?? "";
  const from = parseModelName(source);
  if (!from) throw new ApiError(400, `source "${source}" is invalid`);
  const to = parseModelName(destination);
  if (!to) throw new ApiError(400, `destination "${destination}" is invalid`);
  const stored = await engine.catalog.find(from);
  if (!stored) throw new ApiError(404, `model "${source}" not found`);
  const target = await engine.store.resolveExisting(to);
  if (engine.store.manifestPath(stored.name) !== engine.store.manifestPath(target)) {
    await engine.store.copyManifest(stored.name, target);
  }
  return emptyResponse(200);
}

const deleteSchema = z.object({ model: optional(z.string()), name: optional(z.string()) });

export async function deleteModel(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(deleteSchema, await readJson(c), "DeleteRequest");
  const requested = request.model || request.name || "";
  const name = engine.catalog.parseName(requested, {
    missing: () => new ApiError(400, "model is required"),
    invalid: () => new ApiError(400, `name "${requested}" is invalid`),
  });
  const stored = await engine.catalog.find(name);
  if (!stored) throw new ApiError(404, `model '${requested}' not found`);
  await engine.store.deleteManifest(stored.name);
  await engine.store.removeUnreferencedBlobs(referencedDigests(stored.manifest));
  return emptyResponse(200);
}
