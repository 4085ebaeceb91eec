// Engine settings the UI edits: a Paddock addition. The engine reads its settings from the environment
// at start, so stored values take effect on the next start (see app/history/engine-settings.ts); a
// PADDOCK_/OLLAMA_ variable set in the environment still wins over a stored value.
//
// GET   /api/paddock/settings
//       200 {"stored":{<key>:<value>...},            what the user saved (absent keys: default)
//            "effective":{"models_dir","expose","origins","context_length","keep_alive"},  what runs now
//            "environment":{<key>:"<VARIABLE>"...},   settings a real environment variable sets
//            "pending":["<key>"...],                  saved values that wait for a restart
//            "data_dir":"<folder of paddock.db>",
//            "ollama_models_dir":{"path","exists"}}
// PATCH /api/paddock/settings {"models_dir"?:string|null,"expose"?:bool|null,"origins"?:string[]|null,
//                              "context_length"?:int|null,"keep_alive"?:string|null}
//       200 <as GET>; null removes the stored value (back to the default); 400 {"error"} when invalid.

import { dirname } from "node:path";
import type { Context } from "hono";
import type { Engine } from "../../engine/engine.js";
import {
  effectiveEngineSettings,
  environmentOverrides,
  ollamaModelsDir,
  pendingSettings,
  settingsPatchSchema,
  storedEngineSettings,
} from "../../history/engine-settings.js";
import { ApiError } from "../api-error.js";
import { readJson } from "../json-body.js";
import { jsonResponse } from "../responses.js";
import { parseRequest } from "./paddock-request.js";

function settingsView(engine: Engine): Response {
  const stored = storedEngineSettings(engine.history.settings.all());
  const effective = effectiveEngineSettings(engine.settings);
  const environment = environmentOverrides(process.env);
  return jsonResponse({
    stored,
    effective,
    environment,
    pending: pendingSettings(stored, effective, environment),
    data_dir: dirname(engine.history.file),
    ollama_models_dir: ollamaModelsDir(),
  });
}

export function getPaddockSettings(engine: Engine): Response {
  return settingsView(engine);
}

/**
 * Settings can expose the engine to the network, so only the engine's own pages (same origin), the desktop
 * app (app://) and non-browser clients (no Origin) may change them, not any page CORS lets in.
 */
function mayChangeSettings(c: Context): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined || origin.startsWith("app://")) return true;
  const host = c.req.header("host") ?? "";
  return origin === `http://${host}` || origin === `https://${host}`;
}

export async function updatePaddockSettings(engine: Engine, c: Context): Promise<Response> {
  if (!mayChangeSettings(c)) throw new ApiError(403, "settings can only be changed from the Paddock app");
  const patch = parseRequest(settingsPatchSchema(), await readJson(c));
  engine.history.settings.patch(patch);
  return settingsView(engine);
}
