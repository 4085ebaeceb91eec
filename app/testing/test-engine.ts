import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readSettings, type Settings } from "../settings/settings.js";
import { startServer, type RunningServer } from "../server/http-server.js";

export interface TestEngine extends RunningServer {
  modelsDir: string;
  post(path: string, body: unknown): Promise<Response>;
  fetchDelete(model: string): Promise<Response>;
  /** Reads an NDJSON reply into its objects. */
  postLines(path: string, body: unknown): Promise<Array<Record<string, any>>>;
}

/** The real engine on a free loopback port with an empty models folder of its own. */
export async function startTestEngine(env: Record<string, string> = {}): Promise<TestEngine> {
  const modelsDir = await mkdtemp(join(tmpdir(), "paddock-test-models-"));
  const settings: Settings = readSettings({ PADDOCK_HOST: "127.0.0.1:0", PADDOCK_MODELS: modelsDir, ...env });
  const running = await startServer(settings, (line) => {
    if (process.env.PADDOCK_TEST_LOG) process.stderr.write(`${line}\n`);
  });
  const post = (path: string, body: unknown) =>
    fetch(`${running.url}${path}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) });
  return {
    ...running,
    modelsDir,
    post,
    fetchDelete: (model) => fetch(`${running.url}/api/delete`, { method: "DELETE", body: JSON.stringify({ model }) }),
    async postLines(path, body) {
      const text = await (await post(path, body)).text();
      return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
    },
    async close() {
      await running.close();
      await rm(modelsDir, { recursive: true, force: true });
    },
  };
}

export function sha256Text(data: string | Uint8Array): string {
  return `sha256:${createHash("sha256").update(data).digest("hex")}`;
}

export async function sha256File(path: string): Promise<string> {
  return sha256Text(await readFile(path));
}

/** Uploads a GGUF as a blob and creates a model from it over HTTP, as `ollama create` does. */
export async function createModelFromFile(engine: TestEngine, name: string, ggufPath: string, extra: Record<string, unknown> = {}): Promise<void> {
  const digest = await sha256File(ggufPath);
  const upload = await fetch(`${engine.url}/api/blobs/${digest}`, { method: "POST", body: await readFile(ggufPath) });
  if (upload.status !== 201 && upload.status !== 200) throw new Error(`blob upload failed: ${upload.status} ${await upload.text()}`);
  const reply = await engine.post("/api/create", { model: name, files: { [basename(ggufPath)]: digest }, stream: false, ...extra });
  if (reply.status !== 200) throw new Error(`create failed: ${reply.status} ${await reply.text()}`);
}

const SHARED_MODELS = fileURLToPath(new URL("../../../shared/models/", import.meta.url));

/** A model from ../shared/models when that folder exists (it does on developer machines and CI, not on a fresh clone). */
export function sharedModel(file: string): string | undefined {
  const path = join(SHARED_MODELS, file);
  return existsSync(path) ? path : undefined;
}
