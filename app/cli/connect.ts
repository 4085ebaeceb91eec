import { EngineClient } from "./engine-client.js";

/** A client for the configured engine, after checking that one answers (Ollama's commands do the same first). */
export async function connect(): Promise<EngineClient> {
  const client = EngineClient.fromEnvironment();
  await client.heartbeat();
  return client;
}
