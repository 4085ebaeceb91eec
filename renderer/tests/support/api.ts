import type { TestEngine } from "../../../app/testing/test-engine.js";

export type Json = Record<string, any>;

export async function getJson(engine: TestEngine, path: string): Promise<Json> {
  const reply = await fetch(`${engine.url}${path}`);
  if (!reply.ok) throw new Error(`GET ${path}: ${reply.status} ${await reply.text()}`);
  return (await reply.json()) as Json;
}

export async function sendJson(engine: TestEngine, method: string, path: string, body: unknown): Promise<Json> {
  const reply = await fetch(`${engine.url}${path}`, { method, body: JSON.stringify(body) });
  if (!reply.ok) throw new Error(`${method} ${path}: ${reply.status} ${await reply.text()}`);
  const text = await reply.text();
  return text ? (JSON.parse(text) as Json) : {};
}
