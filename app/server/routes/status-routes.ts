import type { Engine } from "../../engine/engine.js";
import { PADDOCK_VERSION } from "../../engine/version.js";
import { goLocalTimestamp, jsonResponse } from "../responses.js";

export function root(): Response {
  return new Response("Ollama is running", { headers: { "content-type": "text/plain; charset=utf-8" } });
}

export function version(): Response {
  return jsonResponse({ version: PADDOCK_VERSION });
}

/** Loaded models, the one with the most time left first. */
export function listRunning(engine: Engine): Response {
  const runners = engine.scheduler.loaded().sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime());
  return jsonResponse({
    models: runners.map((runner) => ({
      name: runner.model.displayName,
      model: runner.model.displayName,
      size: runner.memoryBytes,
      digest: runner.model.digest,
      details: runner.model.details,
      expires_at: goLocalTimestamp(runner.expiresAt),
      size_vram: 0,
      context_length: runner.info.contextSize,
    })),
  });
}
