export interface RunningModel {
  name: string;
  /** Bytes of memory the model takes. */
  size: number;
}

/** The models the engine has loaded (GET /api/ps), as the tray lists them. */
export async function fetchRunningModels(engineUrl: string, timeoutMs = 2000): Promise<RunningModel[]> {
  const reply = await fetch(`${engineUrl}/api/ps`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!reply.ok) throw new Error(`GET /api/ps answered ${reply.status}`);
  const body = (await reply.json()) as { models?: Array<{ name?: unknown; model?: unknown; size?: unknown }> };
  return (body.models ?? []).map((entry) => ({
    name: String(entry.name ?? entry.model ?? "?"),
    size: typeof entry.size === "number" ? entry.size : 0,
  }));
}

/** Unloads a model now, as `ollama stop` does: a request with keep_alive 0 and no prompt. */
export async function unloadModel(engineUrl: string, model: string): Promise<void> {
  const reply = await fetch(`${engineUrl}/api/generate`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model, keep_alive: 0 }),
  });
  await reply.body?.cancel();
  if (!reply.ok) throw new Error(`unloading ${model} failed: HTTP ${reply.status}`);
}
