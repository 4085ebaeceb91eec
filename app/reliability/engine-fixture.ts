import { createHash } from "node:crypto";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { basename } from "node:path";
import { testModelPath } from "../testing/test-model-file.js";

/** A loopback port where nothing listens (bound, then released): registry traffic sent there goes nowhere. */
export async function deadPort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function postJson(url: string, path: string, body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, { method: "POST", body: JSON.stringify(body), ...init });
}

/** Uploads the project's tiny GGUF (or the given file) and creates `name` from it over HTTP; returns the blob digest. */
export async function createTestModel(url: string, name: string, ggufPath?: string, extra: Record<string, unknown> = {}): Promise<string> {
  const path = ggufPath ?? (await testModelPath());
  const bytes = await readFile(path);
  const digest = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  const upload = await fetch(`${url}/api/blobs/${digest}`, { method: "POST", body: bytes });
  if (upload.status !== 201 && upload.status !== 200) throw new Error(`blob upload failed: ${upload.status} ${await upload.text()}`);
  const reply = await postJson(url, "/api/create", { model: name, files: { [basename(path)]: digest }, stream: false, ...extra });
  if (reply.status !== 200) throw new Error(`create failed: ${reply.status} ${await reply.text()}`);
  return digest;
}

export interface GenerateReply {
  status: number;
  body: Record<string, any>;
}

/** A non-streamed generate: the shape every "the engine still works" check uses. */
export async function generateOnce(url: string, model: string, numPredict = 3, timeoutMs = 120_000): Promise<GenerateReply> {
  const reply = await postJson(url, "/api/generate", { model, prompt: "still there?", stream: false, options: { num_predict: numPredict } }, { signal: AbortSignal.timeout(timeoutMs) });
  return { status: reply.status, body: (await reply.json()) as Record<string, any> };
}
