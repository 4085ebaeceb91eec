import type { Context } from "hono";
import { z } from "zod";
import { readGguf } from "../../gguf/gguf-reader.js";
import { modelFacts, modelInfo, tensorList } from "../../gguf/model-facts.js";
import { shortName } from "../../names/model-name.js";
import { renderModelfile } from "../../models/modelfile-text.js";
import { formatParametersForShow } from "../../options/format-parameters.js";
import type { Engine } from "../../engine/engine.js";
import { ApiError } from "../api-error.js";
import { decodeRequest, optional, readJson } from "../json-body.js";
import { goLocalTimestamp, jsonResponse } from "../responses.js";

const showSchema = z.object({
  model: optional(z.string()),
  name: optional(z.string()),
  verbose: optional(z.boolean()),
  system: optional(z.string()),
  options: optional(z.record(z.string(), z.unknown())),
});

export async function showModel(engine: Engine, c: Context): Promise<Response> {
  const request = decodeRequest(showSchema, await readJson(c), "ShowRequest");
  const requested = request.model || request.name || "";
  const record = await engine.catalog.resolve(requested, {
    missing: () => new ApiError(400, "model is required"),
    notFound: (_requested, name) => new ApiError(404, `model '${shortName(name)}' not found`),
  });
  let file;
  try {
    file = record.modelPath ? await readGguf(record.modelPath, { maxArrayLength: request.verbose ? Infinity : 5 }) : undefined;
  } catch (error) {
    throw new ApiError(500, error instanceof Error ? error.message : String(error));
  }
  const facts = file ? modelFacts(file) : undefined;
  const name = shortName(record.name);
  const template = record.template ?? facts?.chatTemplate;
  const shownParams = { ...record.params, ...(request.options ?? {}) };
  const body: Record<string, unknown> = {};
  if (record.licenses.length > 0) body.license = record.licenses.join("\n");
  body.modelfile = renderModelfile(record, { shortName: name, system: request.system, params: shownParams });
  const parameters = formatParametersForShow(record.params);
  if (parameters) body.parameters = parameters;
  if (template) body.template = template;
  const system = request.system ?? record.system;
  if (system) body.system = system;
  if (record.config.renderer) body.renderer = record.config.renderer;
  if (record.config.parser) body.parser = record.config.parser;
  body.details = engine.catalog.details(record, facts);
  if (record.messages.length > 0) body.messages = record.messages;
  body.model_info = file ? modelInfo(file, { verbose: request.verbose ?? false }) : {};
  if (file) body.tensors = tensorList(file);
  const capabilities = await engine.catalog.capabilities(record);
  if (capabilities.length > 0) body.capabilities = capabilities;
  body.modified_at = goLocalTimestamp(record.stored.modifiedAt);
  if (record.config.requires) body.requires = record.config.requires;
  return jsonResponse(body);
}
