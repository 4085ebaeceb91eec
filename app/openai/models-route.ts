import type { Context } from "hono";
import type { Engine } from "../engine/engine.js";
import { parseModelNameBare, withDefaults } from "../names/model-name.js";
import { jsonResponse } from "../server/responses.js";
import { nativeErrorOf } from "./compat-errors.js";
import { callNative } from "./native-app.js";
import { openAiError, withOpenAiErrors } from "./openai-errors.js";

/** OpenAI's `owned_by` is the namespace of the name, `library` for the default one. */
function ownedBy(id: string): string {
  return withDefaults(parseModelNameBare(id)).namespace;
}

function unixOf(localTimestamp: unknown): number {
  const ms = typeof localTimestamp === "string" ? Date.parse(localTimestamp) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function toModel(id: string, modifiedAt: unknown) {
  return { id, object: "model", created: unixOf(modifiedAt), owned_by: ownedBy(id) };
}

interface NativeListed {
  name: string;
  model?: string;
  modified_at: string;
}

/** GET /v1/models over native /api/tags. With no models `data` is `[]` (Ollama sends null). */
export const listModels = withOpenAiErrors(async (engine: Engine, c: Context) => {
  const reply = await callNative(engine, c, "/api/tags");
  if (!reply.ok) {
    const { status, message } = await nativeErrorOf(reply);
    return openAiError(status, message);
  }
  const { models } = (await reply.json()) as { models: NativeListed[] };
  const data = models.map((listed) => toModel(listed.model || listed.name, listed.modified_at));
  return jsonResponse({ object: "list", data }, 200, "application/json");
});

/** GET /v1/models/:model over native /api/show; the id echoes the path exactly as given. */
export const retrieveModel = withOpenAiErrors(async (engine: Engine, c: Context) => {
  const id = c.req.param("model") ?? "";
  const reply = await callNative(engine, c, "/api/show", { model: id });
  if (!reply.ok) {
    const { status, message } = await nativeErrorOf(reply);
    return openAiError(status, message);
  }
  const shown = (await reply.json()) as { modified_at?: string };
  return jsonResponse(toModel(id, shown.modified_at), 200, "application/json");
});
